import { z } from "zod";
import { ContentNoteSchema } from "./contentNote.js";
import { ParticipantIdSchema, ProgrammeSessionIdSchema, RoomIdSchema, RoundIdSchema } from "./ids.js";
import { freeText, nameText } from "./text.js";

export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_LABEL_MAX = 120;
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 20;
/** Open-text answers are short: a word cloud, not an essay box. */
export const POLL_TEXT_MAX = 200;
export const POLL_RATING_LABEL_MAX = 60;
export const POLL_AUTO_CLOSE_MIN_SECONDS = 10;
export const POLL_AUTO_CLOSE_MAX_SECONDS = 24 * 3600;

export const PollIdSchema = z.string().regex(/^o[a-z0-9]{11}$/);
export type PollId = z.infer<typeof PollIdSchema>;

/** Short and URL/CSV-safe; unique within one poll only. */
export const PollOptionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
export type PollOptionId = z.infer<typeof PollOptionIdSchema>;

export const PollKindSchema = z.enum(["single", "multiple", "rating", "text", "ranking"]);
export type PollKind = z.infer<typeof PollKindSchema>;

/** draft -> open -> closed; a closed poll may be reopened. */
export const PollStatusSchema = z.enum(["draft", "open", "closed"]);
export type PollStatus = z.infer<typeof PollStatusSchema>;

/**
 * Who sees the tally: everyone while open ("live"); each person once they voted, and everyone once
 * closed ("afterVoting": the builder's default, so the first ballots do not steer the rest);
 * everyone once closed; or only facilitators (and the room lead). Managers always see it.
 */
export const PollResultsVisibilitySchema = z.enum(["live", "afterVoting", "afterClose", "facilitatorsOnly"]);
export type PollResultsVisibility = z.infer<typeof PollResultsVisibilitySchema>;

export const PollScopeSchema = z.discriminatedUnion("kind", [
  /** sessionId: the programme session the poll belongs to (the report groups it there); absent: the forum's. */
  z.strictObject({ kind: z.literal("plenary"), sessionId: ProgrammeSessionIdSchema.optional() }),
  z.strictObject({ kind: z.literal("room"), roomId: RoomIdSchema }),
  /** The same poll in every room of a round: results per room and combined. */
  z.strictObject({ kind: z.literal("everyRoom"), roundId: RoundIdSchema }),
]);
export type PollScope = z.infer<typeof PollScopeSchema>;

export const PollOptionSchema = z.strictObject({
  optionId: PollOptionIdSchema,
  label: nameText(POLL_OPTION_LABEL_MAX),
});
export type PollOption = z.infer<typeof PollOptionSchema>;

/** Ids and labels must differ: two identical buttons would split one opinion in two. */
export const PollOptionsSchema = z
  .array(PollOptionSchema)
  .min(POLL_OPTIONS_MIN)
  .max(POLL_OPTIONS_MAX)
  .superRefine((options, ctx) => {
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const [index, option] of options.entries()) {
      if (ids.has(option.optionId)) {
        ctx.addIssue({ code: "custom", path: [index, "optionId"], message: "option ids must be different" });
      }
      const label = option.label.toLocaleLowerCase();
      if (labels.has(label)) {
        ctx.addIssue({ code: "custom", path: [index, "label"], message: "option labels must be different" });
      }
      ids.add(option.optionId);
      labels.add(label);
    }
  });

const pollCommonShape = {
  question: nameText(POLL_QUESTION_MAX),
  /** No ballot of an anonymous poll stores a participant id (invariant 7). */
  anonymous: z.boolean(),
  resultsVisibility: PollResultsVisibilitySchema,
  /** While open, a voter may replace their ballot; the count moves, it never grows. */
  allowVoteChange: z.boolean().default(true),
  scope: PollScopeSchema,
  /** Shown to voters before the question; they may skip the poll, and nobody is told. */
  contentNote: ContentNoteSchema.optional(),
  /** Closes by itself this long after opening; absent: closed by hand. */
  autoCloseSeconds: z.number().int().min(POLL_AUTO_CLOSE_MIN_SECONDS).max(POLL_AUTO_CLOSE_MAX_SECONDS).optional(),
};

export const SinglePollDefinitionSchema = z.strictObject({
  kind: z.literal("single"),
  ...pollCommonShape,
  options: PollOptionsSchema,
});

