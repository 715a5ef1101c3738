import {
  type Audience,
  audienceOf,
  canSee,
  countsFor,
  isPeopleEvent,
  type PeopleContext,
  seesEverything,
  seesWholeRoster,
  type Viewer,
} from "../../shared/audience.js";
import type { RoundView } from "../../shared/breakout.js";
import type { RevokeReason } from "../../shared/events.js";
import type { RoomId, RoundId, WorkshopId } from "../../shared/ids.js";
import type { EventBatch, PeopleCount, RoomAnswer, RosterWatchAnswer, WorkshopEvent } from "../../shared/workshop.js";
import { answerNamesRoommates, roomAnswerOf, visibleMembers } from "../domain/breakout/roomAnswer.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { CommandContext } from "../domain/commands.js";

/** A `workshop:events` payload. */

import { type Membership, updateMembership, viewerOfMembership } from "../domain/membership.js";
import type { RosterDirectory } from "../domain/rosterDirectory.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import { viewerOf } from "../domain/visibility.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { EventLogReader } from "../services/delivery/eventLogReader.js";
import { type Attached, FollowedWorkshops } from "./followedWorkshops.js";
import { whenAnswered } from "./inflight.js";
import type { PersonSockets } from "./personSockets.js";
import { KeyedThrottle } from "./throttle.js";
import { rooms, type WorkshopServer } from "./types.js";

/** How long a revoked socket may wait for answers to the commands it already sent. */
const REVOKE_GRACE_MS = 2000;

/**
 * A socket that may see nothing of a batch is sent at most one batch (empty, with the people
 * count) per this long, covering every version it skipped: in a join storm a phone that does not
 * watch the people list hears the count every two seconds instead of ten times a second, and
 * each node writes a twentieth of the messages (each write is a system call; the write path was
 * the largest cost of a join).
 */
const QUIET_BATCH_MS = 2000;

/**
 * How many of the latest events (with their audiences) a feed keeps to catch a new socket up: its
 * first state may be older than what the feed already sent (a join storm shares one store read
 * among many joins), and the events in between are replayed to it, filtered, instead of it
 * seeing a gap and asking for a second snapshot.
 */
const RECENT_EVENTS = 5000;

/**
 * The most events one read of the log brings: a node that is far behind (assigning 10,000
 * people is 10,000 events in one commit) catches up in batches of this many, each a reply of a
 * few hundred kilobytes that parses and goes out well within the command timeout, instead of
 * one reply of megabytes that timed out on a busy machine and was asked again, and again.
 */
export const FEED_PAGE_EVENTS = 2000;

/** An event the feed sent, kept with whom it reached (catching up late registrations). */
export interface RecentEvent {
  event: WorkshopEvent;
  audience: Audience;
}

/** The events that move a membership: its person's, and the round's and workshop's settings. */
function movesMembership(event: WorkshopEvent, participantId: string): boolean {
  switch (event.type) {
    case "breakout:round":
    case "breakout:roundStatus":
    case "workshop:updated":
      return true;
    case "participant:upserted":
      return event.participant.participantId === participantId;
    case "breakout:assigned":
      return event.participantId === participantId;
    default:
      return false;
  }
}

/** Moves `member.current` through `events` (in order, those after its `sinceVersion`), keeping the memberships along the way. */
function moveMembership(member: TrackedMember, events: readonly WorkshopEvent[]): void {
  let history: TrackedMember["history"] = null;
  for (const event of events) {
    if (event.v <= member.sinceVersion) continue;
    history ??= [{ ...member.current, fromVersion: 0 }];
    updateMembership(member.current, event);
    history.push({ ...member.current, fromVersion: event.v + 1 });
    member.viewer = null;
  }
  member.history = history;
}

/** The viewers along a member's history for this batch (one, made once, when nothing moved it). */
function viewersOf(member: TrackedMember): readonly Viewer[] {
  if (member.history) return member.history.map(viewerOfMembership);
  member.viewer ??= [viewerOfMembership(member.current)];
  return member.viewer;
}

type HistoryEntry = Membership & { fromVersion: number };

interface TrackedMember {
  participantId: string;
  current: Membership;
  /** Events up to this version are already reflected in `current` (read with the state it was sent). */
  sinceVersion: number;
  /**
   * Memberships during the batch being sent, each valid from `fromVersion` on; null when nothing
   * in the batch moved it (`current` holds throughout: most sockets in most batches, no copy made).
   */
  history: HistoryEntry[] | null;
  /** The viewer of `current` (as the one-element list batches judge with), made once and kept until `current` changes (not one per socket per batch). */
  viewer: readonly [Viewer] | null;
  /** The socket's batches cover the versions up to here: its next batch starts right after. */
  sentUpTo: number;
  /** When it was last sent a batch (ms): a batch it may see nothing of waits until QUIET_BATCH_MS after. */
  lastSentAt: number;
}

