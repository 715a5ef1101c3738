import type { Viewer } from "../../../shared/audience.js";
import type { RoundView } from "../../../shared/breakout.js";
import { isPublicStatus, moderatesBoard, usesBoard } from "../../../shared/qnaRules.js";
import type { QuestionRecord } from "./records.js";

/** A viewer of Q&A boards: the one visibility viewer, and the current round (leads moderate their room's board). */
export interface QnaViewer extends Viewer {
  round: RoundView | null;
}

/** THE rule of who sees a question: moderators of its board all of them; others public ones on boards they use. */
export function seesQuestion(viewer: QnaViewer, question: QuestionRecord): boolean {
  if (moderatesBoard(viewer, question.boardId, viewer.round)) return true;
  return isPublicStatus(question.status) && usesBoard(viewer, question.boardId);
}

/**
 * What decides everything a viewer sees of Q&A (seesQuestion, usesBoard): viewers with the same
 * key are sent the same changes.
 */
export function qnaViewKey(viewer: QnaViewer): string {
  const rooms = viewer.role === "facilitator" ? [] : (viewer.round?.rooms ?? []);
  // The room boards this viewer moderates (a lead's, wherever they sit).
  const moderated = rooms
    .filter((room) => moderatesBoard(viewer, room.roomId, viewer.round))
    .map((room) => room.roomId);
  return `${viewer.role}|${viewer.roomId}|${moderated.join(",")}`;
}
