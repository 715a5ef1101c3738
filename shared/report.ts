import { z } from "zod";
import { RoundStatusSchema } from "./breakout.js";
import { type ChatChannelId, ChatChannelIdSchema } from "./chat.js";
import { ProgrammeSessionIdSchema, RoomIdSchema, RoundIdSchema, WorkshopIdSchema } from "./ids.js";
import { LANGUAGE_TAGS } from "./languages.js";
import { OUTCOME_KINDS } from "./outcomes.js";
import {
  PollIdSchema,
  PollKindSchema,
  PollOptionSchema,
  PollResultsSchema,
  PollResultsVisibilitySchema,
} from "./poll.js";
import { ProgrammeSessionViewSchema } from "./programme.js";

/**
 * The outcome report: ONE model (this schema) built from a snapshot of the workshop; Markdown,
 * HTML, JSON and CSV are all rendered from it (server/domain/report/). Bump REPORT_SCHEMA_VERSION
 * when a field changes meaning or goes away; adding an optional field does not.
 */
export const REPORT_SCHEMA_VERSION = 1;

export const ReportFormatSchema = z.enum(["md", "html", "json", "csv"]);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/**
 * "none" (the default, Chatham House): no participant's name anywhere in the report.
 * "attributed": named questions whose author was told names may be credited, and the
 * note-takers, are named; only when a facilitator enabled it for the workshop. Anonymous
 * items never carry a name, in any mode.
 */
export const AttributionSchema = z.enum(["none", "attributed"]);
export type Attribution = z.infer<typeof AttributionSchema>;

export const ReportScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("workshop") }),
  z.object({ kind: z.literal("round"), roundId: RoundIdSchema }),
  z.object({ kind: z.literal("room"), roomId: RoomIdSchema }),
]);
export type ReportScope = z.infer<typeof ReportScopeSchema>;

/** The `scope` query parameter: `workshop`, `round:<roundId>` or `room:<roomId>`. */
export const ReportScopeParamSchema = z
  .string()
  .max(64)
  .transform((text, ctx): ReportScope => {
    const [kind, id] = text.split(":", 2);
    const parsed =
      kind === "workshop" && id === undefined
        ? ReportScopeSchema.safeParse({ kind })
        : kind === "round"
          ? ReportScopeSchema.safeParse({ kind, roundId: id })
          : kind === "room"
            ? ReportScopeSchema.safeParse({ kind, roomId: id })
            : null;
    if (!parsed?.success) {
      ctx.addIssue({ code: "custom", message: "scope is workshop, round:<roundId> or room:<roomId>" });
      return z.NEVER;
    }
    return parsed.data;
  });

export function reportScopeParam(scope: ReportScope): string {
  switch (scope.kind) {
    case "workshop":
      return "workshop";
    case "round":
      return `round:${scope.roundId}`;
    case "room":
      return `room:${scope.roomId}`;
  }
}

/** True for a time zone this runtime knows (IANA names such as "Asia/Bangkok", and "UTC"). */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The time zone a report writes its dates and times in (the model itself keeps epoch ms). A forum
 * spans many zones: the browser asks for its own, so the note-taker reads their local times; the
 * default is UTC, so a report fetched by a script reads the same wherever it runs.
 */
export const TimeZoneSchema = z.string().min(1).max(64).refine(isKnownTimeZone, "unknown time zone");

/** Most chat channels one report includes (a plenary and every room of a large forum). */
export const REPORT_CHAT_CHANNELS_MAX = 300;

/**
 * The `chat` query parameter: the channels whose chat a facilitator includes in the report,
 * comma-separated (`plenary`, room ids), in any order; the same channel twice is once. Absent:
 * no chat at all (the default; chat is people talking, not the record of the forum).
 */
export const ReportChatParamSchema = z
  .string()
  .max(REPORT_CHAT_CHANNELS_MAX * 14)
  .transform((text, ctx): ChatChannelId[] => {
    const channels: ChatChannelId[] = [];
    for (const part of text.split(",")) {
      const parsed = ChatChannelIdSchema.safeParse(part);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: "chat is a comma-separated list of plenary and room ids" });
        return z.NEVER;
      }
      if (!channels.includes(parsed.data)) channels.push(parsed.data);
    }
    if (channels.length > REPORT_CHAT_CHANNELS_MAX) {
      ctx.addIssue({ code: "custom", message: `at most ${REPORT_CHAT_CHANNELS_MAX} chat channels` });
      return z.NEVER;
    }
    return channels;
  });

