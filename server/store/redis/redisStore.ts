import { randomBytes } from "node:crypto";
import { createClient, type RedisClientType } from "redis";
import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../../shared/notes.js";
import type { Ballot, PollId, PollView } from "../../../shared/poll.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import type { UnversionedEvent, WorkshopEvent } from "../../../shared/workshop.js";
import { DomainError, StoreUnavailableError } from "../../domain/errors.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import type { Logger } from "../../logger.js";
import type { ServerKeys } from "../../security/serverKeys.js";
import {
  base64Bytes,
  byCreation,
  byDoc,
  bySnapshotTime,
  decodeBallots,
  encodeBallot,
  joinedEvent,
  parseTimerMember,
  RETRACTED_BALLOT,
  rateWindowOf,
  recordId,
} from "../records.js";
import { decodeTallyNotice, tallyOfFields } from "../tallyNotice.js";
import {
  type BallotCast,
  type BallotRetract,
  type BoardRecord,
  type CastOutcome,
  type CommandRef,
  type CommitOutcome,
  commandRecordDay,
  EVENT_LOG_CAP,
  type FullSnapshot,
  type JoinLimit,
  type MoveOutcome,
  type NoteAppendOutcome,
  type PollTally,
  QNA_CHANGES_CAP,
  type QnaChanges,
  type QnaWrite,
  type QuestionRecord,
  type RateCounter,
  type RecordWrite,
  type RetractOutcome,
  type RoomMove,
  type Store,
  type StoredBallot,
  type TimerSubject,
  type Unsubscribe,
  type UpvoteOutcome,
  type VoterRef,
} from "../types.js";
import { globalKeys, workshopKeys } from "./keys.js";
import {
  addParticipantScript,
  appendNoteScript,
  castBallotScript,
  commitScript,
  compactNotesScript,
  connectScript,
  deleteIfScript,
  disconnectScript,
  eventsSinceScript,
  fullSnapshotScript,
  type LuaScript,
  moveScript,
  nextSeqScript,
  qnaChangesScript,
  qnaCommitScript,
  rateCountersScript,
  retractBallotScript,
  saveSnapshotScript,
  upvoteScript,
  voterSaltScript,
} from "./scripts.js";

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key: lets tests and deployments share one Redis without touching each other. */
  keyPrefix: string;
  /** A command that gets no answer within this many ms fails with UNAVAILABLE instead of waiting. */
  commandTimeoutMs: number;
  logger: Logger;
  /** The server key (ANONYMITY_KEY): command records are kept under keyed hashes, never under a person's id. */
  keys: ServerKeys;
  /** The clock command records are filed by (a UTC day). */
  now?: () => number;
}

type Client = RedisClientType;

/**
 * The shared store: every node reads and writes here, so no node holds state another needs.
 * Hot paths are single Lua scripts; reads that must agree with each other use MULTI.
 */
export class RedisStore implements Store {
  readonly kind = "redis";
  private readonly client: Client;
  private readonly subscriber: Client;
  private readonly global: ReturnType<typeof globalKeys>;
  private readonly rememberedNodeWorkshops = new Set<string>();

  private constructor(
    private readonly options: RedisStoreOptions,
    client: Client,
    subscriber: Client,
  ) {
    this.client = client;
    this.subscriber = subscriber;
    this.global = globalKeys(options.keyPrefix);
  }

