import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { ParticipantId, ProgrammeSessionId, WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess } from "../../../shared/notes.js";
import type { PollId, PollView } from "../../../shared/poll.js";
import type { ProgrammeSessionView } from "../../../shared/programme.js";
import type { UnversionedEvent, WorkshopEvent } from "../../../shared/workshop.js";
import type { CallsRecord } from "../../domain/calls.js";
import type { CommandRef } from "../../domain/commands.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import type { FullSnapshot } from "../../domain/snapshot.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";

/**
 * How many events a workshop's log keeps for delta resync; older gaps get a full snapshot. Well
 * above the largest single change: assigning 10,000 people is 10,000 events in one commit, and a
 * log no longer than that made every node fall off it and every client take a full snapshot at
 * once (a 10,000-person forum's round start melted down). About 150 bytes an event.
 */
export const EVENT_LOG_CAP = 50_000;

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
  /** The workshop's one call links record (server/domain/calls.ts). */
  | { kind: "calls"; expected: CallsRecord | null; next: CallsRecord }
  /** next null: delete (a draft). */
  | { kind: "poll"; pollId: PollId; expected: PollView | null; next: PollView | null }
  /** next null: delete (the session leaves the programme). */
  | {
      kind: "programme";
      sessionId: ProgrammeSessionId;
      expected: ProgrammeSessionView | null;
      next: ProgrammeSessionView | null;
    };

/** What one command changes, atomically: its record writes, the events it logs, the result a retry gets. */
export interface RecordChange<T> {
  writes: RecordWrite[];
  events: UnversionedEvent[];
  result: T;
  /** Destroys the salt of the workshop's anonymous voter keys in the same step (ending it). */
  forgetVoterSalt?: boolean;
}

export type CommitOutcome<T> =
  | { status: "applied"; version: number; result: T }
  /** The same command was applied before: here is its first result, nothing was applied again. */
  | { status: "duplicate"; result: T }
  /** A record changed between read and write: read again and retry the decision. */
  | { status: "conflict" };

/** How many new people a workshop takes per window: checked and counted atomically with the join. */
export interface JoinLimit {
  perWindow: number;
  windowMs: number;
}

/** A person joining (or a join retried). */
export interface ParticipantJoin {
  record: ParticipantRecord;
  sessionTokenHash: string;
  /** The joining socket: the person is online from the start, in the same event (one event per join in a storm). */
  connectionId?: string;
  /** The client's id for this join: a retried join gets a new session for the person the first attempt created. */
  joinId?: string;
  /** New people per window (a retried join does not count): over it nothing is written, the answer is `limited`. */
  joinLimit?: JoinLimit;
}

/**
 * Joined: the person (an earlier attempt's, or new), the version of the log after the join and
 * the workshop's record as of it. `ended`: the workshop is no longer active (nobody was added).
 */
export type JoinOutcome =
  | { version: number; participantId: ParticipantId; workshop: WorkshopRecord }
  | { limited: true }
  | { ended: true };

/**
 * The workshop itself: its record and join code, its people and sessions, the event log every
 * change is committed to (compare-and-set of records, at most once per command), the full
 * snapshot at one version, the salt of anonymous voter keys, and its deletion.
 */
export interface WorkshopStore {
  /** Fails with CONFLICT when the join code is taken (the caller draws another). */
  createWorkshop(record: WorkshopRecord): Promise<void>;
  getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null>;
  findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null>;
  /** Every workshop the store holds (a scan: for rare housekeeping, never on a request's path). */
  listWorkshopIds(): Promise<WorkshopId[]>;

  /** A new person and their session, in an active workshop only; appends `participant:upserted`. */
  addParticipant(workshopId: WorkshopId, join: ParticipantJoin): Promise<JoinOutcome>;
  getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null>;
  listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]>;
  findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null>;

  /** Applies a command's record writes and events atomically, at most once per CommandRef. */
  commit<T>(workshopId: WorkshopId, command: CommandRef, change: RecordChange<T>): Promise<CommitOutcome<T>>;
  /** The first result of an applied command, or null: lets a retry skip re-deciding. */
  commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null>;

  /**
   * The random salt of the workshop's anonymous voter keys, made on first use while the
   * workshop runs; null once it ended (the end destroys it: `forgetVoterSalt`).
   */
  voterSalt(workshopId: WorkshopId): Promise<string | null>;

  /** One consistent, unfiltered view of everything in the workshop at one version. */
  fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null>;
  currentVersion(workshopId: WorkshopId): Promise<number>;
  /**
   * Events with v > sinceVersion, the first `limit` of them (0 or absent: all), or null when the
   * log no longer reaches back that far.
   */
  eventsSince(workshopId: WorkshopId, sinceVersion: number, limit?: number): Promise<WorkshopEvent[] | null>;
  /** Called with the new version after every change of the workshop, on every node. */
  subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe>;

  /**
   * Deletes the workshop's data for good: its join code and record first (so no write can bring
   * any of it back: every write checks the record), then every other key it has. Its timers and
   * the nodes' reap lists are the timer and presence stores' (RetentionService.purge runs all
   * three, timers last). Idempotent: a purge cut short is finished by running it again.
   */
  purgeWorkshop(workshopId: WorkshopId): Promise<void>;
}
