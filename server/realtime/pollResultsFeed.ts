import type { RoundView } from "../../shared/breakout.js";
import type { WorkshopId } from "../../shared/ids.js";
import type { PollId, PollResultsUpdate, PollView } from "../../shared/poll.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { managesPoll, type PollViewer, seesPoll, seesResults } from "../domain/polls/lifecycle.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { PollService } from "../services/pollService.js";
import type { Store, Unsubscribe } from "../store/types.js";
import type { Membership } from "./eventFeed.js";
import { rooms, type WorkshopServer } from "./types.js";
import { type FollowerState, WorkshopFollower } from "./workshopFollower.js";

interface ResultsState extends FollowerState {
  /** Polls whose ballots changed since the last flush: sent to every allowed socket if the tally moved. */
  tallies: Set<PollId>;
  /** Polls whose visibility may have changed (opened, closed, edited): sent to every allowed socket. */
  polls: Set<PollId>;
  /** Sockets that need every poll they may see (just connected, moved room, changed role). */
  targets: Set<string>;
  /** Every poll, to every allowed socket (a round changed: leads and rooms). */
  everything: boolean;
  /** Highest tallyVersion this node sent per poll. */
  lastSent: Map<PollId, number>;
}

/**
 * Delivers live poll results to the sockets on THIS node, coalesced (invariant 5): whatever
 * the number of ballots, at most one results message per poll per interval, only when the
 * tally moved, and only to sockets allowed to see it (visibility setting, scope, manager).
 * The results are read from the poll's counters in one store read, encoded once, and emitted
 * to all allowed sockets in one call, so a vote storm of N voters costs O(N) messages per tick.
 */
