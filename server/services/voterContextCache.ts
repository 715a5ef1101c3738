import { type RoundView, withRoundStatus } from "../../shared/breakout.js";
import type { ParticipantId, RoomId, WorkshopId } from "../../shared/ids.js";
import type { PollId, PollView } from "../../shared/poll.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { ParticipantRecord, WorkshopRecord } from "../domain/records.js";
import type { FullSnapshot } from "../domain/snapshot.js";
import type { WorkshopStore } from "../store/workshop/port.js";

/** What a vote is decided from, exactly as the store held it at `version`. */
export interface VoterContext {
  version: number;
  workshop: WorkshopRecord;
  /** Null: not (or no longer) in the workshop. */
  actor: ParticipantRecord | null;
  /** The workshop's current round, if it has one. */
  round: RoundView | null;
  /** The voter's room in the current round while it runs; null in the plenary. */
  roomId: RoomId | null;
  poll: PollView | null;
}

/** What the results feed needs per tick, exactly as the store held it at `version`. */
export interface PollsView {
  version: number;
  workshop: WorkshopRecord;
  round: RoundView | null;
  polls: PollView[];
}

/** One workshop's records a vote depends on, exact at `version`. */
interface WorkshopView {
  version: number;
  workshop: WorkshopRecord;
  round: RoundView | null;
  people: Map<ParticipantId, ParticipantRecord>;
  /** Of the current round only (the only one a ballot's room comes from). */
  assignments: Map<ParticipantId, RoomId>;
  polls: Map<PollId, PollView>;
}

interface Followed {
  view: WorkshopView | null;
  /** While a snapshot is being read: the batches delivered meanwhile, applied on top of it. */
  pending: WorkshopEvent[] | null;
  /** No new snapshot read before this time after one failed (the store is down: don't pile on). */
  retryAt: number;
}

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * A node's in-memory copy of the records a vote is decided from (the workshop, its people and
 * their rooms in the current round, the round, the polls), for the workshops this node follows,
 * so that a vote is one store round trip (the ballot script) instead of three.
 *
 * Exactness does not depend on this copy being fresh. The copy is one atomic snapshot moved
 * along the workshop's event log, event by event, in order (the event feed's batches), so it
 * is exactly the store's state at `version`. A vote decided from it is cast with that version
 * expected, and the ballot script counts nothing if the workshop has moved on since (a removal,
 * a role change, a move to another room, anything logged): the vote is then decided again from
 * fresh reads. Every change to these records appends an event (the store's contract), so
 * "still at `version`" means "nothing the decision read has changed".
 *
 * Only workshops the node follows are kept (the results feed says which: the node has sockets
 * there), one view each, dropped when the last socket leaves. An event the view cannot follow
 * exactly (a new round, a workshop update, a gap, an unknown type) drops it; the next vote
 * reads a new snapshot.
 */
export class VoterContextCache {
  private readonly followed = new Map<WorkshopId, Followed>();

  constructor(
    private readonly store: WorkshopStore,
    private readonly now: () => number = Date.now,
  ) {}

  follow(workshopId: WorkshopId): void {
    if (!this.followed.has(workshopId)) this.followed.set(workshopId, { view: null, pending: null, retryAt: 0 });
  }

  unfollow(workshopId: WorkshopId): void {
    this.followed.delete(workshopId);
  }

  /** The records a vote of `who` in `pollId` is decided from, or null when there is no view yet (decide fresh). */
  voterContext(workshopId: WorkshopId, participantId: ParticipantId, pollId: PollId): VoterContext | null {
    const view = this.viewOf(workshopId);
    if (!view) return null;
    const round = view.round;
    return {
      version: view.version,
      workshop: view.workshop,
      actor: view.people.get(participantId) ?? null,
      round,
      roomId: isRunning(round) ? (view.assignments.get(participantId) ?? null) : null,
      poll: view.polls.get(pollId) ?? null,
    };
  }

  /** The workshop, round and polls as of the view's version, or null when there is no view yet. */
  pollsView(workshopId: WorkshopId): PollsView | null {
    const view = this.viewOf(workshopId);
    if (!view) return null;
    return { version: view.version, workshop: view.workshop, round: view.round, polls: [...view.polls.values()] };
  }

  /** The event feed's batches, in order: each moves the view one event at a time. */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
    const followed = this.followed.get(workshopId);
    if (!followed) return;
    if (followed.pending) followed.pending.push(...events);
    if (followed.view) followed.view = advance(followed.view, events);
  }

  private viewOf(workshopId: WorkshopId): WorkshopView | null {
    const followed = this.followed.get(workshopId);
    if (!followed) return null;
    if (!followed.view && !followed.pending && this.now() >= followed.retryAt) this.load(workshopId, followed);
    return followed.view;
  }

  private load(workshopId: WorkshopId, followed: Followed): void {
    followed.pending = [];
    this.store.fullSnapshot(workshopId).then(
      (snapshot) => {
        const pending = followed.pending ?? [];
        followed.pending = null;
        if (this.followed.get(workshopId) !== followed || !snapshot) return;
        // Batches delivered while reading cover every version after the feed's position then,
        // which was at most the snapshot's: applied in order, they bring the view up to date.
        followed.view = advance(viewOfSnapshot(snapshot), pending);
      },
      () => {
        followed.pending = null;
        followed.retryAt = this.now() + RETRY_AFTER_FAILURE_MS;
      },
    );
  }
}

