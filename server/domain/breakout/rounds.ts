import {
  type BroadcastView,
  DEFAULT_WARNING_SECONDS,
  type HelpView,
  isRoundRunning,
  type RoomView,
  type RoundView,
} from "../../../shared/breakout.js";
import type { ParticipantId, ProgrammeSessionId, RoomId, RoundId } from "../../../shared/ids.js";
import type { UnversionedEvent } from "../../../shared/workshop.js";
import { DomainError } from "../errors.js";

/** Pure rules of a breakout round's life: planned -> open -> closing -> closed. */

export interface RoomPlan {
  roomId: RoomId;
  name: string;
  topic?: string | undefined;
  capacity?: number | null | undefined;
  contentNote?: string | undefined;
  namesVisible?: boolean | undefined;
}

export function planRound(input: {
  roundId: RoundId;
  number: number;
  rooms: RoomPlan[];
  durationSeconds: number;
  warningSeconds?: number | undefined;
  selfSelect?: boolean | undefined;
  /** The programme session the round belongs to (the caller checked it exists). */
  sessionId?: ProgrammeSessionId | undefined;
  now: number;
  current: RoundView | null;
}): RoundView {
  if (input.current && input.current.status !== "closed") {
    throw new DomainError("INVALID_STATE", `round ${input.current.number} is still ${input.current.status}`);
  }
  const names = new Set<string>();
  for (const room of input.rooms) {
    const key = room.name.toLocaleLowerCase();
    if (names.has(key)) throw new DomainError("BAD_REQUEST", "room names must be different");
    names.add(key);
  }
  return {
    roundId: input.roundId,
    number: input.number,
    status: "planned",
    rooms: input.rooms.map(
      (room): RoomView => ({
        roomId: room.roomId,
        name: room.name,
        topic: room.topic ?? "",
        capacity: room.capacity ?? null,
        leadId: null,
        closed: false,
        ...(room.contentNote ? { contentNote: room.contentNote } : {}),
        ...(room.namesVisible ? { namesVisible: true } : {}),
      }),
    ),
    durationSeconds: input.durationSeconds,
    warningSeconds: Math.min(input.warningSeconds ?? DEFAULT_WARNING_SECONDS, input.durationSeconds),
    endsAt: null,
    selfSelect: input.selfSelect ?? false,
    createdAt: input.now,
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
  };
}

export function requireRound(round: RoundView | null): RoundView {
  if (!round) throw new DomainError("NOT_FOUND", "no such round");
  return round;
}

export function requireRoom(round: RoundView, roomId: RoomId): RoomView {
  const room = round.rooms.find((candidate) => candidate.roomId === roomId);
  if (!room) throw new DomainError("NOT_FOUND", "no such room");
  return room;
}

/** Moves into rooms are possible before and during a round, not after. */
export function requireAssignable(round: RoundView): void {
  if (round.status === "closed") throw new DomainError("INVALID_STATE", "the round is closed");
}

/** The shared rule (client and server agree on who is in a room). */
export const isRunning = isRoundRunning;

export function openRound(round: RoundView, now: number): RoundView {
  if (round.status !== "planned") throw new DomainError("INVALID_STATE", `the round is ${round.status}`);
  return { ...round, status: "open", endsAt: now + round.durationSeconds * 1000 };
}

export function extendRound(round: RoundView, seconds: number, now: number): RoundView {
  if (!isRunning(round) || round.endsAt === null)
    throw new DomainError("INVALID_STATE", `the round is ${round.status}`);
  const endsAt = Math.max(round.endsAt, now) + seconds * 1000;
  // More time than the warning lasts takes a closing round back to open.
  const status = endsAt - now > round.warningSeconds * 1000 ? "open" : round.status;
  return { ...round, endsAt, status };
}

/** Ends the round: a visible countdown of warningSeconds, or at once. */
export function endRound(round: RoundView, now: number, immediate: boolean): RoundView {
  if (round.status === "planned") return { ...round, status: "closed", endsAt: now };
  if (!isRunning(round)) throw new DomainError("INVALID_STATE", `the round is ${round.status}`);
  if (immediate || round.warningSeconds === 0) return { ...round, status: "closed", endsAt: now };
  const endsAt = Math.min(round.endsAt ?? Number.POSITIVE_INFINITY, now + round.warningSeconds * 1000);
  return { ...round, status: "closing", endsAt };
}

