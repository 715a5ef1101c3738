import type { ParticipantId, RoomId, WorkshopId } from "../../shared/ids.js";
import type { NoteAccess, SnapshotView } from "../../shared/notes.js";
import type { PollView } from "../../shared/poll.js";
import type { UnversionedEvent } from "../../shared/workshop.js";
import { type ParticipantRecord, toParticipantProfile } from "../domain/records.js";
import type { RecordWrite, RoomMove, StoredBallot, TimerSubject } from "./types.js";

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
    case "poll":
      return write.pollId;
    case "noteAccess":
      return write.next.docId;
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

export function parseTimerMember(member: string): { workshopId: WorkshopId; subjectId: TimerSubject } {
  const [workshopId = "", subjectId = ""] = member.split("|");
  return { workshopId, subjectId };
}

/**
 * What stays of a ballot taken back in a poll that does not allow changing a vote: no answer,
 * no counters, only that this voter has voted (so taking back is no way to vote again).
 */
export const RETRACTED_BALLOT = "-";

/** Stored ballots as a list: taken-back marks are not ballots. */
export function decodeBallots(encoded: readonly string[]): StoredBallot[] {
  return encoded.filter((json) => json !== RETRACTED_BALLOT).map((json) => JSON.parse(json) as StoredBallot);
}

/**
 * A fixed rate window at `now` (both stores, and their scripts): its index, how much of the
 * previous window a sliding window of the same length still covers, and when this window's
 * counter expires (the end of the next window, where it serves as the previous one). The count
 * of the last `windowMs` is estimated as this window's count + floor(previous × covered).
 */
export function rateWindowOf(now: number, windowMs: number) {
  const index = Math.floor(now / windowMs);
  return { index, covered: 1 - (now % windowMs) / windowMs, expiresAt: (index + 2) * windowMs };
}

export function slidingCount(count: number, previous: number, covered: number): number {
  return count + Math.floor(previous * covered);
}

/** The stored form of a ballot, identical in both stores so a re-sent equal ballot compares equal. */
export function encodeBallot(ballot: StoredBallot): string {
  return JSON.stringify({ roomId: ballot.roomId, ballot: ballot.ballot, counters: ballot.counters });
}

/** Bytes a base64 string decodes to. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length * 3) / 4 - padding;
}

/** Snapshots oldest first, the same in both stores. */
export function bySnapshotTime(a: SnapshotView, b: SnapshotView): number {
  return a.takenAt - b.takenAt || (a.snapshotId < b.snapshotId ? -1 : 1);
}

/** Notes access in document order, the same in both stores. */
export function byDoc(a: NoteAccess, b: NoteAccess): number {
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
}

/** Polls oldest first; the id breaks ties so both stores list them in one order. */
export function byCreation(a: PollView, b: PollView): number {
  return a.createdAt - b.createdAt || (a.pollId < b.pollId ? -1 : a.pollId > b.pollId ? 1 : 0);
}