const NO_EVENTS: readonly WorkshopEvent[] = [];

/**
 * Which restricted events of a batch could reach whom, by the parts of an audience `canSee`
 * looks at: the people it names, its rooms, whether it goes to whoever sees the whole roster.
 * A batch of a 10,000-person assignment holds 10,000 events, each for one person and their
 * room: judging every event for every socket was 25 million checks per node.
 */
interface CandidateIndex {
  byParticipant: Map<string, number[]>;
  byRoom: Map<string, number[]>;
  wholeRoster: number[];
}

function candidateIndex(restricted: readonly number[], audiences: readonly Audience[]): CandidateIndex {
  const index: CandidateIndex = { byParticipant: new Map(), byRoom: new Map(), wholeRoster: [] };
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  for (const at of restricted) {
    const audience = audiences[at];
    if (!audience || audience.everyone) continue;
    for (const participantId of audience.participants) add(index.byParticipant, participantId, at);
    for (const roomId of audience.rooms) add(index.byRoom, roomId, at);
    if (audience.wholeRoster) index.wholeRoster.push(at);
  }
  return index;
}

/** The restricted events one socket might see (a superset, in order): `canSee` decides each. */
function candidatesFor(
  index: CandidateIndex,
  restricted: readonly number[],
  participantId: string,
  viewers: readonly Viewer[],
): readonly number[] {
  if (viewers.some(seesEverything)) return restricted;
  const own = index.byParticipant.get(participantId) ?? NO_INDICES;
  // Most sockets of most batches: nothing of their room, no roster to watch. Their own events (or
  // none) are the candidates as they are, in order: no set, no copy (a join storm asks this of
  // every socket for every batch).
  let more = false;
  for (const viewer of viewers) {
    if (
      (viewer.roomId !== null && index.byRoom.has(viewer.roomId)) ||
      (index.wholeRoster.length > 0 && seesWholeRoster(viewer))
    ) {
      more = true;
      break;
    }
  }
  if (!more) return own;
  const found = new Set<number>(own);
  for (const viewer of viewers) {
    if (viewer.roomId !== null) for (const at of index.byRoom.get(viewer.roomId) ?? NO_INDICES) found.add(at);
    if (seesWholeRoster(viewer)) for (const at of index.wholeRoster) found.add(at);
  }
  return [...found].sort((a, b) => a - b);
}

const NO_INDICES: readonly number[] = [];

/** The viewer a socket was at `version`: `viewers[i]` is `history[i]`'s (one per membership, not per event). */
function viewerAt(history: TrackedMember["history"], viewers: readonly Viewer[], version: number): Viewer {
  let found = viewers[0] as Viewer;
  if (!history) return found;
  for (let index = 1; index < history.length; index++) {
    if ((history[index] as HistoryEntry).fromVersion <= version) found = viewers[index] as Viewer;
  }
  return found;
}

interface FeedState extends Attached {
  members: Map<string, TrackedMember>;
  /** Each registered socket's `current` membership (the same objects, moved in place): read without copying. */
  currents: Map<string, Membership>;
  /** Highest version this node has sent to its sockets: batches are consecutive from here. */
  lastSent: number;
  /** Who is listed and where people sit, at `lastSent`: the audience of people's events. Null: the workshop is gone. */
  directory: RosterDirectory | null;
  unsubscribe: Unsubscribe | null;
  /** Brings the sockets whose quiet batches waited up to `lastSent` (set while any wait). */
  quietTimer: NodeJS.Timeout | null;
  /** The latest events up to `lastSent`, consecutive, with the audience each had (RECENT_EVENTS at most). */
  recent: RecentEvent[];
  /** The version of the last `workshop:updated` this feed sent (0: none seen). */
  settingsVersion: number;
  /** Sessions waiting for `lastSent` to reach a version (`sentUpTo`). */
  waiters: Array<{ version: number; done: () => void }>;
}

export interface EventFeedOptions {
  /** Least time between two batches for one workshop on this node (coalescing). */
  intervalMs: number;
  /** How often to compare versions with the store, in case a change notification was lost. */
  safetyPollMs: number;
  /**
   * Why a workshop this node serves is gone from the store: deleted, or lost with the rest of
   * the store's data (a Redis restarted empty or flushed). Deleted when not given.
   */
  whyGone?: () => Promise<GoneReason>;
  /** This node's sockets of each person (whom a removal revokes). */
  personSockets: PersonSockets;
}

