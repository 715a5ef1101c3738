import { randomBytes } from "node:crypto";
import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../../shared/notes.js";
import type { Ballot, PollId, PollView } from "../../../shared/poll.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import type { UnversionedEvent, WorkshopEvent } from "../../../shared/workshop.js";
import { DomainError } from "../../domain/errors.js";
import { TALLY_VERSION_COUNTER } from "../../domain/polls/counters.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import { ServerKeys } from "../../security/serverKeys.js";
import {
  base64Bytes,
  byCreation,
  byDoc,
  bySnapshotTime,
  decodeBallots,
  encodeBallot,
  fillMoveResult,
  joinedEvent,
  parseTimerMember,
  peopleMoved,
  planMoves,
  RETRACTED_BALLOT,
  rateWindowOf,
  recordId,
  slidingCount,
} from "../records.js";
import { TALLY_NOTICE_MAX_FIELDS, tallyOfFields } from "../tallyNotice.js";
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

/** One workshop's state. Records are kept as JSON strings, exactly as Redis keeps them. */
interface WorkshopState {
  meta: string;
  participants: Map<ParticipantId, string>;
  /** kind -> id -> JSON, for the other record kinds (rounds, helps, tags, broadcasts). */
  records: Map<string, Map<string, string>>;
  assignments: Map<RoundId, Map<ParticipantId, RoomId>>;
  counts: Map<RoundId, Map<RoomId, number>>;
  sessions: Map<string, ParticipantId>;
  joins: Map<string, ParticipantId>;
  connections: Map<string, ParticipantId>;
  onlineCounts: Map<ParticipantId, number>;
  version: number;
  log: WorkshopEvent[];
  listeners: Set<(version: number) => void>;
  /** pollId -> voter key (participant id, or a keyed hash for anonymous polls) -> encoded StoredBallot. */
  ballots: Map<PollId, Map<string, string>>;
  /** pollId -> counter -> count (TALLY_VERSION_COUNTER included). */
  tallies: Map<PollId, Map<string, number>>;
  /** The salt of anonymous voter keys; null until first asked for while active, and once the end destroyed it. */
  voterSalt: string | null;
  /** Rate counters kept with the workshop (its joins): name|window -> count. */
  rateCounters: Map<string, { count: number; expiresAt: number }>;
  tallyListeners: Set<(pollId: PollId, tally: PollTally | null) => void>;
  questions: Map<QuestionId, string>;
  boards: Map<BoardId, string>;
  votes: Map<QuestionId, number>;
  /** questionId -> voter keys (never participant ids). */
  voters: Map<QuestionId, Set<string>>;
  seqs: Map<BoardId, number>;
  qnaRev: number;
  /** `q:<id>` / `b:<id>` -> the revision it last changed at. */
  qnaChanges: Map<string, number>;
  qnaTrimmedRev: number;
  qnaListeners: Set<(rev: number) => void>;
  /** docId -> base64 updates, oldest first. */
  noteUpdates: Map<NoteDocId, string[]>;
  noteBytes: Map<NoteDocId, number>;
  /** docId -> snapshotId -> {view, state}. */
  snapshots: Map<NoteDocId, Map<SnapshotId, { view: SnapshotView; state: string }>>;
}

/**
 * The zero-install store: everything in this process. Each method runs without awaiting
 * in between, so it is as atomic as a Lua script is in Redis.
 */
