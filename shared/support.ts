import { z } from "zod";
import { ParticipantIdSchema } from "./ids.js";
import { freeText } from "./text.js";

/**
 * Private support: a person asks the workshop's safeguarding leads for support, and a lead and
 * the person talk in the app. None of it is in the workshop's event log, a report, an export
 * or a log line: it reaches the person and the leads only (docs/SECURITY.md).
 */

export const SupportRequestIdSchema = z.string().regex(/^s[a-z0-9]{11}$/);
export type SupportRequestId = z.infer<typeof SupportRequestIdSchema>;

/** How the person wants to be reached: a conversation in the app, or a lead checking on them in their room. */
export const SupportContactSchema = z.enum(["app", "room"]);
export type SupportContact = z.infer<typeof SupportContactSchema>;

export const SUPPORT_NOTE_MAX = 300;
export const SUPPORT_MESSAGE_MAX = 500;
/** Messages one conversation keeps (the oldest go first): bounded like every stored list. */
export const SUPPORT_MESSAGES_KEPT = 200;

export const SupportNoteSchema = freeText(SUPPORT_NOTE_MAX);
export const SupportMessageTextSchema = freeText(SUPPORT_MESSAGE_MAX).refine((text) => text.length > 0, {
  message: "must not be empty",
});

/** waiting: no lead has taken it yet; taken: a lead is with the person; closed: either of them ended it. */
export const SupportStatusSchema = z.enum(["waiting", "taken", "closed"]);
export type SupportStatus = z.infer<typeof SupportStatusSchema>;

export const SupportSideSchema = z.enum(["person", "lead"]);
export type SupportSide = z.infer<typeof SupportSideSchema>;

export const SupportMessageSchema = z.object({ from: SupportSideSchema, text: z.string(), at: z.number().int() });
export type SupportMessage = z.infer<typeof SupportMessageSchema>;

const SomeoneSchema = z.object({ participantId: ParticipantIdSchema, displayName: z.string() });

/** One request as its person and the leads see it (nobody else is ever sent one). */
export const SupportRequestViewSchema = z.object({
  requestId: SupportRequestIdSchema,
  status: SupportStatusSchema,
  contact: SupportContactSchema,
  /** What the person wrote when asking (may be empty). */
  note: z.string(),
  createdAt: z.number().int(),
  /** Who asked: the leads must be able to reach them. */
  person: SomeoneSchema,
  /** The breakout room they were in when they asked (its name), null in the plenary. */
  where: z.string().nullable(),
  /** The lead who took it, once taken. */
  lead: SomeoneSchema.nullable(),
  takenAt: z.number().int().nullable(),
  messages: z.array(SupportMessageSchema),
  closedBy: SupportSideSchema.nullable(),
  /** Bumped on every change: a client keeps the highest it has seen of each request. */
  rev: z.number().int().nonnegative(),
});
export type SupportRequestView = z.infer<typeof SupportRequestViewSchema>;

/** Open requests, for facilitators when the workshop lets them see that much: never who. */
export const SupportCountSchema = z.object({ waiting: z.number().int(), taken: z.number().int() });
export type SupportCount = z.infer<typeof SupportCountSchema>;

export const SupportSettingsSchema = z.object({
  /** Facilitators see how many requests are open (a count, never who). Off by default. */
  countToFacilitators: z.boolean(),
});
export type SupportSettings = z.infer<typeof SupportSettingsSchema>;
export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = { countToFacilitators: false };

/** What `support:list` answers: the requests the asker may see, and the count when they get only that. */
export const SupportListSchema = z.object({
  requests: z.array(SupportRequestViewSchema),
  count: SupportCountSchema.nullable(),
  settings: SupportSettingsSchema,
});
export type SupportList = z.infer<typeof SupportListSchema>;

export function isOpen(request: Pick<SupportRequestView, "status">): boolean {
  return request.status !== "closed";
}

export function countOpen(requests: readonly Pick<SupportRequestView, "status">[]): SupportCount {
  let waiting = 0;
  let taken = 0;
  for (const request of requests) {
    if (request.status === "waiting") waiting++;
    else if (request.status === "taken") taken++;
  }
  return { waiting, taken };
}
