import type { WorkshopId } from "../../../shared/ids.js";
import type { Ballot, PollId, PollView } from "../../../shared/poll.js";
import type { CommandRef } from "../../domain/commands.js";
import type { PollTally, StoredBallot } from "../../domain/polls/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";

/**
 * Where one person's ballot of one poll is kept: their participant id in a named poll, a keyed
 * hash (VoterKeys.ballot) in an anonymous one, so the store never sees who cast an anonymous
 * ballot. `anonymous` is what the caller believed of the poll when it chose the key: the store
 * answers `stale` if the record says otherwise.
 */
export interface VoterRef {
  pollId: PollId;
  voterKey: string;
  anonymous: boolean;
}

/** One vote: written atomically with the poll's counters, at most once per CommandRef. */
export interface BallotCast extends VoterRef {
  ballot: StoredBallot;
  /** The moment the vote arrived: an open poll past its closesAt refuses it, like a closed one. */
  now: number;
  /** What a retry of this command gets back: for a ballot that changed the count, and one that did not. */
  resultChanged: string;
  resultUnchanged: string;
  /**
   * The workshop version the caller's view of the voter (status, role, room) and the poll is
   * exact for: if the workshop has moved past it, nothing is counted and the outcome is
   * `stale`. Lets a node decide a vote from state it keeps in memory and still be exact.
   * Absent: no check (the caller read everything fresh).
   */
  expectVersion?: number;
}

export type CastOutcome<T> =
  | { status: "applied"; changed: boolean; tallyVersion: number; result: T }
  | { status: "duplicate"; result: T }
  /** Not open (draft, closed, or past its auto-close time): nothing was counted. */
  | { status: "closed" }
  /** The poll does not allow changing a ballot, and this one differs from the stored one. */
  | { status: "alreadyVoted" }
  | { status: "missing" }
  /**
   * The workshop changed since `expectVersion`, or the poll's anonymity is not what the caller
   * thought: nothing was counted; decide again from fresh state.
   */
  | { status: "stale" };

/** Taking a ballot back: what a retry of the command gets, for a ballot removed and for none found. */
export interface BallotRetract extends VoterRef {
  resultRetracted: string;
  resultNone: string;
}

export type RetractOutcome<T> =
  | { status: "applied"; retracted: boolean; tallyVersion: number | null; result: T }
  | { status: "duplicate"; result: T }
  | { status: "missing" }
  | { status: "stale" };

/**
 * Whose ballot a tally notification was about, by the key it is kept under (a participant id in a
 * named poll, a voter key in an anonymous one: what the ballot script received anyway), and
 * whether that voter has a ballot now. Lets every node tell the voter's sockets that their
 * results may be shown ("results after voting") without a read, and without anything new kept.
 */
export interface BallotChange {
  voterKey: string;
  /** True after a vote, false after a ballot was taken back. */
  voted: boolean;
}

/** A tally notification: the poll, its counters when small enough to travel, whose ballot moved them. */
export type TallyListener = (pollId: PollId, tally: PollTally | null, change: BallotChange | null) => void;

/**
 * Live polls: the poll records (written by the workshop's commit) and, beside them, the ballots
 * and counters, changed only by one atomic step per vote (invariant 4), never in the event log.
 */
export interface PollStore {
  getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null>;
  listPolls(workshopId: WorkshopId): Promise<PollView[]>;
  /**
   * Casts or replaces a ballot in one atomic step: checks the poll is open (status and
   * closesAt), one ballot per voter, vote-change rule, takes back the old ballot's counters
   * and adds the new one's, bumps the tally version, tells every node, remembers the result.
   */
  castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>>;
  /** Takes one voter's ballot back in one atomic step (counters, tally version, every node told). */
  retractBallot<T>(workshopId: WorkshopId, command: CommandRef, retract: BallotRetract): Promise<RetractOutcome<T>>;
  getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally>;
  /**
   * The voter's own ballot, by the key it is kept under (see VoterRef); "retracted" when they
   * took it back in a poll that does not allow voting again.
   */
  ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null>;
  /** Every ballot of a poll, named or anonymous; the order says nothing about who or when. */
  listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]>;
  /**
   * Called after every ballot change, on every node, with the poll id and the poll's tally right
   * after that change when it is small enough to travel along (`TALLY_NOTICE_MAX_FIELDS`), else
   * null, and whose ballot changed. Several tallies of one poll may arrive out of order with
   * reads: the higher version wins. One voter's changes arrive in the order they happened.
   */
  subscribeTallies(workshopId: WorkshopId, onTally: TallyListener): Promise<Unsubscribe>;
}