export class MemoryStore implements Store {
  readonly kind = "memory";
  private readonly workshops = new Map<WorkshopId, WorkshopState>();
  private readonly joinCodes = new Map<string, WorkshopId>();
  /** Record id (a keyed hash, as in Redis) -> first result, expiring at the end of the next UTC day. */
  private readonly commandResults = new Map<string, { json: string; expiresAt: number }>();
  private readonly rateCounters = new Map<string, { count: number; expiresAt: number }>();
  private remembered = 0;
  private readonly nodes = new Map<string, number>();
  private readonly timers = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keys: ServerKeys = ServerKeys.random(),
  ) {}

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    if (this.joinCodes.has(record.joinCode) || this.workshops.has(record.workshopId)) {
      throw new DomainError("CONFLICT", "join code or workshop id already in use");
    }
    this.joinCodes.set(record.joinCode, record.workshopId);
    this.workshops.set(record.workshopId, {
      meta: JSON.stringify(record),
      participants: new Map(),
      records: new Map(),
      assignments: new Map(),
      counts: new Map(),
      sessions: new Map(),
      joins: new Map(),
      connections: new Map(),
      onlineCounts: new Map(),
      version: 0,
      log: [],
      listeners: new Set(),
      ballots: new Map(),
      tallies: new Map(),
      voterSalt: null,
      rateCounters: new Map(),
      tallyListeners: new Set(),
      questions: new Map(),
      boards: new Map(),
      votes: new Map(),
      voters: new Map(),
      seqs: new Map(),
      qnaRev: 0,
      qnaChanges: new Map(),
      qnaTrimmedRev: 0,
      qnaListeners: new Set(),
      noteUpdates: new Map(),
      noteBytes: new Map(),
      snapshots: new Map(),
    });
  }

  async getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null> {
    const state = this.workshops.get(workshopId);
    return state ? (JSON.parse(state.meta) as WorkshopRecord) : null;
  }

  async findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null> {
    return this.joinCodes.get(joinCode) ?? null;
  }

  async addParticipant(
    workshopId: WorkshopId,
    record: ParticipantRecord,
    sessionTokenHash: string,
    connectionId?: string,
    joinId?: string,
    joinLimit?: JoinLimit,
  ): Promise<{ version: number; participantId: ParticipantId } | { limited: true }> {
    const state = this.require(workshopId);
    const earlier = joinId ? state.joins.get(joinId) : undefined;
    if (earlier) {
      state.sessions.set(sessionTokenHash, earlier);
      if (connectionId) await this.connect(workshopId, earlier, connectionId);
      return { version: state.version, participantId: earlier };
    }
    if (joinLimit) {
      if (this.countIn(state.rateCounters, "join", joinLimit.windowMs, 0) >= joinLimit.perWindow)
        return { limited: true };
      this.countIn(state.rateCounters, "join", joinLimit.windowMs, 1);
    }
    if (joinId) state.joins.set(joinId, record.participantId);
    state.participants.set(record.participantId, JSON.stringify(record));
    state.sessions.set(sessionTokenHash, record.participantId);
    if (connectionId && !state.connections.has(connectionId)) {
      state.connections.set(connectionId, record.participantId);
      state.onlineCounts.set(record.participantId, (state.onlineCounts.get(record.participantId) ?? 0) + 1);
    }
    return { version: this.append(state, [joinedEvent(record, connectionId)]), participantId: record.participantId };
  }

  async getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null> {
    const json = this.workshops.get(workshopId)?.participants.get(participantId);
    return json ? (JSON.parse(json) as ParticipantRecord) : null;
  }

  async findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null> {
    return this.workshops.get(workshopId)?.sessions.get(sessionTokenHash) ?? null;
  }

  async commit<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    writes: RecordWrite[],
    events: UnversionedEvent[],
    result: T,
    options?: { forgetVoterSalt?: boolean },
  ): Promise<CommitOutcome<T>> {
    const earlier = this.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.require(workshopId);
    for (const write of writes) {
      const expected = write.expected === null ? undefined : JSON.stringify(write.expected);
      if (this.readRecord(state, write) !== expected) return { status: "conflict" };
    }
    for (const write of writes) this.writeRecord(state, write);
    if (options?.forgetVoterSalt) state.voterSalt = null;
    const version = events.length > 0 ? this.append(state, events) : state.version;
    this.remember(workshopId, command, JSON.stringify(result));
    return { status: "applied", version, result };
  }

  async commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    return this.priorResult<T>(workshopId, command);
  }

  async connect(
    workshopId: WorkshopId,
    participantId: ParticipantId,
    connectionId: string,
    maxConnections = Number.MAX_SAFE_INTEGER,
  ): Promise<boolean> {
    const state = this.require(workshopId);
    if (state.connections.has(connectionId)) return true;
    if ((state.onlineCounts.get(participantId) ?? 0) >= maxConnections) return false;
    state.connections.set(connectionId, participantId);
    const count = (state.onlineCounts.get(participantId) ?? 0) + 1;
    state.onlineCounts.set(participantId, count);
    if (count === 1) this.append(state, [{ type: "participant:presence", participantId, online: true }]);
    return true;
  }

  async connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number> {
    return this.workshops.get(workshopId)?.onlineCounts.get(participantId) ?? 0;
  }

  async disconnect(workshopId: WorkshopId, connectionId: string): Promise<void> {
    const state = this.workshops.get(workshopId);
    const participantId = state?.connections.get(connectionId);
    if (!state || !participantId) return;
    state.connections.delete(connectionId);
    const count = (state.onlineCounts.get(participantId) ?? 1) - 1;
    if (count > 0) {
      state.onlineCounts.set(participantId, count);
      return;
    }
    state.onlineCounts.delete(participantId);
    this.append(state, [{ type: "participant:presence", participantId, online: false }]);
  }

  async reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number> {
    let reaped = 0;
    for (const [workshopId, state] of this.workshops) {
      for (const connectionId of [...state.connections.keys()]) {
        if (!connectionId.startsWith(`${nodeId}/`) || keep?.(connectionId)) continue;
        await this.disconnect(workshopId, connectionId);
        reaped++;
      }
    }
    if (!keep) this.nodes.delete(nodeId);
    return reaped;
  }

  async heartbeat(nodeId: string, now: number): Promise<void> {
    this.nodes.set(nodeId, now);
  }

  async deadNodes(olderThan: number): Promise<string[]> {
    return [...this.nodes].filter(([, seen]) => seen < olderThan).map(([nodeId]) => nodeId);
  }

  async currentVersion(workshopId: WorkshopId): Promise<number> {
    return this.workshops.get(workshopId)?.version ?? 0;
  }

  async eventsSince(workshopId: WorkshopId, sinceVersion: number): Promise<WorkshopEvent[] | null> {
    const state = this.workshops.get(workshopId);
    if (!state) return null;
    if (sinceVersion >= state.version) return [];
    const oldest = state.log[0]?.v ?? state.version + 1;
    if (sinceVersion + 1 < oldest) return null;
    return state.log.slice(sinceVersion + 1 - oldest);
  }

  async subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    const state = this.require(workshopId);
    state.listeners.add(onChange);
    return async () => {
      state.listeners.delete(onChange);
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async moveParticipants<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    roundId: RoundId,
    moves: RoomMove[],
    allOrNothing: boolean,
    resultTemplate: string,
  ): Promise<MoveOutcome<T>> {
    const earlier = this.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.require(workshopId);
    const assignments = mapIn(state.assignments, roundId, () => new Map<ParticipantId, RoomId>());
    const counts = mapIn(state.counts, roundId, () => new Map<RoomId, number>());
    const plan = planMoves(
      moves,
      (participantId) => assignments.get(participantId) ?? null,
      (roomId) => counts.get(roomId) ?? 0,
    );
    if (allOrNothing && plan.refused.length > 0) return { status: "full", refused: plan.refused };
    const events: UnversionedEvent[] = [];
    for (const move of plan.applied) {
      if (move.from) counts.set(move.from, (counts.get(move.from) ?? 1) - 1);
      if (move.to) {
        counts.set(move.to, (counts.get(move.to) ?? 0) + 1);
        assignments.set(move.participantId, move.to);
      } else {
        assignments.delete(move.participantId);
      }
      events.push({
        type: "breakout:assigned",
        roundId,
        participantId: move.participantId,
        roomId: move.to,
        fromRoomId: move.from,
      });
    }
    const version = events.length > 0 ? this.append(state, events) : state.version;
    const json = fillMoveResult(resultTemplate, peopleMoved(plan.applied), plan.refused);
    this.remember(workshopId, command, json);
    return {
      status: "applied",
      version,
      result: JSON.parse(json) as T,
      moved: peopleMoved(plan.applied),
      refused: plan.refused,
    };
  }

  async getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null> {
    return this.parsed<RoundView>(workshopId, "round", roundId);
  }

  async listRounds(workshopId: WorkshopId): Promise<RoundView[]> {
    return this.parsedAll<RoundView>(workshopId, "round").sort((a, b) => a.number - b.number);
  }

  async getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>> {
    return new Map(this.workshops.get(workshopId)?.assignments.get(roundId) ?? []);
  }

  async getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null> {
    return this.workshops.get(workshopId)?.assignments.get(roundId)?.get(participantId) ?? null;
  }

  async getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>> {
    return Object.fromEntries(this.workshops.get(workshopId)?.counts.get(roundId) ?? []);
  }

  async getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]> {
    const assignments = this.workshops.get(workshopId)?.assignments.get(roundId) ?? new Map<ParticipantId, RoomId>();
    return [...assignments].filter(([, room]) => room === roomId).map(([participantId]) => participantId);
  }

  async listHelps(workshopId: WorkshopId): Promise<HelpView[]> {
    return this.parsedAll<HelpView>(workshopId, "help");
  }

  async listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]> {
    return this.parsedAll<BroadcastView>(workshopId, "broadcast").sort((a, b) => a.sentAt - b.sentAt);
  }

  async getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null> {
    return this.parsed<HelpView>(workshopId, "help", helpId);
  }

  async listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]> {
    return [...(this.workshops.get(workshopId)?.participants.values() ?? [])].map(
      (json) => JSON.parse(json) as ParticipantRecord,
    );
  }

  async getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>> {
    const tags = this.workshops.get(workshopId)?.records.get("tags") ?? new Map<string, string>();
    return new Map([...tags].map(([participantId, json]) => [participantId, JSON.parse(json) as Tags]));
  }

  async scheduleTimer(
    workshopId: WorkshopId,
    subjectId: TimerSubject,
    dueAt: number,
    mode: "earliest" | "latest" | "ifAbsent" | "exact",
  ): Promise<void> {
    const member = `${workshopId}|${subjectId}`;
    const current = this.timers.get(member);
    if (current !== undefined && mode === "ifAbsent") return;
    const next =
      current === undefined || mode === "exact"
        ? dueAt
        : mode === "earliest"
          ? Math.min(current, dueAt)
          : Math.max(current, dueAt);
    this.timers.set(member, next);
  }

  async clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void> {
    this.timers.delete(`${workshopId}|${subjectId}`);
  }

  async dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>> {
    return [...this.timers]
      .filter(([, dueAt]) => dueAt <= now)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([member]) => parseTimerMember(member));
  }

  async fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null> {
    const state = this.workshops.get(workshopId);
    if (!state) return null;
    const workshop = JSON.parse(state.meta) as WorkshopRecord;
    const roundId = workshop.currentRoundId ?? null;
    const round = roundId ? await this.getRound(workshopId, roundId) : null;
    return {
      version: state.version,
      workshop,
      participants: [...state.participants.values()].map((json) => {
        const record = JSON.parse(json) as ParticipantRecord;
        return { ...record, online: this.isOnline(state, record.participantId) };
      }),
      breakout: {
        round,
        assignments: roundId ? await this.getAssignments(workshopId, roundId) : new Map(),
        counts: roundId ? await this.getCounts(workshopId, roundId) : {},
        helps: this.parsedAll<HelpView>(workshopId, "help"),
        broadcasts: this.parsedAll<BroadcastView>(workshopId, "broadcast").sort((a, b) => a.sentAt - b.sentAt),
        tags: await this.getTags(workshopId),
      },
      polls: await this.listPolls(workshopId),
      notesAccess: this.parsedAll<NoteAccess>(workshopId, "noteAccess").sort(byDoc),
    };
  }

  async getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null> {
    return this.parsed<PollView>(workshopId, "poll", pollId);
  }

  async listPolls(workshopId: WorkshopId): Promise<PollView[]> {
    return this.parsedAll<PollView>(workshopId, "poll").sort(byCreation);
  }

  async castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>> {
    const earlier = this.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.require(workshopId);
    if (cast.expectVersion !== undefined && state.version !== cast.expectVersion) return { status: "stale" };
    const poll = this.parsed<PollView>(workshopId, "poll", cast.pollId);
    if (!poll) return { status: "missing" };
    if (poll.definition.anonymous !== cast.anonymous) return { status: "stale" };
    if (poll.status !== "open" || (poll.closesAt !== null && cast.now >= poll.closesAt)) return { status: "closed" };
    const voter = cast.voterKey;
    const ballots = mapIn(state.ballots, cast.pollId, () => new Map<string, string>());
    const tally = mapIn(state.tallies, cast.pollId, () => new Map<string, number>());
    const encoded = encodeBallot(cast.ballot);
    const old = ballots.get(voter);
    const remember = (json: string) => this.remember(workshopId, command, json);
    if (old === encoded) {
      remember(cast.resultUnchanged);
      return {
        status: "applied",
        changed: false,
        tallyVersion: tally.get(TALLY_VERSION_COUNTER) ?? 0,
        result: JSON.parse(cast.resultUnchanged) as T,
      };
    }
    if (old !== undefined && !poll.definition.allowVoteChange) return { status: "alreadyVoted" };
    const add = (counter: string, delta: number) => tally.set(counter, (tally.get(counter) ?? 0) + delta);
    if (old !== undefined && old !== RETRACTED_BALLOT) {
      for (const counter of (JSON.parse(old) as StoredBallot).counters) add(counter, -1);
    }
    for (const counter of cast.ballot.counters) add(counter, 1);
    add(TALLY_VERSION_COUNTER, 1);
    ballots.set(voter, encoded);
    remember(cast.resultChanged);
    this.notifyTally(state, cast.pollId, tally);
    return {
      status: "applied",
      changed: true,
      tallyVersion: tally.get(TALLY_VERSION_COUNTER) ?? 0,
      result: JSON.parse(cast.resultChanged) as T,
    };
  }

  async getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally> {
    return tallyOfFields(this.workshops.get(workshopId)?.tallies.get(pollId) ?? []);
  }

  async retractBallot<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    retract: BallotRetract,
  ): Promise<RetractOutcome<T>> {
    const earlier = this.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.require(workshopId);
    const poll = this.parsed<PollView>(workshopId, "poll", retract.pollId);
    if (!poll) return { status: "missing" };
    if (poll.definition.anonymous !== retract.anonymous) return { status: "stale" };
    const ballots = state.ballots.get(retract.pollId);
    const old = ballots?.get(retract.voterKey);
    if (!ballots || old === undefined || old === RETRACTED_BALLOT) {
      this.remember(workshopId, command, retract.resultNone);
      return { status: "applied", retracted: false, tallyVersion: null, result: JSON.parse(retract.resultNone) as T };
    }
    const tally = mapIn(state.tallies, retract.pollId, () => new Map<string, number>());
    const add = (counter: string, delta: number) => tally.set(counter, (tally.get(counter) ?? 0) + delta);
    for (const counter of (JSON.parse(old) as StoredBallot).counters) add(counter, -1);
    add(TALLY_VERSION_COUNTER, 1);
    if (poll.definition.allowVoteChange) ballots.delete(retract.voterKey);
    else ballots.set(retract.voterKey, RETRACTED_BALLOT);
    this.remember(workshopId, command, retract.resultRetracted);
    this.notifyTally(state, retract.pollId, tally);
    return {
      status: "applied",
      retracted: true,
      tallyVersion: tally.get(TALLY_VERSION_COUNTER) ?? 0,
      result: JSON.parse(retract.resultRetracted) as T,
    };
  }

  async ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null> {
    const json = this.workshops.get(workshopId)?.ballots.get(voter.pollId)?.get(voter.voterKey);
    if (json === RETRACTED_BALLOT) return "retracted";
    return json ? (JSON.parse(json) as StoredBallot).ballot : null;
  }

  async listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]> {
    return decodeBallots([...(this.workshops.get(workshopId)?.ballots.get(pollId)?.values() ?? [])]);
  }

  async voterSalt(workshopId: WorkshopId): Promise<string | null> {
    const state = this.require(workshopId);
    if (state.voterSalt === null && (JSON.parse(state.meta) as WorkshopRecord).status === "active") {
      state.voterSalt = randomBytes(32).toString("hex");
    }
    return state.voterSalt;
  }

  async subscribeTallies(
    workshopId: WorkshopId,
    onTally: (pollId: PollId, tally: PollTally | null) => void,
  ): Promise<Unsubscribe> {
    const state = this.require(workshopId);
    state.tallyListeners.add(onTally);
    return async () => {
      state.tallyListeners.delete(onTally);
    };
  }

  async commitQna<T>(
    workshopId: WorkshopId,
    command: CommandRef | null,
    writes: QnaWrite[],
    result: T,
  ): Promise<CommitOutcome<T>> {
    const earlier = command ? this.priorResult<T>(workshopId, command) : null;
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.require(workshopId);
    const place = (write: QnaWrite) =>
      write.kind === "question"
        ? { map: state.questions, id: write.questionId, mark: `q:${write.questionId}` }
        : { map: state.boards, id: write.boardId, mark: `b:${write.boardId}` };
    for (const write of writes) {
      const { map, id } = place(write);
      const expected = write.expected === null ? undefined : JSON.stringify(write.expected);
      if (map.get(id) !== expected) return { status: "conflict" };
    }
    for (const write of writes) {
      const { map, id, mark } = place(write);
      if (write.next === null) map.delete(id);
      else map.set(id, JSON.stringify(write.next));
      // A deleted question takes its upvoters and its count with it.
      if (write.kind === "question" && write.next === null) {
        state.voters.delete(write.questionId);
        state.votes.delete(write.questionId);
      }
      state.qnaRev += 1;
      state.qnaChanges.set(mark, state.qnaRev);
    }
    if (state.qnaChanges.size > QNA_CHANGES_CAP) {
      const oldest = [...state.qnaChanges]
        .sort((a, b) => a[1] - b[1])
        .slice(0, state.qnaChanges.size - QNA_CHANGES_CAP);
      for (const [mark, rev] of oldest) {
        state.qnaChanges.delete(mark);
        state.qnaTrimmedRev = Math.max(state.qnaTrimmedRev, rev);
      }
    }
    if (command) this.remember(workshopId, command, JSON.stringify(result));
    this.notifyQna(state);
    return { status: "applied", version: state.qnaRev, result };
  }

  async nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number> {
    const state = this.require(workshopId);
    const next = (state.seqs.get(boardId) ?? 0) + 1;
    state.seqs.set(boardId, next);
    return next;
  }

  async getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null> {
    const json = this.workshops.get(workshopId)?.questions.get(questionId);
    return json ? (JSON.parse(json) as QuestionRecord) : null;
  }

  async getQuestions(
    workshopId: WorkshopId,
    questionIds: readonly QuestionId[],
  ): Promise<Array<QuestionRecord | null>> {
    return Promise.all(questionIds.map((questionId) => this.getQuestion(workshopId, questionId)));
  }

  async listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]> {
    return [...(this.workshops.get(workshopId)?.questions.values() ?? [])].map(
      (json) => JSON.parse(json) as QuestionRecord,
    );
  }

  async questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]> {
    const votes = this.workshops.get(workshopId)?.votes;
    return questionIds.map((questionId) => votes?.get(questionId) ?? 0);
  }

  async upvote(workshopId: WorkshopId, questionId: QuestionId, voter: string, up: boolean): Promise<UpvoteOutcome> {
    const state = this.require(workshopId);
    const json = state.questions.get(questionId);
    if (!json) return { status: "missing" };
    if ((JSON.parse(json) as QuestionRecord).status !== "approved") return { status: "notOpen" };
    const voters = mapIn(state.voters, questionId, () => new Set<string>());
    const changed = up ? !voters.has(voter) : voters.has(voter);
    if (changed) {
      if (up) voters.add(voter);
      else voters.delete(voter);
      state.votes.set(questionId, (state.votes.get(questionId) ?? 0) + (up ? 1 : -1));
      state.qnaRev += 1;
      state.qnaChanges.set(`q:${questionId}`, state.qnaRev);
      this.notifyQna(state);
    }
    return { status: "applied", changed, votes: state.votes.get(questionId) ?? 0 };
  }

  async listBoards(workshopId: WorkshopId): Promise<BoardRecord[]> {
    return [...(this.workshops.get(workshopId)?.boards.values() ?? [])].map((json) => JSON.parse(json) as BoardRecord);
  }

  async qnaRevision(workshopId: WorkshopId): Promise<number> {
    return this.workshops.get(workshopId)?.qnaRev ?? 0;
  }

  async qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges> {
    const state = this.workshops.get(workshopId);
    if (!state) return { rev: 0, questionIds: [], boardIds: [], reset: false };
    const changed = [...state.qnaChanges].filter(([, at]) => at > rev).map(([mark]) => mark);
    return {
      rev: state.qnaRev,
      questionIds: changed.filter((mark) => mark.startsWith("q:")).map((mark) => mark.slice(2)),
      boardIds: changed.filter((mark) => mark.startsWith("b:")).map((mark) => mark.slice(2)),
      reset: rev < state.qnaTrimmedRev,
    };
  }

  async subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe> {
    const state = this.require(workshopId);
    state.qnaListeners.add(onChange);
    return async () => {
      state.qnaListeners.delete(onChange);
    };
  }

  async appendNoteUpdate(
    workshopId: WorkshopId,
    docId: NoteDocId,
    update: string,
    bytes: number,
    maxBytes: number,
  ): Promise<NoteAppendOutcome> {
    const state = this.require(workshopId);
    const total = (state.noteBytes.get(docId) ?? 0) + bytes;
    if (total > maxBytes) return { status: "tooLarge", bytes: total - bytes };
    const updates = mapIn(state.noteUpdates, docId, () => [] as string[]);
    updates.push(update);
    state.noteBytes.set(docId, total);
    return { status: "applied", count: updates.length, bytes: total };
  }

  async getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null> {
    return this.parsed<NoteAccess>(workshopId, "noteAccess", docId);
  }

  async noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]> {
    return [...(this.workshops.get(workshopId)?.noteUpdates.get(docId) ?? [])];
  }

  async compactNoteUpdates(
    workshopId: WorkshopId,
    docId: NoteDocId,
    replaced: number,
    lastReplaced: string,
    merged: string,
    mergedBytes: number,
  ): Promise<boolean> {
    const state = this.require(workshopId);
    const updates = state.noteUpdates.get(docId) ?? [];
    if (updates.length < replaced || updates[replaced - 1] !== lastReplaced) return false;
    const removedBytes = updates.slice(0, replaced).reduce((sum, update) => sum + base64Bytes(update), 0);
    state.noteUpdates.set(docId, [merged, ...updates.slice(replaced)]);
    state.noteBytes.set(docId, (state.noteBytes.get(docId) ?? 0) - removedBytes + mergedBytes);
    return true;
  }

  async saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, snapshotState: string): Promise<void> {
    const state = this.require(workshopId);
    mapIn(state.snapshots, snapshot.docId, () => new Map()).set(snapshot.snapshotId, {
      view: snapshot,
      state: snapshotState,
    });
  }

  async listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]> {
    const snapshots = this.workshops.get(workshopId)?.snapshots.get(docId);
    return [...(snapshots?.values() ?? [])].map((entry) => entry.view).sort(bySnapshotTime);
  }

  async snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null> {
    return this.workshops.get(workshopId)?.snapshots.get(docId)?.get(snapshotId)?.state ?? null;
  }

  async purgeWorkshop(workshopId: WorkshopId): Promise<void> {
    const state = this.workshops.get(workshopId);
    if (state) {
      const { joinCode } = JSON.parse(state.meta) as WorkshopRecord;
      if (this.joinCodes.get(joinCode) === workshopId) this.joinCodes.delete(joinCode);
      this.workshops.delete(workshopId);
    }
    for (const member of [...this.timers.keys()]) {
      if (member.startsWith(`${workshopId}|`)) this.timers.delete(member);
    }
    for (const id of [...this.commandResults.keys()]) {
      if (id.startsWith(`${workshopId}|`)) this.commandResults.delete(id);
    }
  }

  async listWorkshopIds(): Promise<WorkshopId[]> {
    return [...this.workshops.keys()];
  }

  async countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]> {
    return counters.map((counter) =>
      this.countIn(this.rateCounters, `${scope}|${counter.name}`, counter.windowMs, counter.increment),
    );
  }

  /** One sliding-window counter (rateWindowOf), as the Redis scripts keep them. */
  private countIn(
    counters: Map<string, { count: number; expiresAt: number }>,
    name: string,
    windowMs: number,
    increment: number,
  ): number {
    const now = this.now();
    const window = rateWindowOf(now, windowMs);
    const live = (index: number) => {
      const counter = counters.get(`${name}|${index}`);
      return counter && counter.expiresAt > now ? counter : undefined;
    };
    let counter = live(window.index);
    if (!counter && increment > 0) {
      // Drop what has expired now and then, so counters of old windows do not pile up.
      if (counters.size > 10_000) for (const [old, entry] of counters) if (entry.expiresAt <= now) counters.delete(old);
      counter = { count: 0, expiresAt: window.expiresAt };
      counters.set(`${name}|${window.index}`, counter);
    }
    if (counter) counter.count += increment;
    return slidingCount(counter?.count ?? 0, live(window.index - 1)?.count ?? 0, window.covered);
  }

  /** A command's first result, by its keyed record id, while its day (and the next) lasts. */
  private priorResult<T>(workshopId: WorkshopId, command: CommandRef): T | null {
    const id = this.commandRecordId(workshopId, command);
    const earlier = this.commandResults.get(id);
    if (!earlier) return null;
    if (earlier.expiresAt > this.now()) return JSON.parse(earlier.json) as T;
    this.commandResults.delete(id);
    return null;
  }

  private remember(workshopId: WorkshopId, command: CommandRef, json: string): void {
    const now = this.now();
    if (++this.remembered % 10_000 === 0) {
      for (const [id, entry] of this.commandResults) if (entry.expiresAt <= now) this.commandResults.delete(id);
    }
    this.commandResults.set(this.commandRecordId(workshopId, command), {
      json,
      expiresAt: commandRecordDay(now).expiresAt,
    });
  }

  /** Prefixed by the workshop (this process's memory, not a shared database) so a purge finds them. */
  private commandRecordId(workshopId: WorkshopId, command: CommandRef): string {
    return `${workshopId}|${this.keys.commandRecordId(workshopId, command.actorId, command.commandId)}`;
  }

  /** As the Redis script does: the counters right after a ballot change travel along when they are small. */
  private notifyTally(state: WorkshopState, pollId: PollId, tally: Map<string, number>): void {
    const notice = tally.size <= TALLY_NOTICE_MAX_FIELDS ? tallyOfFields(tally) : null;
    for (const listener of state.tallyListeners) queueMicrotask(() => listener(pollId, notice));
  }

  private notifyQna(state: WorkshopState): void {
    const rev = state.qnaRev;
    for (const listener of state.qnaListeners) queueMicrotask(() => listener(rev));
  }

  private readRecord(state: WorkshopState, write: RecordWrite): string | undefined {
    if (write.kind === "workshop") return state.meta;
    if (write.kind === "participant") return state.participants.get(write.next.participantId);
    return state.records.get(write.kind)?.get(recordId(write));
  }

  private writeRecord(state: WorkshopState, write: RecordWrite): void {
    if (write.next === null) {
      state.records.get(write.kind)?.delete(recordId(write));
      return;
    }
    const json = JSON.stringify(write.next);
    if (write.kind === "workshop") state.meta = json;
    else if (write.kind === "participant") state.participants.set(write.next.participantId, json);
    else mapIn(state.records, write.kind, () => new Map<string, string>()).set(recordId(write), json);
  }

  private parsed<T>(workshopId: WorkshopId, kind: string, id: string): T | null {
    const json = this.workshops.get(workshopId)?.records.get(kind)?.get(id);
    return json ? (JSON.parse(json) as T) : null;
  }

  private parsedAll<T>(workshopId: WorkshopId, kind: string): T[] {
    return [...(this.workshops.get(workshopId)?.records.get(kind)?.values() ?? [])].map(
      (json) => JSON.parse(json) as T,
    );
  }

  private require(workshopId: WorkshopId): WorkshopState {
    const state = this.workshops.get(workshopId);
    if (!state) throw new DomainError("NOT_FOUND", "no such workshop");
    return state;
  }

  private isOnline(state: WorkshopState, participantId: ParticipantId): boolean {
    return (state.onlineCounts.get(participantId) ?? 0) > 0;
  }

  private append(state: WorkshopState, events: UnversionedEvent[]): number {
    for (const event of events) {
      state.version += 1;
      state.log.push({ v: state.version, ...event } as WorkshopEvent);
    }
    if (state.log.length > EVENT_LOG_CAP) state.log.splice(0, state.log.length - EVENT_LOG_CAP);
    const version = state.version;
    // Notify after the change is complete, outside this call, like a Redis message would arrive.
    for (const listener of state.listeners) queueMicrotask(() => listener(version));
    return version;
  }
}

function mapIn<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
