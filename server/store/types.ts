import type { BroadcastView, HelpView, RoundView, Tags } from "../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../shared/notes.js";
import type { Ballot, PollId, PollView } from "../../shared/poll.js";
import type { BoardId, QuestionId, QuestionStatus } from "../../shared/qna.js";
import type { UnversionedEvent, WorkshopEvent } from "../../shared/workshop.js";
import type { ParticipantRecord, WorkshopRecord } from "../domain/records.js";

/** Who sent a write and under which id: the pair a retry is recognised by. */
export interface CommandRef {
  actorId: ParticipantId;
  commandId: string;
}

/**
 * One record a command replaces, with the value it expects to find there (optimistic
 * concurrency: the write applies only if nobody changed the record since it was read).
 */
export type RecordWrite =
  | { kind: "workshop"; expected: WorkshopRecord; next: WorkshopRecord }
  | { kind: "participant"; expected: ParticipantRecord | null; next: ParticipantRecord }
  | { kind: "round"; expected: RoundView | null; next: RoundView }
  | { kind: "help"; expected: HelpView | null; next: HelpView }
  | { kind: "tags"; participantId: ParticipantId; expected: Tags | null; next: Tags }
  | { kind: "broadcast"; broadcastId: string; expected: null; next: BroadcastView }
  | { kind: "noteAccess"; expected: NoteAccess | null; next: NoteAccess }
  /** next null: delete (a draft). */
  | { kind: "poll"; pollId: PollId; expected: PollView | null; next: PollView | null };

/**
 * A ballot as stored. There is no participant id in it; for anonymous polls it is kept under a
 * keyed hash of the voter (the key is destroyed when the workshop ends), for named polls
 * under the participant id. No timestamp either.
 */
export interface StoredBallot {
  roomId: RoomId | null;
  ballot: Ballot;
  /** The counters this ballot added (domain/polls/counters.ts), so a change can take them back. */
  counters: string[];
}

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
 * A question as stored. A named question keeps its author; an anonymous one has authorId and
 * authorName null and nothing else that could lead back to a person (no timestamp either:
 * `seq` orders a board). `secretHash` lets the author, and only the author, edit or withdraw.
 */
export interface QuestionRecord {
  questionId: QuestionId;
  boardId: BoardId;
  seq: number;
  text: string;
  anonymous: boolean;
  authorId: ParticipantId | null;
  authorName: string | null;
  secretHash: string;
  status: QuestionStatus;
  pinned: boolean;
  reply: string | null;
  edited: boolean;
  flagged: boolean;
  dismissReason: string | null;
  /**
   * An attributed report may name the author: the question was named and asked while the
   * workshop announced that reports may name people. Absent (older records): false.
   */
  creditable?: boolean;
}

/** A board's moderation setting as stored (absent: the default). */
export interface BoardRecord {
  boardId: BoardId;
  preModeration: boolean;
}

/** One Q&A record a command replaces, compare-and-set like RecordWrite. next null: delete. */
export type QnaWrite =
  | { kind: "question"; questionId: QuestionId; expected: QuestionRecord | null; next: QuestionRecord | null }
  | { kind: "board"; boardId: BoardId; expected: BoardRecord | null; next: BoardRecord };

/** What changed in Q&A after a revision: question ids and board ids; `reset` when the list no longer reaches back. */
export interface QnaChanges {
  rev: number;
  questionIds: QuestionId[];
  boardIds: BoardId[];
  reset: boolean;
}

export type UpvoteOutcome =
  | { status: "applied"; changed: boolean; votes: number }
  | { status: "missing" }
  /** Only approved questions take votes. */
  | { status: "notOpen" };

/** A stored notes update: the list's new length and the document's bytes, or a refusal at the size limit. */
export type NoteAppendOutcome =
  | { status: "applied"; count: number; bytes: number }
  | { status: "tooLarge"; bytes: number };

/** A poll's counters and how many ballot changes produced them. */
export interface PollTally {
  tallyVersion: number;
  counters: Map<string, number>;
}

/** One person's move in a round: to a room, or back to the plenary (null). */
export interface RoomMove {
  participantId: ParticipantId;
  roomId: RoomId | null;
  /** The target room's capacity, checked atomically with the move; null = no limit. */
  capacity: number | null;
}

