import { randomInt } from "node:crypto";
import type { HelpId, ProgrammeSessionId, RoomId, RoundId } from "../../shared/ids.js";
import type { PollId } from "../../shared/poll.js";
import type { QuestionId } from "../../shared/qna.js";
import type { SupportRequestId } from "../../shared/support.js";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function random(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export const newRoundId = (): RoundId => `r${random(11)}`;
export const newRoomId = (): RoomId => `m${random(11)}`;
export const newHelpId = (): HelpId => `h${random(11)}`;
export const newPollId = (): PollId => `o${random(11)}`;
export const newQuestionId = (): QuestionId => `q${random(11)}`;
export const newBroadcastId = (): string => `b${random(11)}`;
/** A random word a call link template is filled in with (server/domain/calls.ts). */
export const newCallSlug = (): string => random(8);
export const newSupportRequestId = (): SupportRequestId => `s${random(11)}`;
export const newProgrammeSessionId = (): ProgrammeSessionId => `e${random(11)}`;
