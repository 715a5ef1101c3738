import type { AssignConstraints, Tags } from "../../../shared/breakout.js";
import type { CommandPayload } from "../../../shared/events.js";
import type { HelpId, ParticipantId, RoomId, RoundId } from "../../../shared/ids.js";
import { newCommandId } from "./commands.js";
import { type RunOptions, runCommand } from "./session.js";

/** The breakout commands, each a write with its own commandId (a retry reuses it). */

type PlanInput = Omit<CommandPayload<"breakout:plan">, "commandId">;

export function planRound(plan: PlanInput) {
  return runCommand("breakout:plan", { ...plan, commandId: newCommandId() });
}

export function assignRooms(roundId: RoundId, constraints: AssignConstraints, reshuffle: boolean) {
  return runCommand("breakout:assign", { commandId: newCommandId(), roundId, constraints, reshuffle });
}

export function moveToRoom(roundId: RoundId, participantIds: ParticipantId[], roomId: RoomId | null) {
  return runCommand("breakout:move", { commandId: newCommandId(), roundId, participantIds, roomId });
}

export function swapRooms(roundId: RoundId, first: ParticipantId, second: ParticipantId) {
  return runCommand("breakout:swap", { commandId: newCommandId(), roundId, participantIds: [first, second] });
}

export function preassign(roundId: RoundId, text: string) {
  return runCommand("breakout:preassign", { commandId: newCommandId(), roundId, text });
}

export function pickRoom(roundId: RoundId, roomId: RoomId, options: RunOptions = {}) {
  return runCommand("breakout:pick", { commandId: newCommandId(), roundId, roomId }, options);
}

export function openRound(roundId: RoundId) {
  return runCommand("breakout:open", { commandId: newCommandId(), roundId });
}

export function extendRound(roundId: RoundId, seconds: number) {
  return runCommand("breakout:extend", { commandId: newCommandId(), roundId, seconds });
}

export function endRound(roundId: RoundId, immediate: boolean) {
  return runCommand("breakout:end", { commandId: newCommandId(), roundId, immediate });
}

export function closeRoom(roundId: RoundId, roomId: RoomId) {
  return runCommand("breakout:closeRoom", { commandId: newCommandId(), roundId, roomId });
}

export function setRoomLead(roundId: RoundId, roomId: RoomId, participantId: ParticipantId | null) {
  return runCommand("breakout:setLead", { commandId: newCommandId(), roundId, roomId, participantId });
}

export function leaveRoom() {
  return runCommand("breakout:leaveRoom", { commandId: newCommandId() });
}

export function visitRoom(roomId: RoomId | null) {
  return runCommand("breakout:visit", { commandId: newCommandId(), roomId });
}

export function broadcast(roomId: RoomId | null, text: string) {
  return runCommand("breakout:broadcast", { commandId: newCommandId(), roomId, text });
}

export function requestHelp(text: string) {
  return runCommand("help:request", text ? { commandId: newCommandId(), text } : { commandId: newCommandId() });
}

export function takeHelp(helpId: HelpId) {
  return runCommand("help:take", { commandId: newCommandId(), helpId });
}

export function resolveHelp(helpId: HelpId) {
  return runCommand("help:resolve", { commandId: newCommandId(), helpId });
}

export function setTags(participantId: ParticipantId, tags: Tags) {
  return runCommand("participant:setTags", { commandId: newCommandId(), participantId, tags });
}