  /** Connects both clients; fails (instead of waiting forever) when Redis cannot be reached in time. */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const client = createRedisClient(options, "store");
    const subscriber = createRedisClient(options, "store-subscriber");
    await Promise.all([
      withTimeout(client.connect(), options.commandTimeoutMs * 3),
      withTimeout(subscriber.connect(), options.commandTimeoutMs * 3),
    ]).catch(async (error: unknown) => {
      client.destroy();
      subscriber.destroy();
      throw error;
    });
    return new RedisStore(options, client, subscriber);
  }

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    const keys = workshopKeys(this.options.keyPrefix, record.workshopId);
    const claimed = await this.bounded(
      this.client.set(this.global.joinCode(record.joinCode), record.workshopId, { condition: "NX" }),
    );
    if (claimed !== "OK") throw new DomainError("CONFLICT", "join code already in use");
    await this.bounded(this.client.set(keys.meta, JSON.stringify(record)));
  }

  async getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null> {
    const json = await this.bounded(this.client.get(workshopKeys(this.options.keyPrefix, workshopId).meta));
    return json ? (JSON.parse(json) as WorkshopRecord) : null;
  }

  async findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null> {
    return this.bounded(this.client.get(this.global.joinCode(joinCode)));
  }

  async addParticipant(
    workshopId: WorkshopId,
    record: ParticipantRecord,
    sessionTokenHash: string,
    connectionId?: string,
    joinId?: string,
    joinLimit?: JoinLimit,
  ): Promise<{ version: number; participantId: ParticipantId } | { limited: true }> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    if (connectionId) await this.rememberNodeWorkshop(connectionId, workshopId);
    const window = this.rateWindow(joinLimit?.windowMs ?? 60_000);
    const reply = (await this.run(
      addParticipantScript,
      [
        keys.meta,
        keys.version,
        keys.log,
        keys.participants,
        keys.sessions,
        keys.connections,
        keys.onlineCounts,
        keys.joins,
        keys.joinCounter(window.index),
        keys.joinCounter(window.index - 1),
      ],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.participantId,
        JSON.stringify(record),
        sessionTokenHash,
        JSON.stringify(joinedEvent(record, connectionId)),
        connectionId ?? "",
        joinId ?? "",
        joinLimit ? joinLimit.perWindow : "",
        window.covered,
        window.expiresAt,
      ],
    )) as [string, string?];
    if (reply[0] === "limited") return { limited: true };
    return { participantId: reply[0], version: Number(reply[1]) };
  }

  async getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const json = await this.bounded(this.client.hGet(keys.participants, participantId));
    return json ? (JSON.parse(json) as ParticipantRecord) : null;
  }

  async findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return (await this.bounded(this.client.hGet(keys.sessions, sessionTokenHash))) ?? null;
  }

  async commit<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    writes: RecordWrite[],
    events: UnversionedEvent[],
    result: T,
    options?: { forgetVoterSalt?: boolean },
  ): Promise<CommitOutcome<T>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const writeKeys: string[] = [];
    const writeArgs: string[] = [];
    for (const write of writes) {
      writeKeys.push(recordKey(keys, write));
      writeArgs.push(
        recordId(write),
        write.expected ? JSON.stringify(write.expected) : "",
        write.next === null ? "" : JSON.stringify(write.next),
      );
    }
    const record = this.commandRecord(workshopId, command);
    const reply = (await this.run(
      commitScript,
      [keys.meta, keys.version, keys.log, ...record.keys, keys.voterSalt, ...writeKeys],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.id,
        record.expiresAt,
        JSON.stringify(result),
        options?.forgetVoterSalt ? "1" : "0",
        writes.length,
        ...writeArgs,
        ...events.map((event) => JSON.stringify(event)),
      ],
    )) as [string, string?];
    return commitOutcome(reply, result);
  }

  async commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    const { keys, id } = this.commandRecord(workshopId, command);
    const first = `[${id}|`;
    const last = `(${id}}`;
    const [today, yesterday] = await this.bounded(
      Promise.all(keys.map((key) => this.client.zRangeByLex(key, first, last, { LIMIT: { offset: 0, count: 1 } }))),
    );
    const member = today?.[0] ?? yesterday?.[0];
    return member === undefined ? null : (JSON.parse(member.slice(id.length + 1)) as T);
  }

  async connect(
    workshopId: WorkshopId,
    participantId: ParticipantId,
    connectionId: string,
    maxConnections = Number.MAX_SAFE_INTEGER,
  ): Promise<boolean> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    await this.rememberNodeWorkshop(connectionId, workshopId);
    const reply = await this.run(
      connectScript,
      [keys.meta, keys.version, keys.log, keys.connections, keys.onlineCounts],
      [keys.changes, EVENT_LOG_CAP, connectionId, participantId, maxConnections],
    );
    return Number(reply) !== -2;
  }

  async connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return Number((await this.bounded(this.client.hGet(keys.onlineCounts, participantId))) ?? 0);
  }

  async disconnect(workshopId: WorkshopId, connectionId: string): Promise<void> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    await this.run(
      disconnectScript,
      [keys.version, keys.log, keys.connections, keys.onlineCounts],
      [keys.changes, EVENT_LOG_CAP, connectionId],
    );
  }

  async reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number> {
    const workshopsKey = this.global.nodeWorkshops(nodeId);
    const workshopIds = await this.bounded(this.client.sMembers(workshopsKey));
    let reaped = 0;
    for (const workshopId of workshopIds) {
      const keys = workshopKeys(this.options.keyPrefix, workshopId);
      const connectionIds = await this.bounded(this.client.hKeys(keys.connections));
      for (const connectionId of connectionIds) {
        if (!connectionId.startsWith(`${nodeId}/`) || keep?.(connectionId)) continue;
        await this.disconnect(workshopId, connectionId);
        reaped++;
      }
    }
    if (!keep) await this.bounded(this.client.multi().del(workshopsKey).zRem(this.global.nodes, nodeId).exec());
    return reaped;
  }

  async heartbeat(nodeId: string, now: number): Promise<void> {
    await this.bounded(this.client.zAdd(this.global.nodes, { score: now, value: nodeId }));
  }

  async deadNodes(olderThan: number): Promise<string[]> {
    return this.bounded(this.client.zRangeByScore(this.global.nodes, 0, olderThan - 1));
  }

  async moveParticipants<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    roundId: RoundId,
    moves: RoomMove[],
    allOrNothing: boolean,
    resultTemplate: string,
  ): Promise<MoveOutcome<T>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const record = this.commandRecord(workshopId, command);
    const reply = (await this.run(
      moveScript,
      [keys.meta, keys.version, keys.log, ...record.keys, keys.assignments(roundId), keys.counts(roundId)],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.id,
        record.expiresAt,
        resultTemplate,
        roundId,
        allOrNothing ? "1" : "0",
        keys.roomMembers(roundId, "%ROOM%"),
        ...moves.flatMap((move) => [move.participantId, move.roomId ?? "", move.capacity ?? -1]),
      ],
    )) as string[];
    switch (reply[0]) {
      case "duplicate":
        return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
      case "full":
        return { status: "full", refused: JSON.parse(reply[1] ?? "[]") as string[] };
      default:
        return {
          status: "applied",
          version: Number(reply[1]),
          moved: Number(reply[2]),
          refused: JSON.parse(reply[3] ?? "[]") as string[],
          result: JSON.parse(reply[4] ?? "null") as T,
        };
    }
  }

  async getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return parseOrNull<RoundView>(await this.bounded(this.client.hGet(keys.rounds, roundId)));
  }

  async listRounds(workshopId: WorkshopId): Promise<RoundView[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const all = await this.bounded(this.client.hVals(keys.rounds));
    return all.map((json) => JSON.parse(json) as RoundView).sort((a, b) => a.number - b.number);
  }

  async getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return new Map(Object.entries(await this.bounded(this.client.hGetAll(keys.assignments(roundId)))));
  }

  async getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return (await this.bounded(this.client.hGet(keys.assignments(roundId), participantId))) ?? null;
  }

  async getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return countsFrom(await this.bounded(this.client.hGetAll(keys.counts(roundId))));
  }

  async getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return this.bounded(this.client.sMembers(keys.roomMembers(roundId, roomId)));
  }

  async listHelps(workshopId: WorkshopId): Promise<HelpView[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return (await this.bounded(this.client.hVals(keys.helps))).map((json) => JSON.parse(json) as HelpView);
  }

  async listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return (await this.bounded(this.client.hVals(keys.broadcasts)))
      .map((json) => JSON.parse(json) as BroadcastView)
      .sort((a, b) => a.sentAt - b.sentAt);
  }

  async getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return parseOrNull<HelpView>(await this.bounded(this.client.hGet(keys.helps, helpId)));
  }

  async listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const all = await this.bounded(this.client.hVals(keys.participants));
    return all.map((json) => JSON.parse(json) as ParticipantRecord);
  }

  async getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return tagsFrom(await this.bounded(this.client.hGetAll(keys.tags)));
  }

  async scheduleTimer(
    workshopId: WorkshopId,
    subjectId: TimerSubject,
    dueAt: number,
    mode: "earliest" | "latest" | "ifAbsent" | "exact",
  ): Promise<void> {
    const member = { score: dueAt, value: `${workshopId}|${subjectId}` };
    const options = {
      earliest: { comparison: "LT" as const },
      latest: { comparison: "GT" as const },
      ifAbsent: { condition: "NX" as const },
      exact: {},
    }[mode];
    await this.bounded(this.client.zAdd(this.global.timers, member, options));
  }

  async clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void> {
    await this.bounded(this.client.zRem(this.global.timers, `${workshopId}|${subjectId}`));
  }

  async dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>> {
    const members = await this.bounded(
      this.client.zRangeByScore(this.global.timers, 0, now, { LIMIT: { offset: 0, count: limit } }),
    );
    return members.map(parseTimerMember);
  }

  async fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const meta = parseOrNull<WorkshopRecord>(await this.bounded(this.client.get(keys.meta)));
      if (!meta) return null;
      const roundId = meta.currentRoundId ?? "";
      const reply = (await this.run(
        fullSnapshotScript,
        [
          keys.version,
          keys.meta,
          keys.participants,
          keys.onlineCounts,
          keys.rounds,
          keys.helps,
          keys.broadcasts,
          keys.tags,
          keys.assignments(roundId || "none"),
          keys.counts(roundId || "none"),
          keys.polls,
          keys.notesAccess,
        ],
        [roundId],
      )) as [
        string,
        string,
        string,
        string[],
        string[],
        string,
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
        string[],
      ];
      if (reply[0] === "missing") return null;
      if (reply[0] === "retry") continue;
      const [
        ,
        version,
        metaJson,
        participantPairs,
        onlinePairs,
        roundJson,
        assignmentPairs,
        countPairs,
        helps,
        broadcasts,
        tagPairs,
        polls,
        notesAccess,
      ] = reply;
      const online = pairsToRecord(onlinePairs);
      return {
        version: Number(version),
        workshop: JSON.parse(metaJson) as WorkshopRecord,
        participants: Object.values(pairsToRecord(participantPairs)).map((json) => {
          const record = JSON.parse(json) as ParticipantRecord;
          return { ...record, online: Number(online[record.participantId] ?? 0) > 0 };
        }),
        breakout: {
          round: roundJson ? (JSON.parse(roundJson) as RoundView) : null,
          assignments: new Map(Object.entries(pairsToRecord(assignmentPairs))),
          counts: countsFrom(pairsToRecord(countPairs)),
          helps: helps.map((json) => JSON.parse(json) as HelpView),
          broadcasts: broadcasts.map((json) => JSON.parse(json) as BroadcastView).sort((a, b) => a.sentAt - b.sentAt),
          tags: tagsFrom(pairsToRecord(tagPairs)),
        },
        polls: polls.map((json) => JSON.parse(json) as PollView).sort(byCreation),
        notesAccess: notesAccess.map((json) => JSON.parse(json) as NoteAccess).sort(byDoc),
      };
    }
    throw new DomainError("CONFLICT", "the workshop kept changing; try again");
  }

  async currentVersion(workshopId: WorkshopId): Promise<number> {
    return Number((await this.bounded(this.client.get(workshopKeys(this.options.keyPrefix, workshopId).version))) ?? 0);
  }

  async eventsSince(workshopId: WorkshopId, sinceVersion: number): Promise<WorkshopEvent[] | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const reply = (await this.run(eventsSinceScript, [keys.version, keys.log], [sinceVersion])) as string[] | null;
    return reply === null ? null : reply.map((json) => JSON.parse(json) as WorkshopEvent);
  }

  async getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null> {
    const json = await this.bounded(this.client.hGet(workshopKeys(this.options.keyPrefix, workshopId).polls, pollId));
    return json ? (JSON.parse(json) as PollView) : null;
  }

  async listPolls(workshopId: WorkshopId): Promise<PollView[]> {
    const all = await this.bounded(this.client.hVals(workshopKeys(this.options.keyPrefix, workshopId).polls));
    return all.map((json) => JSON.parse(json) as PollView).sort(byCreation);
  }

  async castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const record = this.commandRecord(workshopId, command);
    const reply = (await this.run(
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
        return { status: "missing" };
      case "stale":
        return { status: "stale" };
      case "closed":
        return { status: "closed" };
      case "already":
        return { status: "alreadyVoted" };
      default: {
        const changed = reply[0] === "applied";
        return {
          status: "applied",
          changed,
          tallyVersion: Number(reply[1] ?? 0),
          result: JSON.parse(changed ? cast.resultChanged : cast.resultUnchanged) as T,
        };
      }
    }
  }

  async getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally> {
    const all = await this.bounded(
      this.client.hGetAll(workshopKeys(this.options.keyPrefix, workshopId).pollTally(pollId)),
    );
    return tallyOfFields(Object.entries(all));
  }

  async retractBallot<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    retract: BallotRetract,
  ): Promise<RetractOutcome<T>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const record = this.commandRecord(workshopId, command);
    const reply = (await this.run(
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
        return { status: "missing" };
      case "stale":
        return { status: "stale" };
      case "none":
        return { status: "applied", retracted: false, tallyVersion: null, result: JSON.parse(retract.resultNone) as T };
      default:
        return {
          status: "applied",
          retracted: true,
          tallyVersion: Number(reply[1] ?? 0),
          result: JSON.parse(retract.resultRetracted) as T,
        };
    }
  }

  async ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    let json: string | null | undefined;
    if (voter.anonymous) {
      const [member] = await this.bounded(
        this.client.zRangeByLex(keys.anonymousBallots(voter.pollId), `[${voter.voterKey}|`, `(${voter.voterKey}}`, {
          LIMIT: { offset: 0, count: 1 },
        }),
      );
      json = member?.slice(voter.voterKey.length + 1);
    } else {
      json = await this.bounded(this.client.hGet(keys.pollBallots(voter.pollId), voter.voterKey));
    }
    if (json === RETRACTED_BALLOT) return "retracted";
    return json ? (JSON.parse(json) as StoredBallot).ballot : null;
  }

  async listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const [named, anonymous] = await this.bounded(
      Promise.all([
        this.client.hVals(keys.pollBallots(pollId)),
        this.client.zRange(keys.anonymousBallots(pollId), 0, -1),
      ]),
    );
    return decodeBallots([...named, ...anonymous.map((member) => member.slice(member.indexOf("|") + 1))]);
  }

  async voterSalt(workshopId: WorkshopId): Promise<string | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const salt = await this.run(voterSaltScript, [keys.meta, keys.voterSalt], [randomBytes(32).toString("hex")]);
    return typeof salt === "string" ? salt : null;
  }

  async subscribeTallies(
    workshopId: WorkshopId,
    onTally: (pollId: PollId, tally: PollTally | null) => void,
  ): Promise<Unsubscribe> {
    return this.subscribeChannel(workshopKeys(this.options.keyPrefix, workshopId).tallies, (message) => {
      const notice = decodeTallyNotice(message);
      if (notice) onTally(notice.pollId, notice.tally);
    });
  }

  async commitQna<T>(
    workshopId: WorkshopId,
    command: CommandRef | null,
    writes: QnaWrite[],
    result: T,
  ): Promise<CommitOutcome<T>> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const writeKeys: string[] = [];
    const writeArgs: string[] = [];
    const deleted: QuestionId[] = [];
    for (const write of writes) {
      const isQuestion = write.kind === "question";
      writeKeys.push(isQuestion ? keys.questions : keys.boards);
      writeArgs.push(
        isQuestion ? write.questionId : write.boardId,
        write.expected ? JSON.stringify(write.expected) : "",
        write.next === null ? "" : JSON.stringify(write.next),
        isQuestion ? `q:${write.questionId}` : `b:${write.boardId}`,
      );
      if (isQuestion && write.next === null) deleted.push(write.questionId);
    }
    // Without a command the write is idempotent by itself: no record, and no key for one.
    const record = command ? this.commandRecord(workshopId, command) : null;
    const reply = (await this.run(
      qnaCommitScript,
      [
        keys.meta,
        ...(record?.keys ?? [keys.qnaRev, keys.qnaRev]),
        keys.qnaRev,
        keys.qnaChanges,
        keys.qnaTrimmedRev,
        keys.questionVotes,
        ...writeKeys,
        ...deleted.map((questionId) => keys.questionVoters(questionId)),
      ],
      [
        keys.qna,
        QNA_CHANGES_CAP,
        record?.id ?? "",
        record?.expiresAt ?? 0,
        JSON.stringify(result),
        writes.length,
        ...writeArgs,
        ...deleted,
      ],
    )) as [string, string?];
    return commitOutcome(reply, result);
  }

  async nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return Number(await this.run(nextSeqScript, [keys.meta, keys.questionSeqs], [boardId]));
  }

  async getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null> {
    const [question] = await this.getQuestions(workshopId, [questionId]);
    return question ?? null;
  }

  async getQuestions(
    workshopId: WorkshopId,
    questionIds: readonly QuestionId[],
  ): Promise<Array<QuestionRecord | null>> {
    if (questionIds.length === 0) return [];
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const all = await this.bounded(this.client.hmGet(keys.questions, [...questionIds]));
    return all.map((json) => (json ? (JSON.parse(json) as QuestionRecord) : null));
  }

  async listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]> {
    const all = await this.bounded(this.client.hVals(workshopKeys(this.options.keyPrefix, workshopId).questions));
    return all.map((json) => JSON.parse(json) as QuestionRecord);
  }

  async questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]> {
    if (questionIds.length === 0) return [];
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const all = await this.bounded(this.client.hmGet(keys.questionVotes, [...questionIds]));
    return all.map((count) => Number(count ?? 0));
  }

  async upvote(workshopId: WorkshopId, questionId: QuestionId, voterKey: string, up: boolean): Promise<UpvoteOutcome> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const reply = (await this.run(
      upvoteScript,
      [keys.meta, keys.questions, keys.questionVoters(questionId), keys.questionVotes, keys.qnaRev, keys.qnaChanges],
      [questionId, voterKey, up ? "1" : "0", keys.qna],
    )) as [string, string?, string?];
    if (reply[0] === "missing") return { status: "missing" };
    if (reply[0] === "notOpen") return { status: "notOpen" };
    return { status: "applied", changed: reply[1] === "1", votes: Number(reply[2] ?? 0) };
  }

  async listBoards(workshopId: WorkshopId): Promise<BoardRecord[]> {
    const all = await this.bounded(this.client.hVals(workshopKeys(this.options.keyPrefix, workshopId).boards));
    return all.map((json) => JSON.parse(json) as BoardRecord);
  }

  async qnaRevision(workshopId: WorkshopId): Promise<number> {
    return Number((await this.bounded(this.client.get(workshopKeys(this.options.keyPrefix, workshopId).qnaRev))) ?? 0);
  }

  async qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const [current = "0", trimmed = "0", ...members] = (await this.run(
      qnaChangesScript,
      [keys.qnaRev, keys.qnaChanges, keys.qnaTrimmedRev],
      [rev],
    )) as string[];
    return {
      rev: Number(current),
      questionIds: members.filter((member) => member.startsWith("q:")).map((member) => member.slice(2)),
      boardIds: members.filter((member) => member.startsWith("b:")).map((member) => member.slice(2)),
      reset: rev < Number(trimmed),
    };
  }

  async subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe> {
    return this.subscribeChannel(workshopKeys(this.options.keyPrefix, workshopId).qna, (message) =>
      onChange(Number(message)),
    );
  }

  async appendNoteUpdate(
    workshopId: WorkshopId,
    docId: NoteDocId,
    update: string,
    bytes: number,
    maxBytes: number,
  ): Promise<NoteAppendOutcome> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const reply = (await this.run(
      appendNoteScript,
      [keys.meta, keys.noteUpdates(docId), keys.noteBytes(docId)],
      [update, bytes, maxBytes],
    )) as string[];
    return reply[0] === "tooLarge"
      ? { status: "tooLarge", bytes: Number(reply[1]) }
      : { status: "applied", count: Number(reply[1]), bytes: Number(reply[2]) };
  }

  async getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null> {
    const json = await this.bounded(
      this.client.hGet(workshopKeys(this.options.keyPrefix, workshopId).notesAccess, docId),
    );
    return json ? (JSON.parse(json) as NoteAccess) : null;
  }

  async noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    return this.bounded(this.client.lRange(keys.noteUpdates(docId), 0, -1));
  }

  async compactNoteUpdates(
    workshopId: WorkshopId,
    docId: NoteDocId,
    replaced: number,
    lastReplaced: string,
    merged: string,
    mergedBytes: number,
  ): Promise<boolean> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const head = await this.bounded(this.client.lRange(keys.noteUpdates(docId), 0, replaced - 1));
    const removedBytes = head.reduce((sum, update) => sum + base64Bytes(update), 0);
    const applied = await this.run(
      compactNotesScript,
      [keys.meta, keys.noteUpdates(docId), keys.noteBytes(docId)],
      [replaced, lastReplaced, merged, mergedBytes, removedBytes],
    );
    return Number(applied) === 1;
  }

  async saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, state: string): Promise<void> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    await this.run(
      saveSnapshotScript,
      [keys.meta, keys.noteSnapshots(snapshot.docId)],
      [snapshot.snapshotId, JSON.stringify({ view: snapshot, state })],
    );
  }

  async listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const all = await this.bounded(this.client.hVals(keys.noteSnapshots(docId)));
    return all.map((json) => (JSON.parse(json) as { view: SnapshotView }).view).sort(bySnapshotTime);
  }

  async snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const json = await this.bounded(this.client.hGet(keys.noteSnapshots(docId), snapshotId));
    return json ? (JSON.parse(json) as { state: string }).state : null;
  }

  async subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    return this.subscribeChannel(workshopKeys(this.options.keyPrefix, workshopId).changes, (message) =>
      onChange(Number(message)),
    );
  }

  private async subscribeChannel(channel: string, listener: (message: string) => void): Promise<Unsubscribe> {
    await this.bounded(this.subscriber.sSubscribe(channel, listener));
    return async () => {
      await this.bounded(this.subscriber.sUnsubscribe(channel, listener));
    };
  }

  async purgeWorkshop(workshopId: WorkshopId): Promise<void> {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const meta = parseOrNull<WorkshopRecord>(await this.bounded(this.client.get(keys.meta)));
    // The join code first (while meta still says which it is), then meta: from here on every
    // write script refuses this workshop, so the scan below leaves nothing that comes back.
    if (meta) await this.run(deleteIfScript, [this.global.joinCode(meta.joinCode)], [workshopId]);
    await this.bounded(this.client.del(keys.meta));
    const pattern = `${globEscape(keys.meta.slice(0, -"meta".length))}*`;
    let cursor = "0";
    do {
      const page = await this.bounded(this.client.scan(cursor, { MATCH: pattern, COUNT: 1000 }));
      cursor = String(page.cursor);
      if (page.keys.length > 0) await this.bounded(this.client.unlink(page.keys));
    } while (cursor !== "0");
    // No live node's list of workshops to reap names it any more.
    for (const nodeId of await this.bounded(this.client.zRange(this.global.nodes, 0, -1))) {
      await this.bounded(this.client.sRem(this.global.nodeWorkshops(nodeId), workshopId));
    }
    for (const remembered of [...this.rememberedNodeWorkshops]) {
      if (remembered.endsWith(`|${workshopId}`)) this.rememberedNodeWorkshops.delete(remembered);
    }
    // Its timers last (the retention timers among them): a purge cut short is run again by them.
    let timerCursor = "0";
    do {
      const page = await this.bounded(
        this.client.zScan(this.global.timers, timerCursor, { MATCH: `${globEscape(workshopId)}|*`, COUNT: 1000 }),
      );
      timerCursor = String(page.cursor);
      const members = page.members.map((entry) => entry.value);
      if (members.length > 0) await this.bounded(this.client.zRem(this.global.timers, members));
    } while (timerCursor !== "0");
  }

  async listWorkshopIds(): Promise<WorkshopId[]> {
    const pattern = `${globEscape(this.options.keyPrefix)}wk:{*}:meta`;
    const ids: WorkshopId[] = [];
    let cursor = "0";
    do {
      const page = await this.bounded(this.client.scan(cursor, { MATCH: pattern, COUNT: 1000 }));
      cursor = String(page.cursor);
      for (const key of page.keys) {
        const id = /\{([^}]+)\}:meta$/.exec(key)?.[1];
        if (id) ids.push(id);
      }
    } while (cursor !== "0");
    return ids;
  }

  async countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]> {
    const keys: string[] = [];
    const args: Array<string | number> = [];
    for (const counter of counters) {
      const window = this.rateWindow(counter.windowMs);
      keys.push(
        this.global.rateCounter(scope, counter.name, window.index),
        this.global.rateCounter(scope, counter.name, window.index - 1),
      );
      args.push(counter.increment, window.covered, window.expiresAt);
    }
    return ((await this.run(rateCountersScript, keys, args)) as number[]).map(Number);
  }

  async ping(): Promise<void> {
    await this.bounded(this.client.ping());
  }

  async close(): Promise<void> {
    await closeRedisClients([this.client, this.subscriber], this.options.commandTimeoutMs);
  }

  /**
   * Recorded before the connection itself, so a node that dies in between still gets reaped.
   * Once per node and workshop is enough (the set is only deleted when the node is dead).
   */
  private async rememberNodeWorkshop(connectionId: string, workshopId: WorkshopId): Promise<void> {
    const nodeId = connectionId.split("/")[0] ?? "";
    const key = `${nodeId}|${workshopId}`;
    if (this.rememberedNodeWorkshops.has(key)) return;
    await this.bounded(this.client.sAdd(this.global.nodeWorkshops(nodeId), workshopId));
    this.rememberedNodeWorkshops.add(key);
  }

  /**
   * Runs a script by its SHA, loading it once more when Redis has forgotten it (restart, SCRIPT
   * FLUSH). A script that found the workshop gone (GONE) is NOT_FOUND.
   */
  private async run(lua: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      try {
        return await this.bounded(this.client.evalSha(lua.sha, options));
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await this.bounded(this.client.eval(lua.source, options));
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("GONE")) {
        throw new DomainError("NOT_FOUND", "no such workshop");
      }
      throw error;
    }
  }

  /** The fixed rate window of now, how much of the previous one a sliding window still covers, and when this one's counter expires. */
  private rateWindow(windowMs: number) {
    return rateWindowOf((this.options.now ?? Date.now)(), windowMs);
  }

  /** Where a command's first result is kept: today's and yesterday's record sets, and its keyed id. */
  private commandRecord(workshopId: WorkshopId, command: CommandRef) {
    const keys = workshopKeys(this.options.keyPrefix, workshopId);
    const { day, expiresAt } = commandRecordDay((this.options.now ?? Date.now)());
    return {
      keys: [keys.commandRecords(day), keys.commandRecords(day - 1)],
      id: this.options.keys.commandRecordId(workshopId, command.actorId, command.commandId),
      /** Seconds, for EXPIREAT. */
      expiresAt: expiresAt / 1000,
    };
  }

  /**
   * No store call may hang: Redis down, hung or reconnecting becomes UNAVAILABLE within the
   * timeout. This is the only timeout a command gets (see createRedisClient).
   */
  private bounded<T>(operation: Promise<T>): Promise<T> {
    return withTimeout(operation, this.options.commandTimeoutMs).catch(unavailableUnlessRedisSaidNo);
  }
}

