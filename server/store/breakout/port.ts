import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";

/** One person's move in a round: to a room, or back to the plenary (null). */
export interface RoomMove {
  participantId: ParticipantId;
  roomId: RoomId | null;
  /** The target room's capacity, checked atomically with the move; null = no limit. */
  capacity: number | null;
}

/** Moves of one command in one round. */
export interface MoveRequest {
  roundId: RoundId;
  moves: RoomMove[];
  /** Refuse everything when one move does not fit (a self-select pick, a swap); else apply what fits. */
  allOrNothing: boolean;
  /** The result stored for retries, with "__MOVED__" and "__REFUSED__" filled in. */
  resultTemplate: string;
}

export type MoveOutcome<T> =
  | { status: "applied"; version: number; result: T; moved: number; refused: ParticipantId[] }
  | { status: "duplicate"; result: T }
  /** all-or-nothing moves that did not fit: nothing was applied. */
  | { status: "full"; refused: ParticipantId[] };

/**
 * Breakout rooms: who is in which room of a round (changed only by moves, atomically with
 * capacity and head counts, logged one event per move), and the round, help, banner and tag
 * records (written by the workshop's commit).
 */
export interface BreakoutStore {
  /** Moving someone where they already are changes nothing. At most once per CommandRef. */
  moveParticipants<T>(workshopId: WorkshopId, command: CommandRef, request: MoveRequest): Promise<MoveOutcome<T>>;
  getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null>;
  listRounds(workshopId: WorkshopId): Promise<RoundView[]>;
  getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>>;
  getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null>;
  getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>>;
  /** Who is in one room: read from a per-room set kept by the move script, not the whole round. */
  getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]>;
  listHelps(workshopId: WorkshopId): Promise<HelpView[]>;
  getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null>;
  listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]>;
  getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>>;
}
