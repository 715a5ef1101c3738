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
import type { WorkshopServer } from "./types.js";
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

  protected initialState(): ResultsState {
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

  /** A socket just got its state: send it the results of every poll it may see. */
  socketReady(workshopId: WorkshopId, socketId: string): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    state.targets.add(socketId);
    this.schedule(workshopId);
  }

  /** Called with each batch the event feed delivered (memberships already moved with it). */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
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
      // The round is only needed for room and every-room polls (leads, room lists).
      const [workshop, polls] = await Promise.all([
        this.store.getWorkshop(workshopId),
        this.store.listPolls(workshopId),
      ]);
      if (!workshop) return;
      const needsRound = polls.some((poll) => poll.definition.scope.kind !== "plenary");
      const round =
        needsRound && workshop.currentRoundId ? await this.store.getRound(workshopId, workshop.currentRoundId) : null;
      const members = this.membersOf(workshopId);
      for (const poll of polls) {
        if (poll.status === "draft") continue;
        const toAll = everything || changedPolls.has(poll.pollId);
        const tallyMoved = tallies.has(poll.pollId);
        if (!toAll && !tallyMoved && targets.size === 0) continue;
        const update = await this.polls.results(workshopId, poll, round);
        const fresh = update.tallyVersion > (state.lastSent.get(poll.pollId) ?? -1);
        const socketIds: string[] = [];
        for (const [socketId, membership] of members) {
          const wanted = toAll || (tallyMoved && fresh) || targets.has(socketId);
          if (wanted && mayReceive(poll, membership, round)) socketIds.push(socketId);
        }
        state.lastSent.set(poll.pollId, Math.max(update.tallyVersion, state.lastSent.get(poll.pollId) ?? 0));
        if (socketIds.length > 0) this.emit(socketIds, update);
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

  private emit(socketIds: string[], update: PollResultsUpdate): void {
    this.io.local.to(socketIds).emit("poll:results", update);
    this.metrics.pollResultBroadcasts.inc();
  }
}

/** THE results rule per socket: the poll's audience, its visibility setting, and who manages it. */
function mayReceive(poll: PollView, membership: Membership, round: RoundView | null): boolean {
  const viewer: PollViewer = {
    participantId: membership.participantId,
    role: membership.isFacilitator ? "facilitator" : "participant",
    roomId: membership.running ? membership.assignedRoom : null,
  };
  return seesResults(poll, seesPoll(viewer, poll), managesPoll(viewer, poll.definition, round));
}