export class PollResultsFeed extends WorkshopFollower<ResultsState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly store: Store,
    private readonly polls: PollService,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    super(intervalMs);
  }

  protected initialState(workshopId: WorkshopId): ResultsState {
    // While this node has sockets in the workshop it keeps a copy of what votes are decided
    // from, moved along by the same event batches this feed follows.
    this.polls.follow(workshopId);
    return {
      sockets: 1,
      tallies: new Set(),
      polls: new Set(),
      targets: new Set(),
      everything: false,
      lastSent: new Map(),
      unsubscribe: null,
    };
  }

  protected subscribe(workshopId: WorkshopId, state: ResultsState): Promise<Unsubscribe> {
    return this.store.subscribeTallies(workshopId, (pollId) => {
      state.tallies.add(pollId);
      this.schedule(workshopId);
    });
  }

  override detach(workshopId: WorkshopId): void {
    super.detach(workshopId);
    if (!this.states.has(workshopId)) this.polls.unfollow(workshopId);
  }

  /** A socket just got its state: send it the results of every poll it may see. */
  socketReady(workshopId: WorkshopId, socketId: string): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    state.targets.add(socketId);
    this.schedule(workshopId);
  }

  /** Called with each batch the event feed delivered (memberships already moved with it). */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
    // First, so the flush this may schedule (and every vote after it) sees the batch.
    this.polls.eventsDelivered(workshopId, events);
    const state = this.states.get(workshopId);
    if (!state) return;
    const people = new Set<string>();
    for (const event of events) {
      if (event.type === "poll:upserted") state.polls.add(event.poll.pollId);
      else if (event.type === "breakout:round") state.everything = true;
      else if (event.type === "breakout:assigned") people.add(event.participantId);
      else if (event.type === "participant:upserted") people.add(event.participant.participantId);
    }
    if (people.size > 0) {
      for (const [socketId, membership] of this.membersOf(workshopId)) {
        if (people.has(membership.participantId)) state.targets.add(socketId);
      }
    }
    if (state.polls.size > 0 || state.targets.size > 0 || state.everything) this.schedule(workshopId);
  }

  protected async flush(workshopId: WorkshopId, state: ResultsState): Promise<void> {
    const tallies = state.tallies;
    const changedPolls = state.polls;
    const targets = state.targets;
    const everything = state.everything;
    state.tallies = new Set();
    state.polls = new Set();
    state.targets = new Set();
    state.everything = false;
    try {
      // The node's copy of the polls and the round is as of the event batches already
      // delivered, like the memberships judged against them; without one, read them.
      const { round, polls } = this.polls.pollsView(workshopId) ?? (await this.readPolls(workshopId));
      const members = this.membersOf(workshopId);
      const due = polls.filter((poll) => {
        if (poll.status === "draft") return false;
        return everything || changedPolls.has(poll.pollId) || tallies.has(poll.pollId) || targets.size > 0;
      });
      // Every poll's counters at once: one round trip per tick however many polls are open.
      const updates = await Promise.all(due.map((poll) => this.polls.results(workshopId, poll, round)));
      for (const [index, poll] of due.entries()) {
        const update = updates[index] as PollResultsUpdate;
        const toAll = everything || changedPolls.has(poll.pollId);
        const tallyMoved = tallies.has(poll.pollId);
        const fresh = update.tallyVersion > (state.lastSent.get(poll.pollId) ?? -1);
        const recipients: Recipient[] = [];
        for (const [socketId, membership] of members) {
          const wanted = toAll || (tallyMoved && fresh) || targets.has(socketId);
          if (!wanted) continue;
          const viewer = viewerOf(membership);
          const manages = managesPoll(viewer, poll.definition, round);
          if (seesResults(poll, seesPoll(viewer, poll), manages)) recipients.push({ socketId, manages, viewer });
        }
        state.lastSent.set(poll.pollId, Math.max(update.tallyVersion, state.lastSent.get(poll.pollId) ?? 0));
        if (recipients.length > 0) this.emitTo(workshopId, recipients, update);
      }
    } catch (error) {
      // Put the work back: the next flush sends it.
      for (const pollId of tallies) state.tallies.add(pollId);
      for (const pollId of changedPolls) state.polls.add(pollId);
      for (const socketId of targets) state.targets.add(socketId);
      state.everything ||= everything;
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "poll results flush failed",
      );
      this.schedule(workshopId);
    }
  }

  private async readPolls(workshopId: WorkshopId): Promise<{ round: RoundView | null; polls: PollView[] }> {
    const [workshop, polls] = await Promise.all([this.store.getWorkshop(workshopId), this.store.listPolls(workshopId)]);
    // The round is only needed for room and every-room polls (leads, room lists).
    const needsRound = polls.some((poll) => poll.definition.scope.kind !== "plenary");
    const round =
      needsRound && workshop?.currentRoundId ? await this.store.getRound(workshopId, workshop.currentRoundId) : null;
    return { round, polls: workshop ? polls : [] };
  }

  /**
   * Managers get every room's results; everyone else the combined results and their own
   * room's only (in a 100-room round the whole set is ~60x the size of one room's, and a
   * participant's view shows only theirs). Sockets that get the same message share one emit.
   */
  private emitTo(workshopId: WorkshopId, recipients: Recipient[], update: PollResultsUpdate): void {
    const byRoom = update.results.byRoom;
    if (!byRoom) {
      this.emit(
        workshopId,
        recipients.map((recipient) => recipient.socketId),
        update,
      );
      return;
    }
    const groups = new Map<string | null, string[]>();
    for (const { socketId, manages, viewer } of recipients) {
      const key = manages ? ALL_ROOMS : viewer.roomId;
      const group = groups.get(key);
      if (group) group.push(socketId);
      else groups.set(key, [socketId]);
    }
    for (const [key, socketIds] of groups) {
      if (key === ALL_ROOMS) {
        this.emit(workshopId, socketIds, update);
        continue;
      }
      const own = key === null ? undefined : byRoom[key];
      this.emit(workshopId, socketIds, {
        ...update,
        results: { ...update.results, byRoom: own && key !== null ? { [key]: own } : {} },
      } as PollResultsUpdate);
    }
  }

  private emit(workshopId: WorkshopId, socketIds: string[], update: PollResultsUpdate): void {
    // When every socket of the workshop on this node gets it (a live plenary poll), address the
    // workshop's room: the adapter otherwise unions one room per socket id, every tick (~8 % of
    // a node's busy time in a 1,000-socket storm). Only when the two sets are equal: a socket
    // that has not registered its membership yet must not receive what it may not see.
    const room = rooms.workshop(workshopId);
    const everyone = this.io.of("/").adapter.rooms.get(room);
    const all = everyone?.size === socketIds.length && socketIds.every((socketId) => everyone.has(socketId));
    this.io.local.to(all ? room : socketIds).emit("poll:results", update);
    this.metrics.pollResultBroadcasts.inc();
  }
}

/** The group key of managers, who receive every room's results (no room id looks like it). */
const ALL_ROOMS = "*";

interface Recipient {
  socketId: string;
  manages: boolean;
  viewer: PollViewer;
}

/** A local socket as the poll rules see it (THE results rule: audience, visibility, managers). */
function viewerOf(membership: Membership): PollViewer {
  return {
    participantId: membership.participantId,
    role: membership.isFacilitator ? "facilitator" : "participant",
    roomId: membership.running ? membership.assignedRoom : null,
  };
}