/** A refusal Redis itself gave (and our domain errors) stays as it is; anything else is UNAVAILABLE. */
function unavailableUnlessRedisSaidNo(error: unknown): never {
  if (error instanceof DomainError) throw error;
  if (error instanceof Error && /^(NOSCRIPT|ERR|WRONGTYPE|GONE)/.test(error.message)) throw error;
  throw new StoreUnavailableError();
}

function createRedisClient(options: RedisStoreOptions, name: string): Client {
  const client: Client = createClient({
    url: options.url,
    // Fail fast while disconnected instead of queueing commands that nobody waits for.
    disableOfflineQueue: true,
    // No per-command timeout from node-redis (0 turns off its default of 5 s): it builds an
    // AbortSignal.timeout and a listener for every command (~16 µs of CPU each on the bench
    // machine, a plain timer ~0.4 µs), and it only covers a command until it is written to the
    // socket, not a hung Redis that never answers. `bounded()` covers the whole call with one
    // timer; a disconnected client refuses at once (disableOfflineQueue).
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: options.commandTimeoutMs,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  }) as unknown as Client;
  // Without a listener an 'error' event would crash the process.
  client.on("error", (error: Error) => options.logger.warn({ client: name, err: error.message }, "redis error"));
  return client;
}

/** The reply of the commit scripts: {'duplicate', firstResult} | {'conflict'} | {'applied', version}. */
function commitOutcome<T>(reply: [string, string?], result: T): CommitOutcome<T> {
  switch (reply[0]) {
    case "duplicate":
      return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
    case "conflict":
      return { status: "conflict" };
    default:
      return { status: "applied", version: Number(reply[1]), result };
  }
}

