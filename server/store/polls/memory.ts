import type { WorkshopId } from "../../../shared/ids.js";
import type { Ballot, PollId, PollView } from "../../../shared/poll.js";
import type { CommandRef } from "../../domain/commands.js";
import { TALLY_VERSION_COUNTER } from "../../domain/polls/counters.js";
import type { PollTally, StoredBallot } from "../../domain/polls/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { type MemoryCore, mapIn, WorkshopSlices } from "../memory/core.js";
import { byCreation } from "../order.js";
import { decodeBallots, encodeBallot, RETRACTED_BALLOT } from "./ballots.js";
import type {
  BallotCast,
  BallotChange,
  BallotRetract,
  CastOutcome,
  PollStore,
  RetractOutcome,
  TallyListener,
  VoterRef,
} from "./port.js";
import { TALLY_NOTICE_MAX_FIELDS, tallyOfFields } from "./tallyNotice.js";

interface PollsSlice {
  /** pollId -> voter key (participant id, or a keyed hash for anonymous polls) -> encoded StoredBallot. */
  ballots: Map<PollId, Map<string, string>>;
  /** pollId -> counter -> count (TALLY_VERSION_COUNTER included). */
  tallies: Map<PollId, Map<string, number>>;
  tallyListeners: Set<TallyListener>;
}

/** Polls in this process: poll records from commits; ballots and counters beside them. */
export class MemoryPollStore implements PollStore {
  private readonly slices: WorkshopSlices<PollsSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({
      ballots: new Map(),
      tallies: new Map(),
      tallyListeners: new Set(),
    }));
  }

  async getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null> {
    return this.core.parsed<PollView>(workshopId, "poll", pollId);
  }

  async listPolls(workshopId: WorkshopId): Promise<PollView[]> {
    return this.pollsOf(workshopId);
  }

  /** Every poll now (the full snapshot reads them in the same step). */
  pollsOf(workshopId: WorkshopId): PollView[] {
    return this.core.parsedAll<PollView>(workshopId, "poll").sort(byCreation);
  }

  async castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>> {
    const earlier = this.core.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.core.require(workshopId);
    if (cast.expectVersion !== undefined && state.version !== cast.expectVersion) return { status: "stale" };
    const poll = this.core.parsed<PollView>(workshopId, "poll", cast.pollId);
    if (!poll) return { status: "missing" };
    if (poll.definition.anonymous !== cast.anonymous) return { status: "stale" };
    if (poll.status !== "open" || (poll.closesAt !== null && cast.now >= poll.closesAt)) return { status: "closed" };
    const slice = this.slices.slice(workshopId);
    const ballots = mapIn(slice.ballots, cast.pollId, () => new Map<string, string>());
    const tally = mapIn(slice.tallies, cast.pollId, () => new Map<string, number>());
    const encoded = encodeBallot(cast.ballot);
    const old = ballots.get(cast.voterKey);
    if (old === encoded) {
      this.core.remember(workshopId, command, cast.resultUnchanged);
      const tallyVersion = tally.get(TALLY_VERSION_COUNTER) ?? 0;
      return { status: "applied", changed: false, tallyVersion, result: JSON.parse(cast.resultUnchanged) as T };
    }
    if (old !== undefined && !poll.definition.allowVoteChange) return { status: "alreadyVoted" };
    const add = (counter: string, delta: number) => tally.set(counter, (tally.get(counter) ?? 0) + delta);
    if (old !== undefined && old !== RETRACTED_BALLOT) {
      for (const counter of (JSON.parse(old) as StoredBallot).counters) add(counter, -1);
    }
    for (const counter of cast.ballot.counters) add(counter, 1);
    add(TALLY_VERSION_COUNTER, 1);
    ballots.set(cast.voterKey, encoded);
    this.core.remember(workshopId, command, cast.resultChanged);
    this.notify(slice, cast.pollId, tally, { voterKey: cast.voterKey, voted: true });
    const tallyVersion = tally.get(TALLY_VERSION_COUNTER) ?? 0;
    return { status: "applied", changed: true, tallyVersion, result: JSON.parse(cast.resultChanged) as T };
  }

  async retractBallot<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    retract: BallotRetract,
  ): Promise<RetractOutcome<T>> {
    const earlier = this.core.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    this.core.require(workshopId);
    const poll = this.core.parsed<PollView>(workshopId, "poll", retract.pollId);
    if (!poll) return { status: "missing" };
    if (poll.definition.anonymous !== retract.anonymous) return { status: "stale" };
    const slice = this.slices.slice(workshopId);
    const ballots = slice.ballots.get(retract.pollId);
    const old = ballots?.get(retract.voterKey);
    if (!ballots || old === undefined || old === RETRACTED_BALLOT) {
      this.core.remember(workshopId, command, retract.resultNone);
      return { status: "applied", retracted: false, tallyVersion: null, result: JSON.parse(retract.resultNone) as T };
    }
    const tally = mapIn(slice.tallies, retract.pollId, () => new Map<string, number>());
    const add = (counter: string, delta: number) => tally.set(counter, (tally.get(counter) ?? 0) + delta);
    for (const counter of (JSON.parse(old) as StoredBallot).counters) add(counter, -1);
    add(TALLY_VERSION_COUNTER, 1);
    if (poll.definition.allowVoteChange) ballots.delete(retract.voterKey);
    else ballots.set(retract.voterKey, RETRACTED_BALLOT);
    this.core.remember(workshopId, command, retract.resultRetracted);
    this.notify(slice, retract.pollId, tally, { voterKey: retract.voterKey, voted: false });
    const tallyVersion = tally.get(TALLY_VERSION_COUNTER) ?? 0;
    return { status: "applied", retracted: true, tallyVersion, result: JSON.parse(retract.resultRetracted) as T };
  }

  async getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally> {
    return tallyOfFields(this.slices.peek(workshopId)?.tallies.get(pollId) ?? []);
  }

  async ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null> {
    const json = this.slices.peek(workshopId)?.ballots.get(voter.pollId)?.get(voter.voterKey);
    if (json === RETRACTED_BALLOT) return "retracted";
    return json ? (JSON.parse(json) as StoredBallot).ballot : null;
  }

  async listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]> {
    return decodeBallots([...(this.slices.peek(workshopId)?.ballots.get(pollId)?.values() ?? [])]);
  }

  async subscribeTallies(workshopId: WorkshopId, onTally: TallyListener): Promise<Unsubscribe> {
    this.core.require(workshopId);
    const { tallyListeners } = this.slices.slice(workshopId);
    tallyListeners.add(onTally);
    return async () => {
      tallyListeners.delete(onTally);
    };
  }

  /** As the Redis script does: the counters right after a ballot change travel along when they are small. */
  private notify(slice: PollsSlice, pollId: PollId, tally: Map<string, number>, change: BallotChange): void {
    const notice = tally.size <= TALLY_NOTICE_MAX_FIELDS ? tallyOfFields(tally) : null;
    for (const listener of slice.tallyListeners) queueMicrotask(() => listener(pollId, notice, change));
  }
}
