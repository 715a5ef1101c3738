import { z } from "zod";
import { CommandIdSchema, ParticipantIdSchema } from "./ids.js";
import { type Ack, PROTOCOL_VERSION } from "./protocol.js";
import {
  ParticipantProfileSchema,
  RoleSchema,
  SessionViewSchema,
  SyncResultSchema,
  WorkshopEventSchema,
  WorkshopViewSchema,
} from "./workshop.js";

const write = { commandId: CommandIdSchema };

/**
 * THE table of client commands. Each entry: the payload schema (strict: unknown keys are
 * refused), the result schema, and whether it writes (writes carry a commandId and are
 * applied at most once). Socket.IO event maps, the server's handler registry, the policy
 * table and docs/PROTOCOL.md are all derived from or checked against this table.
 */
export const commands = {
  "workshop:sync": {
    summary: "Get the current state, or only the events after sinceVersion when the server still has them.",
    write: false,
    payload: z.strictObject({ sinceVersion: z.number().int().nonnegative().optional() }),
    result: SyncResultSchema,
  },
  "participant:setRole": {
    summary: "Promote or demote someone (facilitator, note-taker, participant).",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema, role: RoleSchema }),
    result: ParticipantProfileSchema,
  },
  "participant:remove": {
    summary: "Remove someone: their session is revoked on every node at once.",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema }),
    result: z.object({ participantId: ParticipantIdSchema }),
  },
  "session:leave": {
    summary: "Leave the workshop for good (quick exit): the session is revoked and the name leaves the list.",
    write: true,
    payload: z.strictObject({ ...write }),
    result: z.object({}),
  },
  "workshop:end": {
    summary: "End the workshop for everyone.",
    write: true,
    payload: z.strictObject({ ...write }),
    result: WorkshopViewSchema,
  },
} as const;

export type CommandName = keyof typeof commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandPayload<C extends CommandName> = z.input<(typeof commands)[C]["payload"]>;
export type ParsedPayload<C extends CommandName> = z.output<(typeof commands)[C]["payload"]>;
export type CommandResult<C extends CommandName> = z.output<(typeof commands)[C]["result"]>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(commands, name);
}

export const RevokeReasonSchema = z.enum(["removed", "left", "workshop_ended"]);
export type RevokeReason = z.infer<typeof RevokeReasonSchema>;

/** Events the server pushes. Their payloads are schemas too, so tests and the client can check them. */
export const serverEvents = {
  "session:ready": {
    summary: "Sent once per connection: who you are and the state to start from.",
    payload: z.object({ protocol: z.literal(PROTOCOL_VERSION), session: SessionViewSchema, sync: SyncResultSchema }),
  },
  "workshop:events": {
    summary: "Coalesced batch of consecutive workshop facts (fromVersion..toVersion), at most ~10 a second.",
    payload: z.object({
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      events: z.array(WorkshopEventSchema),
    }),
  },
  "session:revoked": {
    summary: "Your session ended (removed, left, or the workshop ended); the server disconnects you next.",
    payload: z.object({ reason: RevokeReasonSchema }),
  },
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]["payload"]>;

/** Socket.IO typed maps, derived from the tables above: no payload type is written twice. */
export type ClientToServerEvents = {
  [C in CommandName]: (payload: CommandPayload<C>, ack: (response: Ack<CommandResult<C>>) => void) => void;
};
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};
