import type { WorkshopId } from "../../../shared/ids.js";
import type { Ballot, PollId, PollView } from "../../../shared/poll.js";
import type { CommandRef } from "../../domain/commands.js";
import type { PollTally, StoredBallot } from "../../domain/polls/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { byCreation } from "../order.js";
import { parseOrNull, type RedisCore } from "../redis/core.js";
import type { WorkshopKeys } from "../redis/keys.js";
import { decodeBallots, encodeBallot, RETRACTED_BALLOT } from "./ballots.js";
import type {
  BallotCast,
  BallotRetract,
  CastOutcome,
  PollStore,
  RetractOutcome,
  TallyListener,
  VoterRef,
} from "./port.js";
import { castBallotScript, retractBallotScript } from "./scripts.js";
import { decodeTallyNotice, tallyOfFields } from "./tallyNotice.js";

/** Polls in Redis: poll records, and per poll its ballots and counters, changed only by the ballot scripts. */
export class RedisPollStore implements PollStore {
  constructor(private readonly core: RedisCore) {}

  async getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null> {
    return parseOrNull<PollView>(
      await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).polls, pollId)),
    );
  }

  async listPolls(workshopId: WorkshopId): Promise<PollView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).polls));
    return all.map((json) => JSON.parse(json) as PollView).sort(byCreation);
  }

  async castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const record = this.core.commandRecord(workshopId, command);
    const reply = (await this.core.run(
      castBallotScript,
      [...ballotKeys(keys, cast.pollId), ...record.keys, keys.version],
      [
        cast.pollId,
        cast.voterKey,
        cast.anonymous ? "1" : "0",
        encodeBallot(cast.ballot),
        cast.now,
        record.id,
        record.expiresAt,
        cast.resultChanged,
        cast.resultUnchanged,
        keys.tallies,
        cast.expectVersion === undefined ? "" : String(cast.expectVersion),
        ...cast.ballot.counters,
      ],
    )) as [string, string?];
    switch (reply[0]) {
      case "duplicate":
        return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
      case "missing":
      case "stale":
      case "closed":
        return { status: reply[0] };
      case "already":
        return { status: "alreadyVoted" };
      default: {
        const changed = reply[0] === "applied";
        const result = JSON.parse(changed ? cast.resultChanged : cast.resultUnchanged) as T;
        return { status: "applied", changed, tallyVersion: Number(reply[1] ?? 0), result };
      }
    }
  }

  async retractBallot<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    retract: BallotRetract,
  ): Promise<RetractOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const record = this.core.commandRecord(workshopId, command);
    const reply = (await this.core.run(
      retractBallotScript,
      [...ballotKeys(keys, retract.pollId), ...record.keys],
      [
        retract.pollId,
        retract.voterKey,
        retract.anonymous ? "1" : "0",
        record.id,
        record.expiresAt,
        retract.resultRetracted,
        retract.resultNone,
        keys.tallies,
      ],
    )) as [string, string?];
    switch (reply[0]) {
      case "duplicate":
        return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
      case "missing":
      case "stale":
        return { status: reply[0] };
      case "none":
        return { status: "applied", retracted: false, tallyVersion: null, result: JSON.parse(retract.resultNone) as T };
      default: {
        const result = JSON.parse(retract.resultRetracted) as T;
        return { status: "applied", retracted: true, tallyVersion: Number(reply[1] ?? 0), result };
      }
    }
  }

  async getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally> {
    const all = await this.core.bounded(this.core.client.hGetAll(this.core.keys(workshopId).pollTally(pollId)));
    return tallyOfFields(Object.entries(all));
  }

  async ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null> {
    const keys = this.core.keys(workshopId);
    let json: string | null | undefined;
    if (voter.anonymous) {
      const range = [`[${voter.voterKey}|`, `(${voter.voterKey}}`] as const;
      const [member] = await this.core.bounded(
        this.core.client.zRangeByLex(keys.anonymousBallots(voter.pollId), ...range, { LIMIT: { offset: 0, count: 1 } }),
      );
      json = member?.slice(voter.voterKey.length + 1);
    } else {
      json = await this.core.bounded(this.core.client.hGet(keys.pollBallots(voter.pollId), voter.voterKey));
    }
    if (json === RETRACTED_BALLOT) return "retracted";
    return json ? (JSON.parse(json) as StoredBallot).ballot : null;
  }

  async listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]> {
    const keys = this.core.keys(workshopId);
    const [named, anonymous] = await this.core.bounded(
      Promise.all([
        this.core.client.hVals(keys.pollBallots(pollId)),
        this.core.client.zRange(keys.anonymousBallots(pollId), 0, -1),
      ]),
    );
    return decodeBallots([...named, ...anonymous.map((member) => member.slice(member.indexOf("|") + 1))]);
  }

  subscribeTallies(workshopId: WorkshopId, onTally: TallyListener): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).tallies, (message) => {
      const notice = decodeTallyNotice(message);
      if (notice) onTally(notice.pollId, notice.tally, notice.change);
    });
  }
}

/** The keys the ballot scripts (cast, retract) start with: meta, polls, named ballots, anonymous ballots, tally. */
function ballotKeys(keys: WorkshopKeys, pollId: PollId): string[] {
  return [keys.meta, keys.polls, keys.pollBallots(pollId), keys.anonymousBallots(pollId), keys.pollTally(pollId)];
}
