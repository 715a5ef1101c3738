import { z } from "zod";
import {
  FacilitatorKeySchema,
  JoinCodeSchema,
  ParticipantIdSchema,
  SessionTokenSchema,
  WorkshopIdSchema,
} from "./ids.js";

export const Role = { facilitator: "facilitator", noteTaker: "note-taker", participant: "participant" } as const;
export const RoleSchema = z.enum([Role.facilitator, Role.noteTaker, Role.participant]);
export type Role = z.infer<typeof RoleSchema>;

export const DISPLAY_NAME_MAX = 40;
export const TITLE_MAX = 120;

/**
 * C0/C1 controls, line separators, zero-width space/BOM, and the bidi marks that can
 * disguise a name. Zero-width (non-)joiners U+200C/U+200D stay allowed: Bengali, Nepali
 * and other scripts (and emoji) need them.
 */
const FORBIDDEN_NAME_CHARS = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/u;

/** Free text that names something (a person, a workshop): trimmed, NFC, no control or bidi-override marks. */
function nameText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((raw) => raw.normalize("NFC").trim())
    .refine((text) => !FORBIDDEN_NAME_CHARS.test(text), {
      message: "contains control or direction-override characters",
    })
    .refine((text) => text.length > 0, { message: "must not be empty" })
    .refine((text) => [...text].length <= max, { message: `must be at most ${max} characters` });
}

/** Pseudonyms are welcome: nothing here asks for a real name. */
export const DisplayNameSchema = nameText(DISPLAY_NAME_MAX);
export const WorkshopTitleSchema = nameText(TITLE_MAX);

export const CreateWorkshopRequestSchema = z.strictObject({ title: WorkshopTitleSchema });
export const CreateWorkshopResponseSchema = z.object({
  workshopId: WorkshopIdSchema,
  joinCode: z.string(),
  facilitatorKey: FacilitatorKeySchema,
});
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponseSchema>;

/** Socket.IO handshake `auth`: exactly one of the three ways in. */
export const HandshakeAuthSchema = z.union([
  z.strictObject({ joinCode: JoinCodeSchema, displayName: DisplayNameSchema, protocol: z.number().int().optional() }),
  z.strictObject({
    facilitatorKey: FacilitatorKeySchema,
    displayName: DisplayNameSchema,
    protocol: z.number().int().optional(),
  }),
  z.strictObject({
    sessionToken: SessionTokenSchema,
    /** The last workshop version the client applied: lets the server send only what was missed. */
    sinceVersion: z.number().int().nonnegative().optional(),
    protocol: z.number().int().optional(),
  }),
]);
export type HandshakeAuth = z.input<typeof HandshakeAuthSchema>;

export const WorkshopStatusSchema = z.enum(["active", "ended"]);
export const WorkshopViewSchema = z.object({
  workshopId: WorkshopIdSchema,
  title: z.string(),
  joinCode: z.string(),
  status: WorkshopStatusSchema,
  createdAt: z.number().int(),
});
export type WorkshopView = z.infer<typeof WorkshopViewSchema>;

/** Who someone is in the workshop. Presence (online) travels separately, in its own events. */
export const ParticipantProfileSchema = z.object({
  participantId: ParticipantIdSchema,
  displayName: z.string(),
  role: RoleSchema,
});
export type ParticipantProfile = z.infer<typeof ParticipantProfileSchema>;

export const ParticipantViewSchema = ParticipantProfileSchema.extend({ online: z.boolean() });
export type ParticipantView = z.infer<typeof ParticipantViewSchema>;

/**
 * Facts in the workshop's ordered log. `v` is the workshop version the fact produced:
 * versions are consecutive, so a client that sees v jump knows it missed something.
 */
export const WorkshopEventSchema = z.discriminatedUnion("type", [
  /** Someone joined or changed role; keeps whatever presence the client already knows. */
  z.object({ v: z.number().int(), type: z.literal("participant:upserted"), participant: ParticipantProfileSchema }),
  z.object({
    v: z.number().int(),
    type: z.literal("participant:presence"),
    participantId: ParticipantIdSchema,
    online: z.boolean(),
  }),
  z.object({
    v: z.number().int(),
    type: z.literal("participant:removed"),
    participantId: ParticipantIdSchema,
    reason: z.enum(["removed", "left"]),
  }),
  z.object({ v: z.number().int(), type: z.literal("workshop:updated"), workshop: WorkshopViewSchema }),
]);
export type WorkshopEvent = z.infer<typeof WorkshopEventSchema>;
/** An event before the store has given it its version. */
export type UnversionedEvent = WorkshopEvent extends infer E ? (E extends unknown ? Omit<E, "v"> : never) : never;

export const WorkshopSnapshotSchema = z.object({
  version: z.number().int().nonnegative(),
  workshop: WorkshopViewSchema,
  participants: z.array(ParticipantViewSchema),
});
export type WorkshopSnapshot = z.infer<typeof WorkshopSnapshotSchema>;

/** What a (re)connecting client needs: the full state, or only what it missed when the log still has it. */
export const SyncResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("snapshot"), snapshot: WorkshopSnapshotSchema }),
  z.object({ kind: z.literal("events"), fromVersion: z.number().int(), events: z.array(WorkshopEventSchema) }),
]);
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const SessionViewSchema = z.object({
  workshopId: WorkshopIdSchema,
  participantId: ParticipantIdSchema,
  role: RoleSchema,
  displayName: z.string(),
  /** Kept by the client to resume after a reload or reconnect; never logged. */
  sessionToken: SessionTokenSchema,
});
export type SessionView = z.infer<typeof SessionViewSchema>;
