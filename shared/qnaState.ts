import type { BoardId, BoardSettings, BoardView, QnaChanged, QuestionId, QuestionView } from "./qna.js";

/**
 * A client's copy of the Q&A boards it looks at, and the rules for keeping it current: the
 * browser and the tests both use these. Boards arrive whole (`qna:board`), then changes
 * (`qna:changed`) update them; a change for a board the client has not loaded is kept too,
 * so a board loaded a moment later is not older than what already arrived.
 */
export interface QnaCopy {
  settings: Map<BoardId, BoardSettings>;
  questions: Map<QuestionId, QuestionView>;
  /** Set by a `reset` change: the caller fetches its boards again. */
  needsReload: boolean;
}

export function emptyQnaCopy(): QnaCopy {
  return { settings: new Map(), questions: new Map(), needsReload: false };
}

/** A whole board: replaces what the copy had for it. */
export function applyBoard(copy: QnaCopy, board: BoardView): void {
  const { boardId } = board.settings;
  for (const [questionId, question] of copy.questions) {
    if (question.boardId === boardId) copy.questions.delete(questionId);
  }
  for (const question of board.questions) copy.questions.set(question.questionId, question);
  copy.settings.set(boardId, board.settings);
}

export function applyQnaChanged(copy: QnaCopy, changed: QnaChanged): void {
  if (changed.reset) {
    copy.needsReload = true;
    return;
  }
  for (const questionId of changed.removed) copy.questions.delete(questionId);
  for (const question of changed.questions) copy.questions.set(question.questionId, question);
  for (const settings of changed.settings) copy.settings.set(settings.boardId, settings);
}

export type QnaSort = "top" | "recent";

/** The open questions of a board in the chosen order; pinned first. Ties: the earlier asked first. */
export function openQuestions(copy: QnaCopy, boardId: BoardId, sort: QnaSort): QuestionView[] {
  return [...copy.questions.values()]
    .filter((question) => question.boardId === boardId && question.status === "approved")
    .sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) || (sort === "top" ? b.votes - a.votes || a.seq - b.seq : b.seq - a.seq),
    );
}

export function answeredQuestions(copy: QnaCopy, boardId: BoardId): QuestionView[] {
  return [...copy.questions.values()]
    .filter((question) => question.boardId === boardId && question.status === "answered")
    .sort((a, b) => b.seq - a.seq);
}

/** The moderation queue: pending first (flagged on top), oldest first, then dismissed. */
export function moderationQueue(copy: QnaCopy, boardId: BoardId): QuestionView[] {
  const rank = (question: QuestionView) => (question.status === "pending" ? (question.flagged ? 0 : 1) : 2);
  return [...copy.questions.values()]
    .filter(
      (question) => question.boardId === boardId && (question.status === "pending" || question.status === "dismissed"),
    )
    .sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
}
