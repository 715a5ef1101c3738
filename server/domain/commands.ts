import type { RoundView } from "../../shared/breakout.js";
import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import type { Authority } from "./policy.js";
import type { ParticipantRecord, WorkshopRecord } from "./records.js";

/**
 * Who sent a write and under which id: the pair a retry is recognised by. The actor is a person,
 * or a clock ("clock") for what the shared timers do.
 */
export interface CommandRef {
  actorId: ParticipantId | "clock";
  commandId: string;
}

/** Who runs a command: the person (their workshop and id), as the handshake admitted them. */
export interface Actor {
  workshopId: WorkshopId;
  participantId: ParticipantId;
}

/**
 * What an authorized command sees (the command wrapper makes it: defineHandler): the person and
 * the workshop read fresh for this command, and how the policy table let them in. Services check
 * only what the table cannot: which room, whose question.
 */
export interface CommandContext extends Actor {
  actor: ParticipantRecord;
  workshop: WorkshopRecord;
  /** "roomLead": allowed only as the lead of a room; the service checks which. */
  authority: Authority;
  /** The current round when the command's rule lets room leads run it (so a lead's room is known), else null. */
  round: RoundView | null;
}
