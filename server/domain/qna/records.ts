import type { ParticipantId } from "../../../shared/ids.js";
import type { BoardId, QuestionId, QuestionStatus } from "../../../shared/qna.js";

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
  /**
   * A moderator said "I'm handling this" while the question waits for approval, so co-moderators
   * leave it to them. Only while pending: approving or dismissing it clears the claim. Absent: none.
   */
  claimedBy?: ParticipantId | null;
}

/** A board's moderation setting as stored (absent: the default). */
export interface BoardRecord {
  boardId: BoardId;
  preModeration: boolean;
}
