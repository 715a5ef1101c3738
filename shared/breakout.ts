import { z } from "zod";
import { ContentNoteSchema } from "./contentNote.js";
import { HelpIdSchema, ParticipantIdSchema, ProgrammeSessionIdSchema, RoomIdSchema, RoundIdSchema } from "./ids.js";
import { PollViewSchema } from "./poll.js";
import { freeText, nameText } from "./text.js";

/** Rooms in one round: 10,000 people in rooms of 20 (a plan of that many short names fits in MAX_MESSAGE_BYTES). */
export const MAX_ROOMS = 500;
export const ROOM_NAME_MAX = 60;
export const ROOM_TOPIC_MAX = 500;
export const BROADCAST_MAX = 280;
export const HELP_TEXT_MAX = 200;
export const DEFAULT_WARNING_SECONDS = 60;

/** planned -> open -> closing (visible countdown) -> closed. */
export const RoundStatusSchema = z.enum(["planned", "open", "closing", "closed"]);
export type RoundStatus = z.infer<typeof RoundStatusSchema>;

export const RoomViewSchema = z.object({
  roomId: RoomIdSchema,
  name: z.string(),
  topic: z.string(),
  /** null: no limit. A hard limit on every node, also under a rush of self-select picks. */
  capacity: z.number().int().positive().nullable(),
  /** The participant who runs this room's polls and Q&A moderation. */
  leadId: ParticipantIdSchema.nullable(),
  /** Closed early: its people went back to the plenary and nobody can pick it. */
  closed: z.boolean(),
  /** Shown before the room's contents (shared/contentNote.ts); absent: none. */
  contentNote: z.string().optional(),
  /** Under a private roster, its people see each other's names while the round runs; absent: they do not. */
  namesVisible: z.boolean().optional(),
});
export type RoomView = z.infer<typeof RoomViewSchema>;

export const RoundViewSchema = z.object({
  roundId: RoundIdSchema,
  /** 1, 2, ... in the order rounds were planned. */
  number: z.number().int().positive(),
  status: RoundStatusSchema,
  rooms: z.array(RoomViewSchema),
  durationSeconds: z.number().int().positive(),
  warningSeconds: z.number().int().nonnegative(),
  /** Server clock (ms) when the round ends; set once open. Clients correct by session:ready's serverTime. */
  endsAt: z.number().int().nullable(),
  selfSelect: z.boolean(),
  createdAt: z.number().int(),
  /** The programme session the round belongs to (the report groups it there); absent: none. */
  sessionId: ProgrammeSessionIdSchema.optional(),
});
export type RoundView = z.infer<typeof RoundViewSchema>;

/** What `breakout:roundStatus` carries: the fields of a round that move with its clock. */
export const RoundStatusFieldsSchema = RoundViewSchema.pick({
  roundId: true,
  status: true,
  durationSeconds: true,
  warningSeconds: true,
  endsAt: true,
});
export type RoundStatusFields = z.infer<typeof RoundStatusFieldsSchema>;

/** The round with its status and clock moved (`breakout:roundStatus`); another round's change leaves it as it is. */
export function withRoundStatus<R extends RoundView | null>(round: R, change: RoundStatusFields): R {
  if (round === null || round.roundId !== change.roundId) return round;
  // Field by field: the change may be the event itself, whose `v` and `type` are not the round's.
  const { status, durationSeconds, warningSeconds, endsAt } = change;
  return { ...round, status, durationSeconds, warningSeconds, endsAt };
}

/** People are in their rooms while a round is open or closing (its countdown); else in the plenary. */
export function isRoundRunning(round: Pick<RoundView, "status"> | null | undefined): boolean {
  return round?.status === "open" || round?.status === "closing";
}

/** Whether a room of the round lets its people see each other's names (under a private roster). */
export function roomShowsNames(round: Pick<RoundView, "rooms"> | null | undefined, roomId: string | null): boolean {
  if (!round || roomId === null) return false;
  return round.rooms.some((room) => room.roomId === roomId && room.namesVisible === true);
}

/** Head-count per room of one round (people placed in each room), sent outside the log: the latest wins. */
export const RoundCountsSchema = z.object({ roundId: RoundIdSchema, counts: z.record(z.string(), z.number().int()) });
export type RoundCounts = z.infer<typeof RoundCountsSchema>;

export const HelpStatusSchema = z.enum(["open", "taken", "resolved"]);
/** A call for help. Who asked is not stored: the room matters, not the person. */
export const HelpViewSchema = z.object({
  helpId: HelpIdSchema,
  roundId: RoundIdSchema,
  roomId: RoomIdSchema,
  text: z.string(),
  status: HelpStatusSchema,
  createdAt: z.number().int(),
  takenBy: ParticipantIdSchema.nullable(),
  updatedAt: z.number().int(),
});
export type HelpView = z.infer<typeof HelpViewSchema>;

