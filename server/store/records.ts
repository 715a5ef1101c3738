import type { ParticipantId, RoomId, RoundId, WorkshopId } from "../../shared/ids.js";
import type { UnversionedEvent } from "../../shared/workshop.js";
import { type ParticipantRecord, toParticipantProfile } from "../domain/records.js";
import type { RecordWrite, RoomMove } from "./types.js";

/** Helpers both stores share, so the two implementations cannot drift apart. */

/** The id a record is kept under within its kind. */
export function recordId(write: RecordWrite): string {
  switch (write.kind) {
    case "workshop":
      return "";
    case "participant":
      return write.next.participantId;
    case "round":
      return write.next.roundId;
    case "help":
      return write.next.helpId;
    case "tags":
      return write.participantId;
    case "broadcast":
      return write.broadcastId;
    default: {
      const exhaustive: never = write;
      throw new Error(`unknown record ${JSON.stringify(exhaustive)}`);
    }
  }
}

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

/** The one event of a join: the profile, and presence when the person joined connected. */
export function joinedEvent(record: ParticipantRecord, connectionId: string | undefined): UnversionedEvent {
  const participant = toParticipantProfile(record);
  return connectionId
    ? { type: "participant:upserted", participant, online: true }
    : { type: "participant:upserted", participant };
}

/** People whose room changed (a leave-then-enter of one person is one person moved). */
export function peopleMoved(applied: readonly PlannedMove[]): number {
  return new Set(applied.map((move) => move.participantId)).size;
}

export function fillMoveResult(template: string, moved: number, refused: readonly ParticipantId[]): string {
  return template.replace('"__MOVED__"', String(moved)).replace('"__REFUSED__"', JSON.stringify(refused));
}

export function parseTimerMember(member: string): { workshopId: WorkshopId; roundId: RoundId } {
  const [workshopId = "", roundId = ""] = member.split("|");
  return { workshopId, roundId };
}