export type MoveOutcome<T> =
  | { status: "applied"; version: number; result: T; moved: number; refused: ParticipantId[] }
  | { status: "duplicate"; result: T }
  /** all-or-nothing moves that did not fit: nothing was applied. */
  | { status: "full"; refused: ParticipantId[] };

/** Everything about breakout rooms that a snapshot needs, unfiltered. */
export interface BreakoutRecords {
  round: RoundView | null;
  assignments: Map<ParticipantId, RoomId>;
  counts: Record<string, number>;
  helps: HelpView[];
  broadcasts: BroadcastView[];
  tags: Map<ParticipantId, Tags>;
}

/** A full, consistent, unfiltered view of a workshop; services filter it per viewer. */
export interface FullSnapshot {
  version: number;
  workshop: WorkshopRecord;
  participants: Array<ParticipantRecord & { online: boolean }>;
  breakout: BreakoutRecords;
  polls: PollView[];
  notesAccess: NoteAccess[];
}

export type CommitOutcome<T> =
  | { status: "applied"; version: number; result: T }
  /** The same command was applied before: here is its first result, nothing was applied again. */
  | { status: "duplicate"; result: T }
  /** A record changed between read and write: read again and retry the decision. */
  | { status: "conflict" };

export type Unsubscribe = () => Promise<void>;

/** One rate counter of a scope (see Store.countInWindows). */
export interface RateCounter {
  name: string;
  windowMs: number;
  increment: number;
}

/** How many new people a workshop takes per window: checked and counted atomically with the join. */
export interface JoinLimit {
  perWindow: number;
  windowMs: number;
}

/** What a shared timer is for: a round (`r…`), a poll (`o…`), or the workshop's retention clocks. */
export type TimerSubject = RoundId | PollId | RetentionTimer;
/**
 * The retention clocks (server/services/retentionService.ts): `idle` ends a workshop nobody used
 * for the retention period (activity postpones it); `purge` deletes an ended one at its deleteAt.
 */
export const RETENTION_TIMERS = { idle: "idle", purge: "purge" } as const;
export type RetentionTimer = (typeof RETENTION_TIMERS)[keyof typeof RETENTION_TIMERS];

/**
 * The state of every workshop, shaped by the domain. Two implementations pass one contract
 * suite (test/contract): MemoryStore (one process, nothing to install) and RedisStore.
 * Every method that changes state appends versioned events to the workshop's log atomically
 * with the change and notifies subscribers on every node.
 */
export interface Store {
  readonly kind: "memory" | "redis";

  /** Fails with CONFLICT when the join code is taken (the caller draws another). */
  createWorkshop(record: WorkshopRecord): Promise<void>;
  getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null>;
  findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null>;

  /**
   * A new person and their session; appends `participant:upserted`. With a connection id the
   * person is online from the start, in the same event (a join storm logs one event per join).
   */
  addParticipant(
    workshopId: WorkshopId,
    record: ParticipantRecord,
    sessionTokenHash: string,
    connectionId?: string,
    /**
     * The client's id for this join. A retried join (the first answer was lost) gets a new
     * session for the person the first attempt created, not a second person.
     */
    joinId?: string,
    /** New people per window (a retried join does not count): over it, nothing is written and the answer is `limited`. */
    joinLimit?: JoinLimit,
  ): Promise<{ version: number; participantId: ParticipantId } | { limited: true }>;
  getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null>;
  findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null>;