/** maxSelections absent: up to every option. */
export const MultiplePollDefinitionSchema = z
  .strictObject({
    kind: z.literal("multiple"),
    ...pollCommonShape,
    options: PollOptionsSchema,
    minSelections: z.number().int().min(1).max(POLL_OPTIONS_MAX).default(1),
    maxSelections: z.number().int().min(1).max(POLL_OPTIONS_MAX).optional(),
  })
  .superRefine((poll, ctx) => {
    const max = poll.maxSelections ?? poll.options.length;
    if (max > poll.options.length) {
      ctx.addIssue({ code: "custom", path: ["maxSelections"], message: "more selections than options" });
    }
    if (poll.minSelections > max) {
      ctx.addIssue({ code: "custom", path: ["minSelections"], message: "minSelections exceeds maxSelections" });
    }
  });

/** Values 1..scale; the labels name the two ends ("not at all" ... "completely"). */
export const RatingPollDefinitionSchema = z.strictObject({
  kind: z.literal("rating"),
  ...pollCommonShape,
  scale: z.union([z.literal(5), z.literal(10)]),
  lowLabel: nameText(POLL_RATING_LABEL_MAX).optional(),
  highLabel: nameText(POLL_RATING_LABEL_MAX).optional(),
});

export const TextPollDefinitionSchema = z.strictObject({
  kind: z.literal("text"),
  ...pollCommonShape,
  maxLength: z.number().int().min(1).max(POLL_TEXT_MAX).default(POLL_TEXT_MAX),
});

/** Every voter orders all the options; results by Borda count. */
export const RankingPollDefinitionSchema = z.strictObject({
  kind: z.literal("ranking"),
  ...pollCommonShape,
  options: PollOptionsSchema,
});

export const PollDefinitionSchema = z.discriminatedUnion("kind", [
  SinglePollDefinitionSchema,
  MultiplePollDefinitionSchema,
  RatingPollDefinitionSchema,
  TextPollDefinitionSchema,
  RankingPollDefinitionSchema,
]);
/** As stored and sent: defaults filled in. */
export type PollDefinition = z.infer<typeof PollDefinitionSchema>;
/** As a client may write it (defaults optional). */
export type PollDefinitionInput = z.input<typeof PollDefinitionSchema>;
export type PollDefinitionOf<K extends PollKind> = Extract<PollDefinition, { kind: K }>;
export type ChoicePollDefinition = PollDefinitionOf<"single" | "multiple">;

export const SingleBallotSchema = z.strictObject({ kind: z.literal("single"), optionId: PollOptionIdSchema });
export const MultipleBallotSchema = z.strictObject({
  kind: z.literal("multiple"),
  optionIds: z.array(PollOptionIdSchema).max(POLL_OPTIONS_MAX),
});
export const RatingBallotSchema = z.strictObject({ kind: z.literal("rating"), value: z.number().int().min(1).max(10) });
/** Emptiness and the poll's own maxLength are checked against the definition (validateBallot). */
export const TextBallotSchema = z.strictObject({ kind: z.literal("text"), text: freeText(POLL_TEXT_MAX) });
/** Option ids, first place first. */
export const RankingBallotSchema = z.strictObject({
  kind: z.literal("ranking"),
  order: z.array(PollOptionIdSchema).min(POLL_OPTIONS_MIN).max(POLL_OPTIONS_MAX),
});

/** Carries its kind so a vote parses without knowing the poll; the kind must match the poll's. */
export const BallotSchema = z.discriminatedUnion("kind", [
  SingleBallotSchema,
  MultipleBallotSchema,
  RatingBallotSchema,
  TextBallotSchema,
  RankingBallotSchema,
]);
export type Ballot = z.infer<typeof BallotSchema>;
export type BallotOf<K extends PollKind> = Extract<Ballot, { kind: K }>;
export type SingleBallot = BallotOf<"single">;
export type MultipleBallot = BallotOf<"multiple">;
export type RatingBallot = BallotOf<"rating">;
export type TextBallot = BallotOf<"text">;
export type RankingBallot = BallotOf<"ranking">;

const countSchema = z.number().int().nonnegative();

/** Single and multiple choice. Options in the poll's order; for multiple choice the counts may sum past voters. */
export const ChoiceTallySchema = z.object({
  counts: z.array(z.object({ optionId: PollOptionIdSchema, count: countSchema })),
  voters: countSchema,
});
export type ChoiceTally = z.infer<typeof ChoiceTallySchema>;