function viewOfSnapshot(snapshot: FullSnapshot): WorkshopView {
  const people = new Map<ParticipantId, ParticipantRecord>();
  for (const { online: _online, ...record } of snapshot.participants) people.set(record.participantId, record);
  return {
    version: snapshot.version,
    workshop: snapshot.workshop,
    round: snapshot.breakout.round,
    people,
    assignments: new Map(snapshot.breakout.assignments),
    polls: new Map(snapshot.polls.map((poll) => [poll.pollId, poll])),
  };
}

/** The view moved through the events (those at or below its version are already in it); null when it cannot follow. */
function advance(view: WorkshopView, events: readonly WorkshopEvent[]): WorkshopView | null {
  for (const event of events) {
    if (event.v <= view.version) continue;
    if (event.v !== view.version + 1 || !apply(view, event)) return null;
    view.version = event.v;
  }
  return view;
}

/** Applies one event to the view; false when the view cannot stay exact through it (read a new snapshot). */
function apply(view: WorkshopView, event: WorkshopEvent): boolean {
  switch (event.type) {
    case "participant:upserted": {
      const { participantId, displayName, role } = event.participant;
      const known = view.people.get(participantId);
      // Someone new is someone who just joined, and a join makes an active person. The event
      // does not carry joinedAt; nothing that reads this view uses it.
      view.people.set(
        participantId,
        known ? { ...known, displayName, role } : { participantId, displayName, role, status: "active", joinedAt: 0 },
      );
      return true;
    }
    case "participant:removed":
      view.people.delete(event.participantId);
      return true;
    case "breakout:round":
      // A status or timer change of the current round follows; a new round also changes the
      // workshop's current round and whose assignments count: read it all again.
      if (view.round === null || event.round.roundId !== view.round.roundId) return false;
      view.round = event.round;
      return true;
    case "breakout:roundStatus":
      if (view.round === null || event.roundId !== view.round.roundId) return false;
      view.round = withRoundStatus(view.round, event);
      return true;
    case "breakout:assigned":
      if (view.round !== null && event.roundId === view.round.roundId) {
        if (event.roomId === null) view.assignments.delete(event.participantId);
        else view.assignments.set(event.participantId, event.roomId);
      }
      return true;
    case "poll:upserted":
      view.polls.set(event.poll.pollId, event.poll);
      return true;
    case "poll:deleted":
      view.polls.delete(event.pollId);
      return true;
    case "participant:presence":
    case "participant:tagged":
    case "breakout:broadcast":
    case "help:updated":
    case "notes:access":
    case "programme:deleted":
    case "call:link":
    case "call:settings":
      return true;
    default:
      // workshop:updated (rare: the view keeps the full record, the event carries less),
      // programme:upserted (a create moved the record's programmeCount), and any
      // event type added later: rather read again than guess.
      return false;
  }
}
