import type { WorkshopId } from "../../../shared/ids.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import type { CommandRef } from "../../domain/commands.js";
import type { BoardRecord, QuestionRecord } from "../../domain/qna/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { CommitOutcome } from "../workshop/port.js";

/** How many changed Q&A records a workshop remembers for feeds; a node further behind resets its clients. */
export const QNA_CHANGES_CAP = 5000;

/** One Q&A record a command replaces, compare-and-set like RecordWrite. next null: delete. */
export type QnaWrite =
  | { kind: "question"; questionId: QuestionId; expected: QuestionRecord | null; next: QuestionRecord | null }
  | { kind: "board"; boardId: BoardId; expected: BoardRecord | null; next: BoardRecord };

/** What one Q&A command changes, and the result a retry gets. */
export interface QnaChange<T> {
  writes: QnaWrite[];
  result: T;
}

/** Like a workshop commit's outcome; `version` is the new Q&A revision. */
export type QnaCommitOutcome<T> = CommitOutcome<T>;

/** What changed in Q&A after a revision: question ids and board ids; `reset` when the list no longer reaches back. */
export interface QnaChanges {
  rev: number;
  questionIds: QuestionId[];
  boardIds: BoardId[];
  reset: boolean;
}

/** One upvote on or off, by a voter key (VoterKeys.upvote), never an id. */
export interface Upvote {
  questionId: QuestionId;
  voterKey: string;
  up: boolean;
}

export type UpvoteOutcome =
  | { status: "applied"; changed: boolean; votes: number }
  | { status: "missing" }
  /** Only approved questions take votes. */
  | { status: "notOpen" };

/**
 * Moderated Q&A: questions and board settings, compare-and-set, marked with a Q&A revision of
 * their own. Q&A stays out of the workshop's event log on purpose: an anonymous question logged
 * next to a join would tie the two together by their versions.
 */
export interface QnaStore {
  /**
   * Q&A writes: compare-and-set of questions and board settings, at most once per CommandRef
   * (null: the write is idempotent by itself), each changed record marked with a new Q&A
   * revision and every node told. A deleted question takes its upvotes with it.
   */
  commitQna<T>(workshopId: WorkshopId, command: CommandRef | null, change: QnaChange<T>): Promise<QnaCommitOutcome<T>>;
  /** The next `seq` of a board (1, 2, ...). */
  nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number>;
  getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null>;
  getQuestions(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<Array<QuestionRecord | null>>;
  listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]>;
  /** Upvote counts of the given questions (0 when none). */
  questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]>;
  /** One upvote on or off, atomically; setting the state it already has changes nothing. */
  upvote(workshopId: WorkshopId, vote: Upvote): Promise<UpvoteOutcome>;
  listBoards(workshopId: WorkshopId): Promise<BoardRecord[]>;
  qnaRevision(workshopId: WorkshopId): Promise<number>;
  qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges>;
  /** Called with the new Q&A revision after every Q&A change, on every node. */
  subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe>;
}