export const RatingTallySchema = z.object({
  /** One entry per value 1..scale, in order, zeros included. */
  distribution: z.array(z.object({ value: z.number().int().min(1), count: countSchema })),
  /** Rounded to 2 decimals; null with no voters. */
  mean: z.number().nullable(),
  voters: countSchema,
});
export type RatingTally = z.infer<typeof RatingTallySchema>;

export const RankingTallySchema = z.object({
  /** In the poll's order. */
  options: z.array(
    z.object({
      optionId: PollOptionIdSchema,
      /** Borda: with n options, first place earns n-1 points, last place 0. */
      points: countSchema,
      /** 1 + the number of options with strictly more points: tied options share a rank. */
      rank: z.number().int().min(1),
      /** positions[i]: how many voters put this option in place i+1. */
      positions: z.array(countSchema),
    }),
  ),
  voters: countSchema,
});
export type RankingTally = z.infer<typeof RankingTallySchema>;

export const WordCloudSchema = z.object({
  /** Most frequent first; count = how many answers use the word. */
  words: z.array(z.object({ word: z.string(), count: z.number().int().positive() })),
  /** Every answer as written, for facilitators; null where the viewer may not see them. */
  answers: z.array(z.string()).nullable(),
  voters: countSchema,
});
export type WordCloud = z.infer<typeof WordCloudSchema>;

function pollResultsOf<K extends PollKind, T extends z.ZodType>(kind: K, tally: T) {
  return z.object({
    kind: z.literal(kind),
    /** Every ballot of the poll; for an every-room poll, all rooms together. */
    combined: tally,
    /** Every-room polls only: roomId -> that room's tally. */
    byRoom: z.record(RoomIdSchema, tally).optional(),
  });
}

export const PollResultsSchema = z.discriminatedUnion("kind", [
  pollResultsOf("single", ChoiceTallySchema),
  pollResultsOf("multiple", ChoiceTallySchema),
  pollResultsOf("rating", RatingTallySchema),
  pollResultsOf("text", WordCloudSchema),
  pollResultsOf("ranking", RankingTallySchema),
]);
export type PollResults = z.infer<typeof PollResultsSchema>;
export type PollResultsOf<K extends PollKind> = Extract<PollResults, { kind: K }>;

/** A poll as everyone who may see it sees it. Ballots and results travel separately. */
export const PollViewSchema = z.object({
  pollId: PollIdSchema,
  definition: PollDefinitionSchema,
  status: PollStatusSchema,
  /** Who made it: a facilitator, or the lead of the poll's room. Drafts are theirs and facilitators'. */
  createdBy: ParticipantIdSchema,
  createdAt: z.number().int(),
  /** Server clock (ms) of the last opening; null for a draft. */
  openedAt: z.number().int().nullable(),
  /** When an open poll closes by itself (server clock, ms); null: closed by hand. */
  closesAt: z.number().int().nullable(),
  closedAt: z.number().int().nullable(),
});
export type PollView = z.infer<typeof PollViewSchema>;

/**
 * Live results of one poll, pushed coalesced to those allowed to see them. `tallyVersion`
 * grows with every ballot change; a client keeps the update with the highest one.
 */
export const PollResultsUpdateSchema = z.object({
  pollId: PollIdSchema,
  tallyVersion: z.number().int().nonnegative(),
  results: PollResultsSchema,
});
export type PollResultsUpdate = z.infer<typeof PollResultsUpdateSchema>;

/** Open-text answers as written, for the poll's managers (no author, ever). */
export const PollAnswersSchema = z.object({
  pollId: PollIdSchema,
  answers: z.array(z.object({ roomId: RoomIdSchema.nullable(), text: z.string() })),
});

/** One poll's results as exported (REST `.../polls/:pollId/export?format=json`). No voter appears in it. */
export const PollExportSchema = z.object({
  poll: PollViewSchema.omit({ createdBy: true }),
  results: PollResultsSchema,
  /** Room id -> room name, for the rooms in `results.byRoom` and in `answers`. */
  roomNames: z.record(z.string(), z.string()),
  /** Open-text polls: every answer as written (sorted, no author). */
  answers: z.array(z.object({ roomId: RoomIdSchema.nullable(), text: z.string() })).optional(),
});
export type PollExport = z.infer<typeof PollExportSchema>;
