import type { CommandName } from "../../shared/events.js";
import type { Role } from "../../shared/workshop.js";
import { DomainError } from "./errors.js";
import type { ParticipantRecord, WorkshopRecord } from "./records.js";

interface Rule {
  /** Roles that may run the command at all. */
  roles: readonly Role[];
  /** Whether the command still makes sense once the workshop has ended. */
  allowedWhenEnded: boolean;
}

const everyone = ["facilitator", "note-taker", "participant"] as const;
const facilitators = ["facilitator"] as const;

/** THE policy table: role x action x state. Every command is checked here before it runs. */
export const policy = {
  "workshop:sync": { roles: everyone, allowedWhenEnded: true },
  "participant:setRole": { roles: facilitators, allowedWhenEnded: false },
  "participant:remove": { roles: facilitators, allowedWhenEnded: false },
  "session:leave": { roles: everyone, allowedWhenEnded: true },
  "workshop:end": { roles: facilitators, allowedWhenEnded: false },
} as const satisfies Record<CommandName, Rule>;

/** Throws the refusal the client should see, or returns when the actor may run the command now. */
export function authorize(command: CommandName, actor: ParticipantRecord | null, workshop: WorkshopRecord): void {
  if (actor?.status !== "active") throw new DomainError("SESSION_REVOKED", "your session has ended");
  const rule: Rule = policy[command];
  if (workshop.status === "ended" && !rule.allowedWhenEnded) {
    throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
  }
  if (!rule.roles.includes(actor.role)) throw new DomainError("FORBIDDEN", `a ${actor.role} may not do ${command}`);
}
