import type { ParticipantId } from "../../../shared/ids.js";
import type { BoardId, QuestionId, QuestionView } from "../../../shared/qna.js";
import type { BoardRecord, QuestionRecord } from "../../domain/qna/records.js";
import { DomainError } from "../errors.js";

/** Pure Q&A rules: what a question looks like to viewers, and how moderation changes it. */

/** Boards hold questions for moderators first unless a facilitator turned that off. */
export const DEFAULT_PRE_MODERATION = true;

export function boardSettings(boards: readonly BoardRecord[], boardId: BoardId): BoardRecord {
  return boards.find((board) => board.boardId === boardId) ?? { boardId, preModeration: DEFAULT_PRE_MODERATION };
}

/** The view never carries authorId or secretHash; an anonymous question has no author at all. */
export function toQuestionView(record: QuestionRecord, votes: number): QuestionView {
  return {
    questionId: record.questionId,
    boardId: record.boardId,
    seq: record.seq,
    text: record.text,
    anonymous: record.anonymous,
    authorName: record.anonymous ? null : record.authorName,
    status: record.status,
    votes,
    pinned: record.pinned,
    reply: record.reply,
    edited: record.edited,
    flagged: record.flagged,
    dismissReason: record.dismissReason,
    // Claims exist only while a question is pending, which only its moderators see.
    ...(record.claimedBy && record.status === "pending" ? { claimedBy: record.claimedBy } : {}),
  };
}

/** The same question without a moderator's claim (what its author is told, and what leaves the queue). */
export function withoutClaim(question: QuestionRecord): QuestionRecord {
  if (question.claimedBy === undefined) return question;
  const { claimedBy: _claim, ...rest } = question;
  return rest;
}

export interface NewQuestion {
  questionId: QuestionId;
  boardId: BoardId;
  seq: number;
  text: string;
  anonymous: boolean;
  author: { participantId: string; displayName: string };
  secretHash: string;
  preModeration: boolean;
  flagged: boolean;
  /** The asker agreed, when asking, that a report may name them (and the workshop allowed it). */
  creditConsent: boolean;
}

/** A flagged question waits for a moderator even on a board without pre-moderation: never silently dropped. */
export function newQuestion(input: NewQuestion): QuestionRecord {
  return {
    questionId: input.questionId,
    boardId: input.boardId,
    seq: input.seq,
    text: input.text,
    anonymous: input.anonymous,
    authorId: input.anonymous ? null : input.author.participantId,
    authorName: input.anonymous ? null : input.author.displayName,
    secretHash: input.secretHash,
    status: input.preModeration || input.flagged ? "pending" : "approved",
    pinned: false,
    reply: null,
    edited: false,
    flagged: input.flagged,
    dismissReason: null,
    // Consent is taken when asking: a named question whose asker was shown that reports may
    // name them. Enabling attribution later does not reach back to earlier questions.
    creditable: !input.anonymous && input.creditConsent,
  };
}

function refuse(message: string): DomainError {
  return new DomainError("INVALID_STATE", message);
}

export function editByAuthor(question: QuestionRecord, text: string, flagged: boolean): QuestionRecord {
  if (question.status !== "pending") throw refuse("only a question awaiting approval can be edited");
  return { ...question, text, flagged: question.flagged || flagged };
}

export function approve(question: QuestionRecord): QuestionRecord {
  if (question.status !== "pending") throw refuse("only a pending question can be approved");
  return { ...withoutClaim(question), status: "approved" };
}

export function dismiss(question: QuestionRecord, reason: string | undefined): QuestionRecord {
  if (question.status === "dismissed") throw refuse("the question is already dismissed");
  return { ...withoutClaim(question), status: "dismissed", pinned: false, dismissReason: reason ? reason : null };
}

/**
 * "I'm handling this" (claimed) or letting go, on a question awaiting approval. A light claim:
 * it locks nothing; another moderator may take it over, and the latest word stands. The same
 * word again changes nothing.
 */
export function claim(question: QuestionRecord, moderatorId: ParticipantId, claimed: boolean): QuestionRecord {
  if (question.status !== "pending") throw refuse("only a question awaiting approval can be claimed");
  if (claimed) return question.claimedBy === moderatorId ? question : { ...question, claimedBy: moderatorId };
  return withoutClaim(question);
}

export function restore(question: QuestionRecord): QuestionRecord {
  if (question.status !== "dismissed") throw refuse("only a dismissed question can be restored");
  return { ...question, status: "approved", dismissReason: null };
}

export function markAnswered(question: QuestionRecord, reply: string | undefined): QuestionRecord {
  if (question.status !== "approved") throw refuse("only an approved question can be answered");
  return { ...question, status: "answered", pinned: false, reply: reply ? reply : question.reply };
}

export function setReply(question: QuestionRecord, reply: string): QuestionRecord {
  if (question.status !== "approved" && question.status !== "answered") {
    throw refuse("only approved or answered questions have replies");
  }
  return { ...question, reply: reply ? reply : null };
}

export function correct(question: QuestionRecord, text: string): QuestionRecord {
  if (question.status === "dismissed") throw refuse("restore the question before correcting it");
  return text === question.text ? question : { ...question, text, edited: true };
}

/** Pinning one unpins the board's other pinned questions (one "now answering" per board). */
export function pinWrites(
  boardQuestions: readonly QuestionRecord[],
  target: QuestionRecord | null,
): Array<{ expected: QuestionRecord; next: QuestionRecord }> {
  if (target && target.status !== "approved") throw refuse("only an approved question can be pinned");
  const writes: Array<{ expected: QuestionRecord; next: QuestionRecord }> = [];
  for (const question of boardQuestions) {
    const pinned = target !== null && question.questionId === target.questionId;
    if (question.pinned !== pinned) writes.push({ expected: question, next: { ...question, pinned } });
  }
  return writes;
}