/** A workshop whose roster is unknown (gone from the store): people's events go to staff and their subject only. */
const unknownRoster: PeopleContext = { rosterPrivate: true, listedToAll: () => false, roomOf: () => null };

/** The revoke reasons of a workshop that no longer exists. */
export type GoneReason = Extract<RevokeReason, "workshop_deleted" | "workshop_lost">;

/**
 * Delivers each workshop's event log to the sockets on THIS node, coalesced. Every node reads
 * the same ordered log from the store, so every client gets consecutive versions whichever
 * node it is on, and a join storm of N people costs one batch per socket per tick, not N
 * messages per socket. Side effects of events (revoking a removed person's sockets) happen
 * here too, so they hold on every node without a separate message that could be lost.
 */
/** The memberships of this node's sockets, as the event feed moves them (EventFeed is one). */
export interface LocalMembers {
  memberOf(workshopId: WorkshopId, socketId: string): Membership | undefined;
  membersOf(workshopId: WorkshopId): ReadonlyMap<string, Membership>;
  membersNow(workshopId: WorkshopId): ReadonlyMap<string, Membership>;
}

const NO_MEMBERS: ReadonlyMap<string, Membership> = new Map();

export class EventFeed implements LocalMembers {
  private readonly feeds: FollowedWorkshops<FeedState>;
  private readonly safetyPoll: NodeJS.Timeout;
  private readonly throttle: KeyedThrottle<WorkshopId>;
  private readonly whyGone: () => Promise<GoneReason>;
  /** Sockets already told they are revoked (a loss can be found by two paths at once): told once. */
  private readonly revoked = new WeakSet<object>();
  /** Told about every batch after it went out (the poll results feed follows visibility changes). */
  readonly onDelivered: Array<(workshopId: WorkshopId, events: readonly WorkshopEvent[]) => void> = [];

  private readonly personSockets: PersonSockets;

  constructor(
    private readonly io: WorkshopServer,
    private readonly log: EventLogReader,
    options: EventFeedOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.personSockets = options.personSockets;
    this.throttle = new KeyedThrottle(options.intervalMs, (workshopId) => this.flush(workshopId));
    this.feeds = new FollowedWorkshops<FeedState>({
      create: () => ({
        members: new Map(),
        currents: new Map(),
        sockets: new Set(),
        lastSent: 0,
        directory: null,
        unsubscribe: null,
        quietTimer: null,
        recent: [],
        settingsVersion: 0,
        waiters: [],
      }),
      start: async (workshopId, state) => {
        state.directory = await this.log.directory(workshopId);
        state.lastSent = state.directory?.version ?? (await this.log.version(workshopId));
        state.unsubscribe = await this.log.follow(workshopId, () => this.schedule(workshopId));
      },
      stop: (workshopId, state, replaced) => {
        if (!replaced) this.throttle.forget(workshopId);
        if (state.quietTimer) clearTimeout(state.quietTimer);
        for (const waiter of state.waiters.splice(0)) waiter.done();
        void state.unsubscribe?.().catch(() => undefined);
      },
    });
    this.whyGone = options.whyGone ?? (async () => "workshop_deleted");
    this.safetyPoll = setInterval(() => void this.pollVersions(), options.safetyPollMs);
    this.safetyPoll.unref();
  }

  /** Resolves once the workshop's log is followed for this socket; rejects if that could not start. */
  attach(workshopId: WorkshopId, socketId: string): Promise<void> {
    return this.feeds.attach(workshopId, socketId);
  }