export function reportChatParam(channels: readonly ChatChannelId[]): string {
  return channels.join(",");
}

/** A language the interface and the report speak (shared/languages.ts). */
export const LanguageTagSchema = z.enum(LANGUAGE_TAGS);

export const ReportQuerySchema = z.object({
  format: ReportFormatSchema.default("md"),
  scope: ReportScopeParamSchema.prefault("workshop"),
  attribution: AttributionSchema.default("none"),
  timeZone: TimeZoneSchema.default("UTC"),
  /**
   * The language the report writes its own words, numbers and dates in (the client asks for its
   * own); what people typed stays as written, and the JSON is the same in every language.
   */
  lang: LanguageTagSchema.default("en"),
  /** Chat channels a facilitator includes (facilitators only); absent: no chat in the report. */
  chat: ReportChatParamSchema.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export const ReportOutcomeSchema = z.object({
  kind: z.enum(OUTCOME_KINDS),
  text: z.string(),
  owner: z.string().nullable(),
  /** YYYY-MM-DD as written. */
  due: z.string().nullable(),
});
export type ReportOutcome = z.infer<typeof ReportOutcomeSchema>;

export const ReportPollSchema = z.object({
  pollId: PollIdSchema,
  question: z.string(),
  kind: PollKindSchema,
  status: z.enum(["open", "closed"]),
  anonymous: z.boolean(),
  resultsVisibility: PollResultsVisibilitySchema,
  /** Choice and ranking polls; empty otherwise. */
  options: z.array(PollOptionSchema),
  /** Rating polls: 5 or 10, with the labels of both ends. */
  scale: z
    .object({ max: z.number().int(), lowLabel: z.string().nullable(), highLabel: z.string().nullable() })
    .nullable(),
  /**
   * The counters as one atomic read found them. Open-text polls carry the word cloud only:
   * the answers as written are facilitators' material in the live room too.
   */
  results: PollResultsSchema,
  /** Every-room polls: the rooms of `results.byRoom`, in the round's order. */
  rooms: z.array(z.object({ roomId: RoomIdSchema, name: z.string() })),
});
export type ReportPoll = z.infer<typeof ReportPollSchema>;

export const ReportQuestionSchema = z.object({
  seq: z.number().int(),
  text: z.string(),
  status: z.enum(["approved", "answered"]),
  votes: z.number().int().nonnegative(),
  reply: z.string().nullable(),
  edited: z.boolean(),
  /** Attributed reports only, named questions whose author was told they may be credited. */
  author: z.string().nullable(),
});
export type ReportQuestion = z.infer<typeof ReportQuestionSchema>;

/**
 * One chat message in a report: when and what, never who. No author label, not even the one
 * readers saw live: the report names no one. A hidden message keeps its place and time only
 * (`text` null), without the moderator's reason, which may describe a person.
 */
export const ReportChatMessageSchema = z.object({
  seq: z.number().int().positive(),
  /** The minute it was sent (server clock, ms). */
  at: z.number().int(),
  /** null: hidden by a moderator. */
  text: z.string().nullable(),
});
export type ReportChatMessage = z.infer<typeof ReportChatMessageSchema>;

/** What one place (the plenary or a room) produced. */
export const ReportSectionSchema = z.object({
  /** The notes' Markdown without the sections marked "not for export". */
  notes: z.string(),
  outcomes: z.array(ReportOutcomeSchema),
  polls: z.array(ReportPollSchema),
  questions: z.array(ReportQuestionSchema),
  /**
   * Only when a facilitator included this place's chat (the `chat` parameter): the messages
   * kept, oldest first. Absent otherwise: a report without chat is what it always was.
   */
  chat: z.array(ReportChatMessageSchema).optional(),
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const ReportRoomSchema = ReportSectionSchema.extend({
  roomId: RoomIdSchema,
  name: z.string(),
  topic: z.string(),
  /** People assigned to the room when the report was taken (0 for a room closed early). */
  participants: z.number().int().nonnegative(),
  closedEarly: z.boolean(),
});
export type ReportRoom = z.infer<typeof ReportRoomSchema>;

export const ReportRoundSchema = z.object({
  roundId: RoundIdSchema,
  number: z.number().int().positive(),
  status: RoundStatusSchema,
  /** Server clock (ms) the round ended or ends; null if it never opened. */
  endsAt: z.number().int().nullable(),
  /** People assigned to any of its rooms when the report was taken. */
  participants: z.number().int().nonnegative(),
  rooms: z.array(ReportRoomSchema),
  /** The round's every-room polls (results per room and combined). */
  polls: z.array(ReportPollSchema),
  /** The programme session the round belongs to (one of the report's `programme`); absent: none. */
  sessionId: ProgrammeSessionIdSchema.optional(),
});
export type ReportRound = z.infer<typeof ReportRoundSchema>;

/**
 * One session of the programme as the report tells it: when, what, who spoke (names as the
 * facilitator typed them, shown as given), and its own polls and Q&A board. Its rounds are the
 * report's rounds that carry its `sessionId`.
 */
export const ReportSessionSchema = ProgrammeSessionViewSchema.omit({ position: true, contentNote: true }).extend({
  contentNote: z.string().nullable(),
  polls: z.array(ReportPollSchema),
  questions: z.array(ReportQuestionSchema),
});
export type ReportSession = z.infer<typeof ReportSessionSchema>;

/** Decisions, actions and recommendations of one place, for the "Key outcomes" section. */
export const ReportOutcomeGroupSchema = z.object({
  /** null: the plenary. */
  roundNumber: z.number().int().nullable(),
  roomName: z.string().nullable(),
  outcomes: z.array(ReportOutcomeSchema),
});
export type ReportOutcomeGroup = z.infer<typeof ReportOutcomeGroupSchema>;

export const ReportSchema = z.object({
  report: z.literal("workshop-outcomes"),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  /** The only field that differs between two reports of the same state (server clock, ms). */
  generatedAt: z.number().int(),
  workshop: z.object({
    workshopId: WorkshopIdSchema,
    title: z.string(),
    status: z.enum(["active", "ended"]),
    /** Server clock (ms). */
    createdAt: z.number().int(),
  }),
  scope: ReportScopeSchema,
  attribution: AttributionSchema,
  /** The zone the renderings write dates and times in (IANA name). */
  timeZone: TimeZoneSchema,
  /** Head counts; never names. Removed people are not counted. */
  participation: z.object({
    total: z.number().int().nonnegative(),
    facilitators: z.number().int().nonnegative(),
    noteTakers: z.number().int().nonnegative(),
    participants: z.number().int().nonnegative(),
  }),
  /** Attributed reports: the note-takers' display names, sorted; empty otherwise. */
  noteTakers: z.array(z.string()),
  /** Workshop scope only. */
  plenary: ReportSectionSchema.nullable(),
  /**
   * Workshop scope of a workshop with a programme: its sessions in order (their rounds are in
   * `rounds`, with their `sessionId`). Absent without a programme: the report is what it was.
   */
  programme: z.array(ReportSessionSchema).optional(),
  rounds: z.array(ReportRoundSchema),
  keyOutcomes: z.array(ReportOutcomeGroupSchema),
  /**
   * The chat channels a facilitator chose to include, in the report's order (the plenary, then
   * rooms as they appear); every rendering says so in its header. Absent: no chat.
   */
  chatIncluded: z.array(ChatChannelIdSchema).optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/** A workshop's report setting, as facilitators set it and everyone sees it (consent is visible). */
export const ReportSettingsSchema = z.object({ attribution: AttributionSchema });

/**
 * What a report can cover, without its content: the rounds of the workshop scope and their rooms,
 * in the report's order. The scope picker needs only this; the whole model carries every room's
 * notes (megabytes in a forum of a hundred rooms, on a phone).
 */
export const ReportOutlineSchema = z.object({
  rounds: z.array(
    z.object({
      roundId: RoundIdSchema,
      number: z.number().int().positive(),
      rooms: z.array(z.object({ roomId: RoomIdSchema, name: z.string() })),
    }),
  ),
});
export type ReportOutline = z.infer<typeof ReportOutlineSchema>;