/** The keys the ballot scripts (cast, retract) start with: meta, polls, named ballots, anonymous ballots, tally. */
function ballotKeys(keys: ReturnType<typeof workshopKeys>, pollId: PollId): string[] {
  return [keys.meta, keys.polls, keys.pollBallots(pollId), keys.anonymousBallots(pollId), keys.pollTally(pollId)];
}

function recordKey(keys: ReturnType<typeof workshopKeys>, write: RecordWrite): string {
  switch (write.kind) {
    case "workshop":
      return keys.meta;
    case "participant":
      return keys.participants;
    case "round":
      return keys.rounds;
    case "help":
      return keys.helps;
    case "tags":
      return keys.tags;
    case "broadcast":
      return keys.broadcasts;
    case "poll":
      return keys.polls;
    case "noteAccess":
      return keys.notesAccess;
    default: {
      const exhaustive: never = write;
      throw new Error(`unknown record ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** A literal string inside a SCAN/ZSCAN MATCH pattern. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

function parseOrNull<T>(json: string | null | undefined): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

function pairsToRecord(pairs: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[pairs[i] as string] = pairs[i + 1] as string;
  return record;
}

function countsFrom(raw: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(raw).map(([roomId, count]) => [roomId, Number(count)]));
}

function tagsFrom(raw: Record<string, string>): Map<ParticipantId, Tags> {
  return new Map(Object.entries(raw).map(([participantId, json]) => [participantId, JSON.parse(json) as Tags]));
}

/** Close gracefully, but never wait on a Redis that is hung or gone: then drop the sockets. */
export async function closeRedisClients(clients: Array<{ close(): Promise<unknown>; destroy(): void }>, ms: number) {
  await withTimeout(Promise.allSettled(clients.map((client) => client.close())), ms).catch(() => {
    for (const client of clients) client.destroy();
  });
}

export class TimeoutError extends Error {}

export function withTimeout<T>(operation: Promise<T>, ms: number): Promise<T> {
  // One timer and one promise per call (it wraps every store command). Once the timeout has
  // answered, a late outcome of the operation has nobody to tell; the handlers below absorb it.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