  /**
   * Resolves once this node's sockets were sent everything up to `version` (a version read from
   * the store), or after `timeoutMs` (the store is slow: the batches bring the rest). A first
   * state cut from an older read and caught up by the feed then holds every change committed
   * before the session started: a facilitator's new tab shows what they just did.
   */
  sentUpTo(workshopId: WorkshopId, version: number, timeoutMs: number): Promise<void> {
    const state = this.feeds.get(workshopId);
    if (!state || state.lastSent >= version) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        state.waiters = state.waiters.filter((waiter) => waiter !== entry);
        resolve();
      }, timeoutMs);
      const entry = {
        version,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      state.waiters.push(entry);
      this.schedule(workshopId);
    });
  }

  /** Wakes the sessions whose version the feed has now sent. */
  private releaseWaiters(state: FeedState): void {
    if (state.waiters.length === 0) return;
    const ready = state.waiters.filter((waiter) => waiter.version <= state.lastSent);
    if (ready.length === 0) return;
    state.waiters = state.waiters.filter((waiter) => waiter.version > state.lastSent);
    for (const waiter of ready) waiter.done();
  }

  /**
   * The oldest first state a socket may be sent and still be caught up here: the events after it
   * are kept, and the workshop's settings have not changed since (a first state from before the
   * roster opened would have its client take a second snapshot when the change arrives).
   */
  replayableFrom(workshopId: WorkshopId): number | null {
    const state = this.feeds.get(workshopId);
    if (!state) return null;
    const oldest = state.recent[0];
    return Math.max(oldest ? oldest.event.v - 1 : state.lastSent, state.settingsVersion);
  }

  /**
   * Starts filtering for one socket: call after attach, with its membership as read at
   * `sinceVersion`, right before sending it its first state (at `sentVersion`). Returns the batch
   * to send right after that state: the events the feed already sent past `sentVersion`, filtered
   * for this socket, when it still keeps them (else null: the socket sees a gap and resyncs).
   */
  register(
    workshopId: WorkshopId,
    socketId: string,
    membership: Membership,
    sinceVersion: number,
    sentVersion: number,
  ): EventBatch | null {
    const state = this.feeds.get(workshopId);
    if (!state) return null;
    const current = { ...membership };
    const member: TrackedMember = {
      participantId: membership.participantId,
      current,
      sinceVersion,
      history: null,
      viewer: null,
      sentUpTo: state.lastSent,
      lastSentAt: 0,
    };
    state.members.set(socketId, member);
    state.currents.set(socketId, current);
    return this.catchUp(state, member, sentVersion);
  }

  /**
   * What a socket registered just now missed: the kept events after `sentVersion` (the state it
   * is sent) up to `lastSent`, judged with its membership moved through them as a batch would.
   * Its membership was read at `sinceVersion`; events after that which already went out move it
   * here, so it never misses its own move. Null when nothing was missed or the kept events do
   * not reach back far enough.
   */
  private catchUp(state: FeedState, member: TrackedMember, sentVersion: number): EventBatch | null {
    const oldest = state.recent[0]?.event.v ?? Number.POSITIVE_INFINITY;
    // Its membership was read at `sinceVersion`: what already went out since moves it (when kept).
    const moves =
      oldest <= member.sinceVersion + 1
        ? keptAfter(state.recent, member.sinceVersion, ({ event }) => movesMembership(event, member.participantId))
        : NO_EVENTS;
    moveMembership(member, moves);
    if (sentVersion >= state.lastSent || oldest > sentVersion + 1) {
      member.history = null;
      return null;
    }
    const viewers = viewersOf(member);
    const events = keptAfter(state.recent, sentVersion, ({ event, audience }) =>
      canSee(viewerAt(member.history, viewers, event.v), audience),
    );
    member.history = null;
    member.sentUpTo = state.lastSent;
    member.lastSentAt = Date.now();
    const batch = { fromVersion: sentVersion + 1, toVersion: state.lastSent, events };
    const people = state.directory?.count();
    return people ? { ...batch, people } : batch;
  }

  /** Keeps the batch's events with their audiences for catching up sockets that register later. */
  private remember(state: FeedState, events: readonly WorkshopEvent[], audiences: readonly Audience[]): void {
    for (const [index, event] of events.entries()) {
      const audience = audiences[index];
      if (audience) state.recent.push({ event, audience });
      if (event.type === "workshop:updated") state.settingsVersion = event.v;
    }
    if (state.recent.length > RECENT_EVENTS) state.recent.splice(0, state.recent.length - RECENT_EVENTS);
  }

  /**
   * Opens or closes the people list for one registered socket at a version boundary: the events
   * after `lastSent` are judged with the new setting, and the roster answered is the directory's
   * at `lastSent`, so the two meet with neither a gap nor an overlap (batches and the answer
   * travel in order on the socket). Null while the socket is still starting (or the workshop is
   * gone): the snapshot it is about to get, or its next ask, settles it.
   */
  watchRoster(workshopId: WorkshopId, socketId: string, watching: boolean): RosterWatchAnswer | null {
    const state = this.feeds.get(workshopId);
    const member = state?.members.get(socketId);
    if (!state || !member || !state.directory) return null;
    // The answer is as of `lastSent`: the batches that waited go first, so the copy is there too.
    if (member.sentUpTo < state.lastSent) this.sendQuiet(state, new Map([[socketId, member]]));
    member.current.watchesRoster = watching;
    member.viewer = null;
    const roster = watching ? state.directory.rosterFor(viewerOfMembership(member.current)) : null;
    return { version: state.lastSent, roster };
  }

  /**
   * A room's state for one registered socket from the node's copy (`RosterDirectory`), as of
   * `lastSent`: no store read, and the batches up to that version go out before the answer (the
   * socket's waiting quiet batch first). Null when the copy cannot answer (the socket is still
   * starting, the copy holds another round, or the asker is not in that room as far as the copy
   * knows): the service reads the store and decides.
   */
  roomAnswer(
    workshopId: WorkshopId,
    socketId: string,
    who: Pick<CommandContext, "actor">,
    at: { roundId: RoundId; roomId: RoomId },
  ): RoomAnswer | null {
    const state = this.feeds.get(workshopId);
    const member = state?.members.get(socketId);
    const directory = state?.directory;
    if (!state || !member || !directory) return null;
    const round = directory.currentRound;
    if (round?.roundId !== at.roundId) return null;
    const { actor } = who;
    const facilitator = actor.role === "facilitator";
    if (!facilitator && !(isRunning(round) && directory.seatOf(actor.participantId) === at.roomId)) return null;
    if (member.sentUpTo < state.lastSent) this.sendQuiet(state, new Map([[socketId, member]]));
    const viewer = viewerOf(actor, directory, round, facilitator ? null : at.roomId, false);
    const members = directory.membersOf(at.roomId);
    const seen = visibleMembers(viewer, at.roomId, members);
    const people = answerNamesRoommates(viewer)
      ? seen.map((participantId) => directory.entryOf(participantId)).filter((entry) => entry !== null)
      : undefined;
    const { contents } = directory;
    return roomAnswerOf(
      { ...at, version: state.lastSent },
      seen,
      {
        members,
        helps: contents.helps.values(),
        broadcasts: contents.broadcasts,
        polls: contents.roomPolls.values(),
        call: contents.callOf(at.roomId),
      },
      people,
    );
  }

  /** The current round as this node's copy holds it at `lastSent` (null: none, or the workshop is not served here). */
  currentRound(workshopId: WorkshopId): RoundView | null {
    return this.feeds.get(workshopId)?.directory?.currentRound ?? null;
  }

  /** One registered local socket's current membership: O(1), for work done per command. */
  memberOf(workshopId: WorkshopId, socketId: string): Membership | undefined {
    return this.feeds.get(workshopId)?.currents.get(socketId);
  }

  /**
   * The current membership of every registered local socket, live: no copy, so it changes as
   * sockets come and go and batches move them. For synchronous use (a results tick's loop over
   * 1,000 sockets, ten times a second); anything that awaits in between takes `membersOf`.
   */
  membersNow(workshopId: WorkshopId): ReadonlyMap<string, Membership> {
    return this.feeds.get(workshopId)?.currents ?? NO_MEMBERS;
  }

  /** The current membership of every registered local socket of a workshop (a copy: O(sockets)). */
  membersOf(workshopId: WorkshopId): ReadonlyMap<string, Membership> {
    const members = new Map<string, Membership>();
    for (const [socketId, member] of this.feeds.get(workshopId)?.members ?? []) members.set(socketId, member.current);
    return members;
  }

  unregister(workshopId: WorkshopId, socketId: string): void {
    const state = this.feeds.get(workshopId);
    state?.members.delete(socketId);
    state?.currents.delete(socketId);
  }

  detach(workshopId: WorkshopId, socketId: string): void {
    this.feeds.detach(workshopId, socketId);
  }

  async close(): Promise<void> {
    this.throttle.close();
    clearInterval(this.safetyPoll);
    await this.feeds.clear();
  }

  private schedule(workshopId: WorkshopId): void {
    if (this.feeds.has(workshopId)) this.throttle.request(workshopId);
  }

  private async flush(workshopId: WorkshopId): Promise<void> {
    const state = this.feeds.get(workshopId);
    if (!state) return;
    try {
      // Page by page until caught up; the head-counts once at the end, for the last round touched.
      let countsOf: RoundId | null = null;
      for (;;) {
        const events = await this.log.since(workshopId, state.lastSent, FEED_PAGE_EVENTS);
        if (this.feeds.get(workshopId) !== state) return;
        if (events === null) {
          await this.skipToNow(workshopId, state);
          return;
        }
        if (events.length === 0) break;
        const toVersion = events[events.length - 1]?.v ?? state.lastSent;
        this.emitFiltered(workshopId, state, state.lastSent + 1, toVersion, events);
        this.releaseWaiters(state);
        this.applySideEffects(workshopId, events);
        for (const listener of this.onDelivered) listener(workshopId, events);
        countsOf = roundMovedBy(events) ?? countsOf;
        if (events.length < FEED_PAGE_EVENTS) break;
      }
      if (countsOf) await this.emitCounts(workshopId, countsOf);
    } catch (error) {
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "feed flush failed",
      );
      this.schedule(workshopId);
    }
  }

  /** This node fell further behind than the log reaches: tell clients to take a snapshot. */
  private async skipToNow(workshopId: WorkshopId, state: FeedState): Promise<void> {
    const directory = await this.log.directory(workshopId);
    if (this.feeds.get(workshopId) !== state) return;
    const version = directory?.version ?? (await this.log.version(workshopId));
    state.directory = directory;
    // What was kept no longer reaches the new position without a hole.
    state.recent = [];
    this.emitBatch(workshopId, state, version + 1, version, []);
    state.lastSent = version;
    this.releaseWaiters(state);
  }

  private emitBatch(
    workshopId: WorkshopId,
    state: FeedState,
    fromVersion: number,
    toVersion: number,
    events: WorkshopEvent[],
    people?: PeopleCount,
  ): void {
    // Sockets whose quiet batches wait are brought up to just before this one first.
    this.sendQuiet(state, state.members);
    state.lastSent = Math.max(state.lastSent, toVersion);
    const batch = people ? { fromVersion, toVersion, events, people } : { fromVersion, toVersion, events };
    this.io.local.to(rooms.workshop(workshopId)).emit("workshop:events", batch);
    const now = Date.now();
    for (const member of state.members.values()) {
      member.sentUpTo = toVersion;
      member.lastSentAt = now;
    }
    this.metrics.eventBatches.inc();
  }

  /**
   * Sends each of `members` whose batches stopped short of `lastSent` one empty batch up to it
   * (they could see nothing in between), with the people count; sockets that stopped at the
   * same version share one emit.
   */
  private sendQuiet(state: FeedState, members: ReadonlyMap<string, TrackedMember>): void {
    const behind = new Map<number, string[]>();
    const now = Date.now();
    for (const [socketId, member] of members) {
      if (member.sentUpTo >= state.lastSent) continue;
      const group = behind.get(member.sentUpTo);
      if (group) group.push(socketId);
      else behind.set(member.sentUpTo, [socketId]);
      member.sentUpTo = state.lastSent;
      member.lastSentAt = now;
    }
    const people = state.directory?.count();
    for (const [sentUpTo, socketIds] of behind) {
      const range = { fromVersion: sentUpTo + 1, toVersion: state.lastSent, events: [] };
      this.io.local.to(socketIds).emit("workshop:events", people ? { ...range, people } : range);
    }
  }

  /** Once the quiet interval is over, the sockets whose batches waited get theirs (the count included). */
  private scheduleQuiet(workshopId: WorkshopId, state: FeedState): void {
    if (state.quietTimer) return;
    state.quietTimer = setTimeout(() => {
      state.quietTimer = null;
      if (this.feeds.get(workshopId) === state) this.sendQuiet(state, state.members);
    }, QUIET_BATCH_MS);
    state.quietTimer.unref();
  }

  /**
   * One batch per socket, holding the events it may see (audienceOf/canSee, the one
   * isolation rule). Sockets that see the same events share one emit, so a plenary-wide
   * batch is encoded once. Memberships move with the events, in order.
   */
  private emitFiltered(
    workshopId: WorkshopId,
    state: FeedState,
    fromVersion: number,
    toVersion: number,
    events: WorkshopEvent[],
  ): void {
    const audiences = this.audiencesOf(state, events);
    this.remember(state, events, audiences);
    // The directory is at toVersion now: everyone's count rides along with whatever they see.
    const people = state.directory && events.some(isPeopleEvent) ? state.directory.count() : undefined;
    this.advanceMemberships(state, events);
    if (audiences.every((audience) => audience.everyone)) {
      // Plenary-wide facts only: one emit to the room, encoded once, reaching every socket.
      this.emitBatch(workshopId, state, fromVersion, toVersion, events, people);
      return;
    }
    // Visibility is judged with each socket's membership at the event, so replay in order.
    const restricted = audiences.flatMap((audience, index) => (audience.everyone ? [] : [index]));
    // A socket that may see none of it (every event restricted, none for it) may wait a while.
    const quietPossible = restricted.length === events.length;
    const now = Date.now();
    let waiting = false;
    // Keyed by where the socket's batches stopped and the events it may see: one emit per key.
    const groups = new Map<string, { from: number; visible: readonly number[]; socketIds: string[] }>();
    const candidates = candidateIndex(restricted, audiences);
    // forEach, not for...of: no iterator objects per socket per batch.
    state.members.forEach((member, socketId) => {
      const seen = member.history;
      const viewers = viewersOf(member);
      const found = candidatesFor(candidates, restricted, member.participantId, viewers);
      const visible =
        found.length === 0
          ? NO_INDICES
          : found.filter((index) => {
              const event = events[index] as WorkshopEvent;
              const audience = audiences[index];
              return audience !== undefined && canSee(viewerAt(seen, viewers, event.v), audience);
            });
      if (quietPossible && visible.length === 0 && now - member.lastSentAt < QUIET_BATCH_MS) {
        waiting = true;
        return;
      }
      const key = `${member.sentUpTo}|${visible.join(",")}`;
      const group = groups.get(key);
      if (group) group.socketIds.push(socketId);
      else groups.set(key, { from: member.sentUpTo + 1, visible, socketIds: [socketId] });
      member.sentUpTo = toVersion;
      member.lastSentAt = now;
    });
    // Sockets still registering get nothing here; they see the gap and resync, filtered.
    // The events everyone sees, merged per group with what it may see besides: O(what it is
    // sent), not O(batch) per group (a page of 2,000 assignments is 2,000 groups of one each).
    const unrestricted = audiences.flatMap((audience, index) => (audience.everyone ? [index] : []));
    for (const { from, visible, socketIds } of groups.values()) {
      const subset = mergeAscending(unrestricted, visible).map((index) => events[index] as WorkshopEvent);
      const range = { fromVersion: Math.min(from, fromVersion), toVersion, events: subset };
      // A range that covers batches the socket waited through carries the count they changed.
      const count = people ?? (from < fromVersion ? state.directory?.count() : undefined);
      this.io.local.to(socketIds).emit("workshop:events", count ? { ...range, people: count } : range);
    }
    state.lastSent = Math.max(state.lastSent, toVersion);
    if (waiting) this.scheduleQuiet(workshopId, state);
    this.metrics.eventBatches.inc();
  }

  /**
   * Each event's audience, judged with the roster as of that event (people's events depend on
   * who is listed and where they sit); moves the directory through the batch on the way.
   */
  private audiencesOf(state: FeedState, events: WorkshopEvent[]): Audience[] {
    const directory = state.directory;
    if (!directory) return events.map((event) => audienceOf(event, unknownRoster));
    return events.map((event) => {
      const audience = audienceOf(event, directory);
      if (event.v > directory.version) directory.apply(event);
      return audience;
    });
  }

  /**
   * Moves every local socket's membership through the batch, touching only the events that
   * concern it (its person, or a round change): O(sockets + events), not their product.
   * Each socket keeps the memberships it had along the way for judging visibility.
   */
  private advanceMemberships(state: FeedState, events: WorkshopEvent[]): void {
    const byPerson = new Map<string, WorkshopEvent[]>();
    // Round changes and the workshop's settings concern every membership.
    const sharedEvents: WorkshopEvent[] = [];
    for (const event of events) {
      if (
        event.type === "breakout:round" ||
        event.type === "breakout:roundStatus" ||
        event.type === "workshop:updated"
      ) {
        sharedEvents.push(event);
      }
      const person =
        event.type === "participant:upserted"
          ? event.participant.participantId
          : event.type === "breakout:assigned"
            ? event.participantId
            : null;
      if (person) {
        const list = byPerson.get(person);
        if (list) list.push(event);
        else byPerson.set(person, [event]);
      }
    }
    for (const membership of state.members.values()) {
      const own = byPerson.get(membership.participantId) ?? NO_EVENTS;
      const relevant = sharedEvents.length === 0 ? own : [...own, ...sharedEvents].sort((a, b) => a.v - b.v);
      moveMembership(membership, relevant);
    }
  }

  /** Head-counts change with every move: send the current ones once per flush, not per move. */
  private async emitCounts(workshopId: WorkshopId, roundId: RoundId): Promise<void> {
    const counts = await this.log.headCounts(workshopId, roundId);
    const state = this.feeds.get(workshopId);
    const round = state?.directory?.currentRound;
    // Unknown (the copy holds another round): every room's, as to a round people pick from.
    const selfSelect = round?.roundId === roundId ? round.selfSelect : true;
    if (!state || selfSelect) {
      this.io.local.to(rooms.workshop(workshopId)).emit("breakout:counts", { roundId, counts });
      return;
    }
    // Cut per socket by `countsFor`: staff share one emit of every room's, a room's people one of theirs.
    const groups = new Map<string, { counts: Record<string, number>; socketIds: string[] }>();
    for (const [socketId, { current }] of state.members) {
      const seat = current.roundId === roundId ? current.assignedRoom : null;
      const key = current.role === "participant" ? `seat:${seat ?? ""}` : `role:${current.role}`;
      const group = groups.get(key);
      if (group) group.socketIds.push(socketId);
      else groups.set(key, { counts: countsFor(counts, current, seat, false), socketIds: [socketId] });
    }
    for (const group of groups.values()) {
      this.io.local.to(group.socketIds).emit("breakout:counts", { roundId, counts: group.counts });
    }
  }

  private applySideEffects(workshopId: WorkshopId, events: WorkshopEvent[]): void {
    for (const event of events) {
      if (event.type === "participant:removed") {
        this.revokeSockets(this.personSockets.of(workshopId, event.participantId), event.reason);
      } else if (event.type === "workshop:updated" && event.workshop.status === "ended") {
        this.revoke(rooms.workshop(workshopId), "workshop_ended");
      }
    }
  }

  /**
   * Every local socket of a workshop ends (a deletion: told by the node that deleted it, or
   * found by the safety poll when the workshop is gone from the store).
   */
  revokeWorkshop(workshopId: WorkshopId, reason: RevokeReason): void {
    this.revoke(rooms.workshop(workshopId), reason);
  }

  /**
   * Revokes, with `reason`, the sockets of every workshop served here that the store no longer
   * holds (after the store lost its data); answers those workshops.
   */
  async revokeVanished(reason: GoneReason): Promise<WorkshopId[]> {
    const vanished: WorkshopId[] = [];
    for (const workshopId of [...this.feeds.keys()]) {
      if (await this.log.exists(workshopId)) continue;
      vanished.push(workshopId);
      this.revokeWorkshop(workshopId, reason);
    }
    return vanished;
  }

  private revoke(room: string, reason: RevokeReason): void {
    this.revokeSockets([...(this.io.of("/").adapter.rooms.get(room) ?? [])], reason);
  }

  private revokeSockets(socketIds: readonly string[], reason: RevokeReason): void {
    for (const socketId of socketIds) {
      const socket = this.io.of("/").sockets.get(socketId);
      if (!socket || this.revoked.has(socket)) continue;
      this.revoked.add(socket);
      socket.emit("session:revoked", { reason });
      // Commands already running get their answers first (ending the workshop revokes the
      // facilitator who ended it); new ones are refused by the policy from here on.
      whenAnswered(socket, REVOKE_GRACE_MS, () => socket.disconnect(true));
    }
  }

  private async pollVersions(): Promise<void> {
    for (const [workshopId, state] of this.feeds.entries()) {
      try {
        const version = await this.log.version(workshopId);
        if (version > state.lastSent) this.schedule(workshopId);
        // Versions never go back: a workshop whose record is gone was deleted (a message about
        // it may have been lost); its people must not stay connected to nothing.
        else if (version < state.lastSent && !(await this.log.exists(workshopId))) {
          this.revokeWorkshop(workshopId, await this.whyGone());
        }
      } catch {
        // The store is down; the next poll tries again.
      }
    }
  }
}

