import type { RoundView } from "../../shared/breakout.js";
import type { WorkshopId } from "../../shared/ids.js";
import type { PollId, PollResultsUpdate, PollView } from "../../shared/poll.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import type { PollTally } from "../domain/polls/records.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { PollResultsReader, ResultsRecipient } from "../services/delivery/pollResultsReader.js";
import { BallotHolders } from "./ballotHolders.js";
import type { LocalMembers } from "./eventFeed.js";
import { rooms, type WorkshopServer } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

interface ResultsState extends FollowerState {
  /**
   * Polls whose ballots changed since the last flush: sent to every allowed socket if the tally
   * moved. With the newest tally their notifications carried, or null: read it.
   */
  tallies: Map<PollId, PollTally | null>;
  /** Polls whose visibility may have changed (opened, closed, edited): sent to every allowed socket. */
  polls: Set<PollId>;
  /** Sockets that need every poll they may see (just connected, moved room, changed role). */
  targets: Set<string>;
  /**
   * Per poll, sockets whose person was just found to hold a ballot in it ("results after
   * voting"): they get its results at the next tick even if the tally did not move.
   */
  unlocked: Map<PollId, Set<string>>;
  /** Which local sockets' people hold a ballot in the polls whose results wait for one. */
  holders: BallotHolders;
  /** Every poll, to every allowed socket (a round changed: leads and rooms). */
  everything: boolean;
  /**
   * Per poll, the highest tallyVersion this node sent to every socket allowed to see it. A tally
   * newer than this goes to all of them, whichever reason the tick had to read it: a tick that
   * read the tally for one socket (just connected) may find ballots whose notices have not
   * arrived yet (reads and notices travel on different connections), and when those arrive they
   * are no longer newer than what was sent.
   */
  lastSent: Map<PollId, number>;
  /**
   * Per poll, this node's sockets whose ballot was counted, with the tally version it was counted
   * at, until a tick sends a tally that includes it: those sockets are written first.
   */
  voters: Map<PollId, Map<string, number>>;
  /**
   * Moves with every event batch delivered. A tick written over several turns checks it between
   * slices: if it moved, who may see what may have changed since the tick decided it.
   */
  epoch: number;
}

/**
 * Delivers live poll results to the sockets on THIS node, coalesced (invariant 5): whatever
 * the number of ballots, at most one results message per poll per interval, only when the
 * tally moved, and only to sockets allowed to see it (visibility setting, scope, manager).
 * The results are read from the poll's counters in one store read and encoded once per group of
 * sockets that receive the same message (once per slice of a big group), so a vote storm of N
 * voters costs O(N) messages per tick. A tick is written a slice of sockets per turn of the
 * event loop, so votes and Redis replies are handled between slices (`writeInSlices`).
 */
