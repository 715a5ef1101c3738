import { isRoundRunning, type RoundView } from "./breakout.js";
import type { ParticipantId, RoomId } from "./ids.js";
import type { BoardId, QuestionStatus } from "./qna.js";
import type { Role } from "./workshop.js";

/** Q&A rules the browser and the server must agree on, written once. */

/** Moderators of a board: facilitators, and on a room's board that room's lead while the round runs. */
export function moderatesBoard(
  actor: { participantId: ParticipantId; role: Role },
  boardId: BoardId,
  round: RoundView | null,
): boolean {
  if (actor.role === "facilitator") return true;
  return (
    boardId !== "plenary" &&
    isRoundRunning(round) &&
    (round?.rooms.some((room) => room.roomId === boardId && room.leadId === actor.participantId) ?? false)
  );
}

/**
 * Who may read and ask on a board: everyone on the plenary's and on a programme session's (used
 * from the plenary), the room's people on a room's, facilitators on all.
 */
export function usesBoard(viewer: { role: Role; roomId: RoomId | null }, boardId: BoardId): boolean {
  return (
    boardId === "plenary" ||
    boardId.startsWith("session:") ||
    viewer.role === "facilitator" ||
    boardId === viewer.roomId
  );
}

/** Questions everyone on the board sees; pending and dismissed ones only moderators (and the author, by secret). */
export function isPublicStatus(status: QuestionStatus): boolean {
  return status === "approved" || status === "answered";
}
