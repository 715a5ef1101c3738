import type { ParticipantId } from "../../shared/ids.js";

/**
 * Who sent a write and under which id: the pair a retry is recognised by. The actor is a person,
 * or a clock ("clock") for what the shared timers do.
 */
export interface CommandRef {
  actorId: ParticipantId | "clock";
  commandId: string;
}