  /**
   * Applies a command's record writes and events atomically, at most once per CommandRef.
   * `result` is stored with the command so a retry gets the same answer. `forgetVoterSalt`
   * destroys the salt of the workshop's anonymous voter keys in the same step (ending it).
   */
  commit<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    writes: RecordWrite[],
    events: UnversionedEvent[],
    result: T,
    options?: { forgetVoterSalt?: boolean },
  ): Promise<CommitOutcome<T>>;

  /** The first result of an applied command, or null: lets a retry skip re-deciding. */
  commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null>;

  /**
   * Marks one connection open; the first connection of a person appends `participant:presence`
   * online. Refused (false, nothing written) when the person already holds `maxConnections`.
   */
  connect(
    workshopId: WorkshopId,
    participantId: ParticipantId,
    connectionId: string,
    maxConnections?: number,
  ): Promise<boolean>;
  /** How many connections a person holds open now (for refusing one too many at the door). */
  connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number>;
  /** Idempotent; the last connection closing appends `participant:presence` offline. */
  disconnect(workshopId: WorkshopId, connectionId: string): Promise<void>;
  /**
   * Closes the connections a node left behind (connection ids start with `<nodeId>/`):
   * all of them for a dead node; for a live node, those `keep` says no to (a disconnect whose
   * store write failed while Redis was away).
   */
  reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number>;
  /** Liveness of server nodes, so survivors can reap the connections of a node that died. */
  heartbeat(nodeId: string, now: number): Promise<void>;
  deadNodes(olderThan: number): Promise<string[]>;

  /**
   * Moves people between rooms of a round atomically with capacity checks, at most once per
   * CommandRef. `allOrNothing`: refuse everything when one move does not fit (a self-select
   * pick, a swap); otherwise apply what fits and return the refused. Moving someone where
   * they already are changes nothing. `resultTemplate` is stored for retries with
   * "__MOVED__" and "__REFUSED__" filled in.
   */
  moveParticipants<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    roundId: RoundId,
    moves: RoomMove[],
    allOrNothing: boolean,
    resultTemplate: string,
  ): Promise<MoveOutcome<T>>;
  getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null>;
  listRounds(workshopId: WorkshopId): Promise<RoundView[]>;
  getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>>;
  getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null>;
  getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>>;
  /** Who is in one room: read from a per-room set kept by the move script, not the whole round. */
  getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]>;
  listHelps(workshopId: WorkshopId): Promise<HelpView[]>;
  listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]>;
  getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null>;
  listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]>;
  getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>>;

  getPoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView | null>;
  listPolls(workshopId: WorkshopId): Promise<PollView[]>;
  /**
   * Casts or replaces a ballot in one atomic step: checks the poll is open (status and
   * closesAt), one ballot per voter, vote-change rule, takes back the old ballot's counters
   * and adds the new one's, bumps the tally version, tells every node, remembers the result.
   */
  castBallot<T>(workshopId: WorkshopId, command: CommandRef, cast: BallotCast): Promise<CastOutcome<T>>;
  getTally(workshopId: WorkshopId, pollId: PollId): Promise<PollTally>;
  /** Takes one voter's ballot back in one atomic step (counters, tally version, every node told). */
  retractBallot<T>(workshopId: WorkshopId, command: CommandRef, retract: BallotRetract): Promise<RetractOutcome<T>>;
  /**
   * The voter's own ballot, by the key it is kept under (see VoterRef); "retracted" when they
   * took it back in a poll that does not allow voting again.
   */
  ballotOf(workshopId: WorkshopId, voter: VoterRef): Promise<Ballot | "retracted" | null>;
  /** Every ballot of a poll, named or anonymous; the order says nothing about who or when. */
  listBallots(workshopId: WorkshopId, pollId: PollId): Promise<StoredBallot[]>;
  /**
   * The random salt of the workshop's anonymous voter keys, made on first use while the
   * workshop runs; null once it ended (the end destroys it: `commit(..., {forgetVoterSalt})`).
   */
  voterSalt(workshopId: WorkshopId): Promise<string | null>;
  /**
   * Called after every ballot change, on every node, with the poll id and the poll's tally right
   * after that change when it is small enough to travel along (`TALLY_NOTICE_MAX_FIELDS`), else
   * null. Several tallies of one poll may arrive out of order with reads: the higher version wins.
   */
  subscribeTallies(
    workshopId: WorkshopId,
    onTally: (pollId: PollId, tally: PollTally | null) => void,
  ): Promise<Unsubscribe>;

  /**
   * Q&A writes: compare-and-set of questions and board settings, at most once per CommandRef
   * (null: the write is idempotent by itself), each changed record marked with a new Q&A
   * revision and every node told. Q&A stays out of the workshop's event log on purpose: an
   * anonymous question logged next to a join would tie the two together by their versions.
   */
  commitQna<T>(
    workshopId: WorkshopId,
    command: CommandRef | null,
    writes: QnaWrite[],
    result: T,
  ): Promise<CommitOutcome<T>>;
  /** The next `seq` of a board (1, 2, ...). */
  nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number>;
  getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null>;
  getQuestions(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<Array<QuestionRecord | null>>;
  listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]>;
  /** Upvote counts of the given questions (0 when none). */
  questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]>;
  /**
   * One person's upvote on or off, atomically: the voter is a keyed hash the caller derived
   * (VoterKeys.upvote), never an id; setting the state it already has changes nothing.
   */
  upvote(workshopId: WorkshopId, questionId: QuestionId, voterKey: string, up: boolean): Promise<UpvoteOutcome>;
  listBoards(workshopId: WorkshopId): Promise<BoardRecord[]>;
  qnaRevision(workshopId: WorkshopId): Promise<number>;
  qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges>;
  /** Called with the new Q&A revision after every Q&A change, on every node. */
  subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe>;

  /**
   * Appends one Yjs update (base64) to a notes document, atomically with its byte count;
   * refused when the document would grow past maxBytes. Acknowledged = stored.
   */
  appendNoteUpdate(
    workshopId: WorkshopId,
    docId: NoteDocId,
    update: string,
    bytes: number,
    maxBytes: number,
  ): Promise<NoteAppendOutcome>;
  getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null>;
  /** A document's stored updates (base64), oldest first. */
  noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]>;
  /**
   * Replaces the first `replaced` updates by their merge, if they are still the first ones
   * (the last of them equals `lastReplaced`): updates appended meanwhile are kept after it.
   */
  compactNoteUpdates(
    workshopId: WorkshopId,
    docId: NoteDocId,
    replaced: number,
    lastReplaced: string,
    merged: string,
    mergedBytes: number,
  ): Promise<boolean>;
  saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, state: string): Promise<void>;
  listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]>;
  /** A snapshot's document state (base64 update), or null. */
  snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null>;

  /**
   * Timers shared by all nodes (round transitions, poll auto-close, retention): whoever polls
   * first after dueAt acts. The subject is a round id, a poll id or RETENTION_TIMER.
   * `earliest`: keep the earlier of the stored and the new time (commands racing each other
   * can only make the clock look sooner, never later: an early look finds nothing due and
   * sets the right time). `latest`: keep the later (activity postpones an idle workshop's
   * end). `ifAbsent`: only when there is none (a clock for a workshop stored before it had one).
   * `exact`: set it (the clock itself, after reading the round).
   */
  scheduleTimer(
    workshopId: WorkshopId,
    subjectId: TimerSubject,
    dueAt: number,
    mode: "earliest" | "latest" | "ifAbsent" | "exact",
  ): Promise<void>;
  clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void>;
  dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>>;

  /** One consistent, unfiltered view of everything in the workshop at one version. */
  fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null>;
  currentVersion(workshopId: WorkshopId): Promise<number>;
  /** Events with v > sinceVersion, or null when the log no longer reaches back that far. */
  eventsSince(workshopId: WorkshopId, sinceVersion: number): Promise<WorkshopEvent[] | null>;
  /** Called with the new version after every change of the workshop, on every node. */
  subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe>;

  /**
   * Deletes the workshop for good: its record and join code first (so no write can bring any
   * of it back: every write checks the record), then every other key it has, then its timers.
   * Idempotent: a purge cut short is finished by running it again.
   */
  purgeWorkshop(workshopId: WorkshopId): Promise<void>;
  /** Every workshop the store holds (a scan: for rare housekeeping, never on a request's path). */
  listWorkshopIds(): Promise<WorkshopId[]>;

  /**
   * Rate counters of one subject (`scope`: e.g. a keyed client address), shared by every node
   * (limits at the door), in one atomic step: each adds its `increment` (0 only reads) and the
   * answer is, per counter, the count of its last `windowMs`, estimated as this fixed window's
   * count plus the previous window's, weighted by how much of it the sliding window still covers
   * (no burst of twice a limit across a boundary).
   */
  countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How many changed Q&A records a workshop remembers for feeds; a node further behind resets its clients. */
export const QNA_CHANGES_CAP = 5000;
/** How many events a workshop's log keeps for delta resync; older gaps get a full snapshot. */
export const EVENT_LOG_CAP = 10_000;
/**
 * Command records are kept per UTC day and looked up in today's and yesterday's: a retry is
 * recognised for 24 to 48 hours, and a record's expiry tells the day at most, never the time.
 */
export const COMMAND_RECORD_DAY_MS = 24 * 60 * 60 * 1000;

/** The day a command record made at `now` is filed under, and when that day's records expire. */
export function commandRecordDay(now: number): { day: number; expiresAt: number } {
  const day = Math.floor(now / COMMAND_RECORD_DAY_MS);
  return { day, expiresAt: (day + 2) * COMMAND_RECORD_DAY_MS };
}
