import type { RoomId, RoundId } from "../../../shared/ids.js";
import { newCommandId } from "./commands.js";
import { runCommand } from "./session.js";

/** Call links (facilitators): the plenary's, the rooms' template, a link pasted for one room; null removes it. */

export function setPlenaryCall(url: string | null) {
  return runCommand("call:setPlenary", { commandId: newCommandId(), url });
}

export function setCallTemplate(template: string | null) {
  return runCommand("call:setTemplate", { commandId: newCommandId(), template });
}

export function setRoomCall(roundId: RoundId, roomId: RoomId, url: string | null) {
  return runCommand("call:setRoom", { commandId: newCommandId(), roundId, roomId, url });
}