export class PollResultsFeed extends WorkshopFollower<ResultsState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly polls: PollResultsReader,
    private readonly members: LocalMembers,
    intervalMs: number,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    super(intervalMs);
  }

  protected initialState(workshopId: WorkshopId): InitialState<ResultsState> {
    // While this node has sockets in the workshop it keeps a copy of what votes are decided
    // from, moved along by the same event batches this feed follows.
    this.polls.follow(workshopId);
    return {
      tallies: new Map(),
      polls: new Set(),
      targets: new Set(),
      unlocked: new Map(),
      holders: new BallotHolders(
        workshopId,
        this.polls,
        (pollId, socketId) => this.unlock(workshopId, pollId, socketId),
        (error) =>
          this.logger.warn(
            { workshopId, err: error instanceof Error ? error.message : String(error) },
            "poll ballot lookup failed",
          ),
      ),
      everything: false,
      lastSent: new Map(),
      voters: new Map(),
      epoch: 0,
    };
  }

  protected subscribe(workshopId: WorkshopId, state: ResultsState): Promise<Unsubscribe> {
    return this.polls.followTallies(workshopId, (pollId, tally, change) => {
      noteTally(state.tallies, pollId, tally);
      if (change) for (const socketId of state.holders.heard(pollId, change)) addTo(state.unlocked, pollId, socketId);
      this.schedule(workshopId);
    });
  }

  protected override stopped(workshopId: WorkshopId): void {
    this.polls.unfollow(workshopId);
  }

  /** A socket just got its state: send it the results of every poll it may see. */
  socketReady(workshopId: WorkshopId, socketId: string): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    state.targets.add(socketId);
    this.schedule(workshopId);
  }

  /**
   * A ballot sent through one of this node's sockets was counted at `tallyVersion`. The voter is
   * the one person watching for that tally (their vote in the chart), so the tick that first
   * includes it writes their socket before everyone else's: in a storm a tick is written over
   * several turns of the event loop, and the socket's place in it would otherwise be chance.
   */
  ballotCounted(workshopId: WorkshopId, pollId: PollId, socketId: string, tallyVersion: number): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    let counted = state.voters.get(pollId);
    if (!counted) {
      counted = new Map();
      state.voters.set(pollId, counted);
    }
    counted.set(socketId, Math.max(tallyVersion, counted.get(socketId) ?? 0));
  }

  /**
   * A vote (held) or a retraction (not held) sent through one of this node's sockets was
   * acknowledged: its results are unlocked or locked again at once, whether or not the store's
   * notice (which reaches the person's other sockets) follows.
   */
  ballotAcked(workshopId: WorkshopId, pollId: PollId, socketId: string, held: boolean): void {
    const state = this.states.get(workshopId);
    const membership = this.members.memberOf(workshopId, socketId);
    const copy = this.polls.copy(workshopId);
    const poll = copy?.polls.find((candidate) => candidate.pollId === pollId);
    if (!state || !membership || !copy || !poll) {
      // Without this node's copy of the poll, the next tick that would send this socket the results asks the store.
      if (state && held) state.targets.add(socketId);
      return;
    }
    // Results that do not wait for this socket's ballot (live, after close, a manager's): nothing
    // to track. Tracking starts with a read of the ballot: one Redis read per vote, for nothing.
    if (!this.polls.waitsForBallot(membership, poll, copy.round)) return;
    state.holders.acked(poll, socketId, membership.participantId, held);
    if (held) this.unlock(workshopId, pollId, socketId);
  }

  private unlock(workshopId: WorkshopId, pollId: PollId, socketId: string): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    addTo(state.unlocked, pollId, socketId);
    this.schedule(workshopId);
  }

  /** Called with each batch the event feed delivered (memberships already moved with it). */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
    // First, so the flush this may schedule (and every vote after it) sees the batch.
    this.polls.eventsDelivered(workshopId, events);
    const state = this.states.get(workshopId);
    if (!state) return;
    if (events.length > 0) state.epoch++;
    const people = new Set<string>();
    for (const event of events) {
      if (event.type === "poll:upserted") state.polls.add(event.poll.pollId);
      else if (event.type === "breakout:round" || event.type === "breakout:roundStatus") state.everything = true;
      else if (event.type === "breakout:assigned") people.add(event.participantId);
      else if (event.type === "participant:upserted") people.add(event.participant.participantId);
    }
    if (people.size > 0) {
      // forEach: a join storm's every batch names people, and this walks every local socket.
      this.members.membersNow(workshopId).forEach((membership, socketId) => {
        if (people.has(membership.participantId)) state.targets.add(socketId);
      });
    }
    if (state.polls.size > 0 || state.targets.size > 0 || state.everything) this.schedule(workshopId);
  }

  protected async flush(workshopId: WorkshopId, state: ResultsState): Promise<void> {
    const tallies = state.tallies;
    const changedPolls = state.polls;
    const targets = state.targets;
    const unlocked = state.unlocked;
    const everything = state.everything;
    state.tallies = new Map();
    state.polls = new Set();
    state.targets = new Set();
    state.unlocked = new Map();
    state.everything = false;
    // What follows is decided as of this epoch. A batch delivered before a slice is written (during
    // the tally read, or while earlier slices are written) may change who may see what: then each
    // socket of that slice is judged again against the current memberships and polls.
    const epoch = state.epoch;
    try {
      // The node's copy of the polls and the round is as of the event batches already
      // delivered, like the memberships judged against them; without one, read them.
      const { round, polls } = await this.polls.current(workshopId);
      // Live (no copy of 1,000 memberships ten times a second): a batch delivered before the
      // loop below moves the epoch, and every slice is then judged again (writeInSlices).
      const members = this.members.membersNow(workshopId);
      state.holders.retain(
        (socketId) => members.has(socketId),
        (pollId) => polls.some((poll) => poll.pollId === pollId),
      );
      const due = polls.filter((poll) => {
        if (poll.status === "draft") return false;
        return (
          everything ||
          changedPolls.has(poll.pollId) ||
          tallies.has(poll.pollId) ||
          unlocked.has(poll.pollId) ||
          targets.size > 0
        );
      });
      // The counters the notifications carried when only ballots moved a poll; else every other
      // poll's read at once: at most one round trip per tick however many polls are open.
      const updates = await Promise.all(
        due.map((poll) => {
          const carried =
            everything || changedPolls.has(poll.pollId) || targets.size > 0 ? null : tallies.get(poll.pollId);
          return this.polls.results(workshopId, poll, round, carried ?? undefined);
        }),
      );
      const sends: Send[] = [];
      const voters = new Set<string>();
      for (const [index, poll] of due.entries()) {
        const update = updates[index] as PollResultsUpdate;
        const toAll = everything || changedPolls.has(poll.pollId);
        const fresh = update.tallyVersion > (state.lastSent.get(poll.pollId) ?? -1);
        const unlockedHere = unlocked.get(poll.pollId);
        // Socket ids by the message they get, gathered straight into their groups: nothing is
        // allocated per socket (a storm's tick judges every local socket ten times a second).
        const groups = new Map<string | null, string[]>();
        const byRoom = update.results.byRoom !== undefined;
        // forEach, not for...of: the iterator's entry and result objects were garbage per socket too.
        members.forEach((membership, socketId) => {
          const wanted = toAll || fresh || targets.has(socketId) || unlockedHere?.has(socketId);
          if (!wanted) return;
          const recipient = this.polls.recipient(membership, poll, round, state.holders.holds(poll.pollId, socketId));
          if (recipient) {
            const key = byRoom ? groupKey(recipient) : null;
            const group = groups.get(key);
            if (group) group.push(socketId);
            else groups.set(key, [socketId]);
          } else if (this.polls.waitsForBallot(membership, poll, round)) {
            state.holders.watch(poll, socketId, membership.participantId);
          }
        });
        state.lastSent.set(poll.pollId, Math.max(update.tallyVersion, state.lastSent.get(poll.pollId) ?? 0));
        takeIncluded(state.voters, poll.pollId, update.tallyVersion, voters);
        for (const [key, socketIds] of groups) sends.push(sendOf(update, key, socketIds));
      }
      await writeInSlices(
        votersFirst(sends, voters),
        RESULTS_SLICE_SOCKETS,
        (socketIds, update) => this.emit(workshopId, socketIds, update),
        nextTimerTurn,
        (send, socketIds) => {
          // The last local socket left the workshop while earlier slices were written: stop.
          if (this.states.get(workshopId) !== state) return [];
          if (state.epoch === epoch) return socketIds;
          return this.stillAllowed(workshopId, state, send, socketIds, { round, polls: due });
        },
      );
    } catch (error) {
      // Put the work back: the next flush sends it.
      for (const [pollId, tally] of tallies) noteTally(state.tallies, pollId, tally);
      for (const pollId of changedPolls) state.polls.add(pollId);
      for (const socketId of targets) state.targets.add(socketId);
      for (const [pollId, socketIds] of unlocked)
        for (const socketId of socketIds) addTo(state.unlocked, pollId, socketId);
      state.everything ||= everything;
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "poll results flush failed",
      );
      this.schedule(workshopId);
    }
  }

  /**
   * The sockets of a planned send that may still receive it as planned, judged against the
   * current memberships and polls; the others (moved, demoted, the poll changed) are left to the
   * next tick, which decides for them afresh. Gone sockets are dropped. Without a current copy of
   * the polls (dropped until the next vote reloads it), the tick's own are used, as before slicing.
   */
  private stillAllowed(
    workshopId: WorkshopId,
    state: ResultsState,
    send: Send,
    socketIds: string[],
    planned: { round: RoundView | null; polls: PollView[] },
  ): string[] {
    const view = this.polls.copy(workshopId) ?? planned;
    const poll = view.polls.find((candidate) => candidate.pollId === send.update.pollId);
    const members = this.members.membersNow(workshopId);
    const allowed: string[] = [];
    for (const socketId of socketIds) {
      const membership = members.get(socketId);
      if (!membership) continue;
      if (poll) {
        const recipient = this.polls.recipient(
          membership,
          poll,
          view.round,
          state.holders.holds(poll.pollId, socketId),
        );
        if (recipient && (send.update.results.byRoom === undefined || groupKey(recipient) === send.key)) {
          allowed.push(socketId);
          continue;
        }
      }
      state.targets.add(socketId);
    }
    if (allowed.length < socketIds.length) this.schedule(workshopId);
    return allowed;
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

/**
 * Keeps, per poll, the newest tally notifications carried since the last tick; a notification
 * without one (too big to travel) means the tick must read it.
 */
export function noteTally(tallies: Map<PollId, PollTally | null>, pollId: PollId, tally: PollTally | null): void {
  const known = tallies.get(pollId);
  if (known === null) return;
  if (known === undefined || tally === null || tally.tallyVersion > known.tallyVersion) tallies.set(pollId, tally);
}

function addTo(sets: Map<PollId, Set<string>>, pollId: PollId, socketId: string): void {
  const set = sets.get(pollId);
  if (set) set.add(socketId);
  else sets.set(pollId, new Set([socketId]));
}

/** The group key of managers, who receive every room's results (no room id looks like it). */
const ALL_ROOMS = "*";

/**
 * Sockets written per turn of the event loop in a results tick. Writing one tick to the ~1,000
 * sockets a node holds in a storm takes 30-60 ms of one synchronous loop, and every vote that
 * arrives meanwhile (and every Redis reply a vote waits for) waits behind all of it; in slices
 * it waits behind one slice at most. 125 measured best in the vote storm (docs/PERFORMANCE.md):
 * 250 left votes waiting longer, 64 cost more CPU and stretched the ticks.
 */
export const RESULTS_SLICE_SOCKETS = 125;

/** One message and the sockets that receive it as is. */
export interface Send {
  socketIds: string[];
  update: PollResultsUpdate;
  /** Which group of an every-room poll's recipients it was cut for (`groupKey`); undefined otherwise. */
  key?: string | null;
}

/** Managers get every room's results, everyone else their own room's (null: none). */
function groupKey(recipient: ResultsRecipient): string | null {
  return recipient.manages ? ALL_ROOMS : recipient.roomId;
}

/**
 * The message one group of sockets gets: the results as they are when they have no rooms or for
 * managers; else the combined results and the group's own room's only (in a 100-room round the
 * whole set is ~60x the size of one room's, and a participant's view shows only theirs).
 */
function sendOf(update: PollResultsUpdate, key: string | null, socketIds: string[]): Send {
  const byRoom = update.results.byRoom;
  if (!byRoom) return { socketIds, update };
  if (key === ALL_ROOMS) return { socketIds, update, key };
  const own = key === null ? undefined : byRoom[key];
  return {
    socketIds,
    key,
    update: {
      ...update,
      results: { ...update.results, byRoom: own && key !== null ? { [key]: own } : {} },
    } as PollResultsUpdate,
  };
}

/**
 * Moves the sockets whose ballot `tallyVersion` includes out of `voters` (per poll) into
 * `included`. Ballots counted later stay for the tick that includes them.
 */
export function takeIncluded(
  voters: Map<PollId, Map<string, number>>,
  pollId: PollId,
  tallyVersion: number,
  included: Set<string>,
): void {
  const counted = voters.get(pollId);
  if (!counted) return;
  for (const [socketId, countedAt] of counted) {
    if (countedAt > tallyVersion) continue;
    included.add(socketId);
    counted.delete(socketId);
  }
  if (counted.size === 0) voters.delete(pollId);
}

/**
 * The same sends with the sockets in `first` written before all others: each send that has
 * some is split into their piece (same message, same group) and the rest, and every first piece
 * goes before every rest piece. Each socket still gets each message once, so the per-socket
 * order of ticks is unchanged.
 */
export function votersFirst(sends: readonly Send[], first: ReadonlySet<string>): Send[] {
  if (first.size === 0) return [...sends];
  const leading: Send[] = [];
  const trailing: Send[] = [];
  for (const send of sends) {
    const mine = send.socketIds.filter((socketId) => first.has(socketId));
    if (mine.length === 0) {
      trailing.push(send);
      continue;
    }
    leading.push({ ...send, socketIds: mine });
    if (mine.length < send.socketIds.length) {
      trailing.push({ ...send, socketIds: send.socketIds.filter((socketId) => !first.has(socketId)) });
    }
  }
  return [...leading, ...trailing];
}

/**
 * Writes a tick's sends at most `sliceSockets` sockets per turn of the event loop, in order, and
 * between slices lets the loop do its other work (`nextTurn`). A send that fits in the current
 * slice is written whole (one encode for the whole group; the workshop's room when that is
 * everyone); a bigger one in pieces, one encode per piece. Each piece goes through `recheck`
 * first, which returns the sockets that may still receive it.
 *
 * Ordering: the caller awaits this before its next tick may start, so every socket gets a
 * tick's message before any of the next tick's (never an older tally after a newer one).
 */
export async function writeInSlices(
  sends: readonly Send[],
  sliceSockets: number,
  write: (socketIds: string[], update: PollResultsUpdate) => void,
  nextTurn: () => Promise<void>,
  recheck: (send: Send, socketIds: string[]) => string[],
): Promise<void> {
  let budget = sliceSockets;
  for (const send of sends) {
    const { socketIds } = send;
    let offset = 0;
    while (offset < socketIds.length) {
      if (budget <= 0) {
        await nextTurn();
        budget = sliceSockets;
      }
      const take = Math.min(budget, socketIds.length - offset);
      const piece = take === socketIds.length ? socketIds : socketIds.slice(offset, offset + take);
      const allowed = recheck(send, piece);
      if (allowed.length > 0) write(allowed, send.update);
      offset += take;
      budget -= take;
    }
  }
}

/**
 * A timer turn rather than setImmediate: node-redis sends its queued commands from a
 * setImmediate, and votes read in the poll phase queue theirs there. With a timer, the loop's
 * order (timers, poll, check) sends those commands before the next slice, and the poll phase may
 * wait up to the timer's 1 ms for their replies, so a vote is answered between two slices
 * instead of after the next one.
 */
function nextTimerTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
