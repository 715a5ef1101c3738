import { z } from "zod";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from "./joinCode.js";

export { formatJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from "./joinCode.js";

export const JoinCodeSchema = z
  .string()
  .max(32)
  .transform(normalizeJoinCode)
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`)));

export const WorkshopIdSchema = z.string().regex(/^w[a-z0-9]{15}$/);
export type WorkshopId = z.infer<typeof WorkshopIdSchema>;

export const ParticipantIdSchema = z.string().regex(/^p[a-z0-9]{15}$/);
export type ParticipantId = z.infer<typeof ParticipantIdSchema>;

export const RoundIdSchema = z.string().regex(/^r[a-z0-9]{11}$/);
export type RoundId = z.infer<typeof RoundIdSchema>;
export const RoomIdSchema = z.string().regex(/^m[a-z0-9]{11}$/);
export type RoomId = z.infer<typeof RoomIdSchema>;
export const HelpIdSchema = z.string().regex(/^h[a-z0-9]{11}$/);
export type HelpId = z.infer<typeof HelpIdSchema>;
/** One session of the forum's programme (a panel, a workshop, a plenary): shared/programme.ts. */
export const ProgrammeSessionIdSchema = z.string().regex(/^e[a-z0-9]{11}$/);
export type ProgrammeSessionId = z.infer<typeof ProgrammeSessionIdSchema>;

/** Client-chosen id of one write command; a retry reuses it so the server applies it once. */
export const CommandIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export type CommandId = z.infer<typeof CommandIdSchema>;

/** `<workshopId>.<secret>`: the prefix routes the lookup to the workshop's keys. */
export const SessionTokenSchema = z.string().regex(/^w[a-z0-9]{15}\.[A-Za-z0-9_-]{32,64}$/);
/** `fk.<workshopId>.<secret>`: long, shown once, stored only as a hash. */
export const FacilitatorKeySchema = z.string().regex(/^fk\.w[a-z0-9]{15}\.[A-Za-z0-9_-]{32,64}$/);

export function workshopIdOfSecret(secret: string): WorkshopId | null {
  const match = /(w[a-z0-9]{15})\./.exec(secret);
  return match?.[1] ?? null;
}