/** The round whose head-counts the events changed (the last one they name), or null. */
function roundMovedBy(events: readonly WorkshopEvent[]): RoundId | null {
  let roundId: RoundId | null = null;
  for (const event of events) {
    if (event.type === "breakout:assigned") roundId = event.roundId;
    else if (event.type === "breakout:round") roundId = event.round.roundId;
    else if (event.type === "breakout:roundStatus") roundId = event.roundId;
  }
  return roundId;
}

/** Two ascending lists of distinct indices as one ascending list. */
function mergeAscending(left: readonly number[], right: readonly number[]): number[] {
  if (right.length === 0) return [...left];
  if (left.length === 0) return [...right];
  const merged: number[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length || r < right.length) {
    const a = left[l] ?? Number.POSITIVE_INFINITY;
    const b = right[r] ?? Number.POSITIVE_INFINITY;
    if (a <= b) {
      merged.push(a);
      l++;
    } else {
      merged.push(b);
      r++;
    }
  }
  return merged;
}

/**
 * The kept events after `version` that pass `keep`, in order. They are kept in version order, so
 * the first is found by bisection: a join in a storm looks at the few hundred events after its
 * first state, not at all 5,000 kept (twice per join, O(kept) each, was most of a catch-up).
 */
export function keptAfter(
  recent: readonly RecentEvent[],
  version: number,
  keep: (kept: RecentEvent) => boolean,
): WorkshopEvent[] {
  let low = 0;
  let high = recent.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((recent[middle] as RecentEvent).event.v > version) high = middle;
    else low = middle + 1;
  }
  const events: WorkshopEvent[] = [];
  for (let index = low; index < recent.length; index++) {
    const kept = recent[index] as RecentEvent;
    if (keep(kept)) events.push(kept.event);
  }
  return events;
}