export const BroadcastViewSchema = z.object({
  roundId: RoundIdSchema,
  /** null: every room (and the plenary). */
  roomId: RoomIdSchema.nullable(),
  text: z.string(),
  sentAt: z.number().int(),
});
export type BroadcastView = z.infer<typeof BroadcastViewSchema>;

/** Tags people carry for grouping (language, region...). Keys and values are short words. */
export const TagsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/), z.string().trim().min(1).max(40))
  .refine((tags) => Object.keys(tags).length <= 5, { message: "at most 5 tags" });
export type Tags = z.infer<typeof TagsSchema>;

export const RoomPlanSchema = z.strictObject({
  name: nameText(ROOM_NAME_MAX),
  topic: freeText(ROOM_TOPIC_MAX).optional(),
  capacity: z.number().int().min(1).max(1000).nullable().optional(),
  contentNote: ContentNoteSchema.optional(),
  /** The room's people see each other's names (default false: only a head-count). */
  namesVisible: z.boolean().optional(),
});

export const PlanRoundPayloadSchema = z.strictObject({
  rooms: z.array(RoomPlanSchema).min(1).max(MAX_ROOMS),
  durationSeconds: z
    .number()
    .int()
    .min(60)
    .max(8 * 3600),
  warningSeconds: z.number().int().min(0).max(600).optional(),
  selfSelect: z.boolean().optional(),
  /** Copy the groups of an earlier round (room by room, in order). */
  reuseGroupsFrom: RoundIdSchema.optional(),
  /** The programme session the round belongs to. */
  sessionId: ProgrammeSessionIdSchema.optional(),
});

export const AssignConstraintsSchema = z.strictObject({
  groupByTag: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,19}$/)
    .optional(),
  keepTogether: z
    .array(z.tuple([ParticipantIdSchema, ParticipantIdSchema]))
    .max(1000)
    .optional(),
  keepApart: z
    .array(z.tuple([ParticipantIdSchema, ParticipantIdSchema]))
    .max(1000)
    .optional(),
  leadPerRoom: z.boolean().optional(),
});
export type AssignConstraints = z.infer<typeof AssignConstraintsSchema>;

export const UnmetConstraintSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("capacity"), participantIds: z.array(z.string()) }),
  z.object({ kind: z.literal("keepTogether"), participantIds: z.tuple([z.string(), z.string()]), reason: z.string() }),
  z.object({ kind: z.literal("keepApart"), participantIds: z.tuple([z.string(), z.string()]), reason: z.string() }),
  z.object({ kind: z.literal("groupByTag"), tag: z.string(), value: z.string(), reason: z.string() }),
  z.object({ kind: z.literal("leadPerRoom"), roomIds: z.array(z.string()) }),
]);

export const AssignResultSchema = z.object({
  moved: z.number().int(),
  unassigned: z.array(ParticipantIdSchema),
  unmet: z.array(UnmetConstraintSchema),
});

export const PreassignResultSchema = z.object({
  moved: z.number().int(),
  unmatched: z.array(
    z.object({
      line: z.number().int(),
      text: z.string(),
      reason: z.enum(["unknown person", "unknown room", "ambiguous person", "malformed", "room full"]),
    }),
  ),
});

/** One room's people, help requests and banners: what someone who just arrived in it needs. */
export const RoomStateViewSchema = z.object({
  roundId: RoundIdSchema,
  roomId: RoomIdSchema,
  assignments: z.record(z.string(), RoomIdSchema),
  helps: z.array(HelpViewSchema),
  broadcasts: z.array(BroadcastViewSchema),
  /** The room's own polls (not drafts): they were not the viewer's to see before they came in. */
  polls: z.array(PollViewSchema),
});
export type RoomStateView = z.infer<typeof RoomStateViewSchema>;

/** Who is in which room of the current round, as far as the viewer may see. */
export const BreakoutStateSchema = z.object({
  round: RoundViewSchema.nullable(),
  /** participantId -> roomId; participants see their own room's people only, facilitators everyone. */
  assignments: z.record(z.string(), RoomIdSchema),
  /** roomId -> head-count: every room's for staff and in a self-select round (free seats), else the viewer's own room's (`countsFor`). */
  counts: z.record(z.string(), z.number().int()),
  helps: z.array(HelpViewSchema),
  broadcasts: z.array(BroadcastViewSchema),
  tags: z.record(z.string(), TagsSchema),
});
export type BreakoutState = z.infer<typeof BreakoutStateSchema>;
