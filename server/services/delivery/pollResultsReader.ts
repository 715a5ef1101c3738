import type { RoundView } from "../../../shared/breakout.js";
import type { ParticipantId, RoomId, WorkshopId } from "../../../shared/ids.js";
import type { PollResultsUpdate, PollView } from "../../../shared/poll.js";
import type { WorkshopEvent } from "../../../shared/workshop.js";
import type { Membership } from "../../domain/membership.js";
import { managesPoll, seesPollAs, seesResults } from "../../domain/polls/lifecycle.js";
import type { PollTally } from "../../domain/polls/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { TallyListener, VoterRef } from "../../store/polls/port.js";
import type { Stores } from "../../store/stores.js";
import type { PollService } from "../pollService.js";

/** The polls and the round results are judged against. */
export interface PollsNow {
  round: RoundView | null;
  polls: PollView[];
}

/** How one socket may receive a poll's results: as a manager (every room's), or as a viewer (their own room's, if any). */
export interface ResultsRecipient {
  manages: boolean;
  /** Their room in the running round, else null (the plenary). */
  roomId: RoomId | null;
}

/**
 * What the live results feed sends, and to whom: the tallies as they move, the polls and round
 * as this node's copy holds them, each poll's results from its counters, and THE results rule
 * for one socket (its poll audience, the visibility setting, managers). The feed only decides
 * when and in which slices to write.
 */
export class PollResultsReader {
  constructor(
    private readonly stores: Pick<Stores, "polls" | "workshops" | "breakout">,
    private readonly polls: PollService,
  ) {}

  /** While this node has sockets in the workshop it keeps a copy of what votes are decided from. */
  follow(workshopId: WorkshopId): void {
    this.polls.follow(workshopId);
  }

  unfollow(workshopId: WorkshopId): void {
    this.polls.unfollow(workshopId);
  }

  /** Moves this node's copy with a delivered batch (before anything is judged against it). */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
    this.polls.eventsDelivered(workshopId, events);
  }

  /** Each ballot's new counters (null: too big to travel, read them) and whose ballot it was, on every node. */
  followTallies(workshopId: WorkshopId, onTally: TallyListener): Promise<Unsubscribe> {
    return this.stores.polls.subscribeTallies(workshopId, onTally);
  }

  /** The key a person's ballot of the poll is kept under, derived in memory (null after the end). */
  ballotKeyOf(workshopId: WorkshopId, participantId: ParticipantId, poll: PollView): Promise<VoterRef | null> {
    return this.polls.ballotKeyOf({ workshopId, participantId }, poll);
  }

  /** Whether a ballot is kept under this key now: one read, nothing written. */
  hasBallot(workshopId: WorkshopId, voter: VoterRef): Promise<boolean> {
    return this.polls.hasBallot(workshopId, voter);
  }

  /** The node's copy (exact at the batches delivered, like the memberships), or null without one. */
  copy(workshopId: WorkshopId): PollsNow | null {
    return this.polls.pollsView(workshopId);
  }

  /** The node's copy, or read from the store when it has none. */
  async current(workshopId: WorkshopId): Promise<PollsNow> {
    const copy = this.copy(workshopId);
    if (copy) return copy;
    const [workshop, polls] = await Promise.all([
      this.stores.workshops.getWorkshop(workshopId),
      this.stores.polls.listPolls(workshopId),
    ]);
    // The round is only needed for room and every-room polls (leads, room lists).
    const needsRound = polls.some((poll) => poll.definition.scope.kind !== "plenary");
    const round =
      needsRound && workshop?.currentRoundId
        ? await this.stores.breakout.getRound(workshopId, workshop.currentRoundId)
        : null;
    return { round, polls: workshop ? polls : [] };
  }

  results(
    workshopId: WorkshopId,
    poll: PollView,
    round: RoundView | null,
    known?: PollTally,
  ): Promise<PollResultsUpdate> {
    return this.polls.results(workshopId, poll, round, known);
  }

  /**
   * THE results rule for one local socket: null when it may not see them now. `voted`: the
   * socket's person has a ballot in the poll (as far as the feed knows: "results after voting").
   */
  recipient(membership: Membership, poll: PollView, round: RoundView | null, voted: boolean): ResultsRecipient | null {
    // Asked for every local socket in every results tick: the viewer's few fields, not a Viewer.
    const roomId = membership.running ? membership.assignedRoom : null;
    const manages = managesPoll(membership, poll.definition, round);
    const sees = seesPollAs(membership.participantId, membership.role, roomId, poll);
    return seesResults(poll, sees, manages, voted) ? recipientOf(manages, roomId) : null;
  }

  /** Whether the socket would see the results only with a ballot of its person's: the feed must know if there is one. */
  waitsForBallot(membership: Membership, poll: PollView, round: RoundView | null): boolean {
    return (
      this.recipient(membership, poll, round, true) !== null && this.recipient(membership, poll, round, false) === null
    );
  }
}

/**
 * One shared answer per kind of recipient and room: the rule is asked for every local socket in
 * every results tick (a storm's 1,000 sockets ten times a second), and an object per answer was
 * garbage the young generation had to clear. Room ids come and go with rounds: bounded.
 */
const sharedRecipients = {
  managers: new Map<RoomId | null, ResultsRecipient>(),
  viewers: new Map<RoomId | null, ResultsRecipient>(),
};
const SHARED_RECIPIENTS_MAX = 10_000;

function recipientOf(manages: boolean, roomId: RoomId | null): ResultsRecipient {
  const shared = manages ? sharedRecipients.managers : sharedRecipients.viewers;
  const known = shared.get(roomId);
  if (known) return known;
  if (shared.size >= SHARED_RECIPIENTS_MAX) shared.clear();
  const recipient: ResultsRecipient = Object.freeze({ manages, roomId });
  shared.set(roomId, recipient);
  return recipient;
}