/**
 * What the round's clock says now: open -> closing when the warning starts, closing ->
 * closed at the end. Returns null when nothing is due (so the caller writes nothing).
 */
export function advanceRound(round: RoundView, now: number): RoundView | null {
  if (!isRunning(round) || round.endsAt === null) return null;
  if (now >= round.endsAt) return { ...round, status: "closed" };
  if (round.status === "open" && now >= round.endsAt - round.warningSeconds * 1000) {
    return { ...round, status: "closing" };
  }
  return null;
}

/** When the round's clock next needs to move, or null when it never will. */
export function nextTransitionAt(round: RoundView): number | null {
  if (!isRunning(round) || round.endsAt === null) return null;
  return round.status === "open" ? round.endsAt - round.warningSeconds * 1000 : round.endsAt;
}

export function closeRoom(round: RoundView, roomId: RoomId): RoundView {
  requireAssignable(round);
  requireRoom(round, roomId);
  return { ...round, rooms: round.rooms.map((room) => (room.roomId === roomId ? { ...room, closed: true } : room)) };
}

export function setLead(round: RoundView, roomId: RoomId, participantId: ParticipantId | null): RoundView {
  requireAssignable(round);
  requireRoom(round, roomId);
  return {
    ...round,
    rooms: round.rooms.map((room) => {
      if (room.roomId === roomId) return { ...room, leadId: participantId };
      // One person leads one room at most.
      return participantId !== null && room.leadId === participantId ? { ...room, leadId: null } : room;
    }),
  };
}

export function roomLedBy(round: RoundView | null, participantId: ParticipantId): RoomId | null {
  return round?.rooms.find((room) => room.leadId === participantId)?.roomId ?? null;
}

/** A room open for people to enter (exists, not closed early). */
export function requireEnterableRoom(round: RoundView, roomId: RoomId): RoomView {
  const room = requireRoom(round, roomId);
  if (room.closed) throw new DomainError("INVALID_STATE", "this room is closed");
  return room;
}

export function newHelp(input: {
  helpId: HelpView["helpId"];
  round: RoundView;
  roomId: RoomId;
  text: string;
  now: number;
}): HelpView {
  if (!isRunning(input.round)) throw new DomainError("INVALID_STATE", "the round is not running");
  return {
    helpId: input.helpId,
    roundId: input.round.roundId,
    roomId: input.roomId,
    text: input.text,
    status: "open",
    createdAt: input.now,
    takenBy: null,
    updatedAt: input.now,
  };
}

export function takeHelp(help: HelpView, by: ParticipantId, now: number): HelpView {
  if (help.status === "resolved") throw new DomainError("INVALID_STATE", "already resolved");
  return { ...help, status: "taken", takenBy: by, updatedAt: now };
}

export function resolveHelp(help: HelpView, by: ParticipantId, now: number): HelpView {
  if (help.status === "resolved") return help;
  return { ...help, status: "resolved", takenBy: help.takenBy ?? by, updatedAt: now };
}

export function newBroadcast(round: RoundView, roomId: RoomId | null, text: string, now: number): BroadcastView {
  if (!isRunning(round)) throw new DomainError("INVALID_STATE", "the round is not running");
  if (roomId) requireRoom(round, roomId);
  return { roundId: round.roundId, roomId, text, sentAt: now };
}

/**
 * The event that tells a change of a round: its status and clock alone when nothing else changed
 * (`breakout:roundStatus`: opening, the countdown, extending, closing), else the whole round
 * (planned, a room closed, a lead set). At 500 rooms a whole round is ~50 KB, written to every
 * connection; a status change is ~100 bytes.
 */
export function roundChangeEvent(before: RoundView, next: RoundView): UnversionedEvent {
  const { roundId, status, durationSeconds, warningSeconds, endsAt } = next;
  if (before.roundId === roundId && JSON.stringify(withoutClock(before)) === JSON.stringify(withoutClock(next))) {
    return { type: "breakout:roundStatus", roundId, status, durationSeconds, warningSeconds, endsAt };
  }
  return { type: "breakout:round", round: next };
}

function withoutClock(round: RoundView): Omit<RoundView, "status" | "durationSeconds" | "warningSeconds" | "endsAt"> {
  const { status: _status, durationSeconds: _duration, warningSeconds: _warning, endsAt: _endsAt, ...rest } = round;
  return rest;
}
