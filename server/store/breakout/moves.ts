import type { ParticipantId, RoomId } from "../../../shared/ids.js";
import type { RoomMove } from "./port.js";

export interface PlannedMove {
  participantId: ParticipantId;
  from: RoomId | null;
  to: RoomId | null;
}

/**
 * Decides which moves fit, in order, with counts updated as it goes (several people can
 * move into one room in one command). No-op moves are dropped. The Redis script applies
 * the same rule in Lua; the contract suite holds both to it.
 */
export function planMoves(
  moves: readonly RoomMove[],
  currentRoom: (participantId: ParticipantId) => RoomId | null,
  count: (roomId: RoomId) => number,
): { applied: PlannedMove[]; refused: ParticipantId[] } {
  const counts = new Map<RoomId, number>();
  const rooms = new Map<ParticipantId, RoomId | null>();
  const countOf = (roomId: RoomId) => counts.get(roomId) ?? count(roomId);
  const applied: PlannedMove[] = [];
  const refused: ParticipantId[] = [];
  for (const move of moves) {
    const from = rooms.has(move.participantId)
      ? (rooms.get(move.participantId) ?? null)
      : currentRoom(move.participantId);
    if (from === move.roomId) continue;
    if (move.roomId !== null && move.capacity !== null && countOf(move.roomId) >= move.capacity) {
      refused.push(move.participantId);
      continue;
    }
    if (from) counts.set(from, countOf(from) - 1);
    if (move.roomId) counts.set(move.roomId, countOf(move.roomId) + 1);
    rooms.set(move.participantId, move.roomId);
    applied.push({ participantId: move.participantId, from, to: move.roomId });
  }
  return { applied, refused };
}

/** People whose room changed (a leave-then-enter of one person is one person moved). */
export function peopleMoved(applied: readonly PlannedMove[]): number {
  return new Set(applied.map((move) => move.participantId)).size;
}

export function fillMoveResult(template: string, moved: number, refused: readonly ParticipantId[]): string {
  return template.replace('"__MOVED__"', String(moved)).replace('"__REFUSED__"', JSON.stringify(refused));
}
