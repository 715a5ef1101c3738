import { z } from "zod";
import { ParticipantIdSchema, RoomIdSchema } from "./ids.js";
import { freeText } from "./text.js";

/** The hard ceiling of a question's length; the server's QNA_QUESTION_MAX (default 500) is the working limit. */
export const QUESTION_TEXT_CEILING = 2000;
export const QNA_REPLY_MAX = 500;
export const QNA_DISMISS_REASON_MAX = 200;

export const QuestionIdSchema = z.string().regex(/^q[a-z0-9]{11}$/);
export type QuestionId = z.infer<typeof QuestionIdSchema>;

/** A session's own board: `session:<sessionId>` (shared/programme.ts), used from the plenary like its board. */
export const SessionBoardIdSchema = z.string().regex(/^session:e[a-z0-9]{11}$/);

/** One board in the plenary, one per breakout room (its room id) and one per programme session. */
export const BoardIdSchema = z.union([z.literal("plenary"), RoomIdSchema, SessionBoardIdSchema]);
export type BoardId = z.infer<typeof BoardIdSchema>;

/** Proves authorship of a question without storing who wrote it: only the author's browser has it. */
export const QuestionSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

/** pending (awaiting a moderator) -> approved -> answered; dismissed can be restored. */
export const QuestionStatusSchema = z.enum(["pending", "approved", "answered", "dismissed"]);
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>;

/**
 * A question as viewers see it. An anonymous question has no author fields at all, for
 * moderators too. There is no timestamp: `seq` orders questions within their board.
 */
export const QuestionViewSchema = z.object({
  questionId: QuestionIdSchema,
  boardId: BoardIdSchema,
  /** Order of asking within the board (1, 2, ...): "recent" sorts by it. */
  seq: z.number().int().positive(),
  text: z.string(),
  anonymous: z.boolean(),
  /** Named questions only: the display name when asked. */
  authorName: z.string().nullable(),
  status: QuestionStatusSchema,
  votes: z.number().int().nonnegative(),
  /** The one question of its board being answered now. */
  pinned: z.boolean(),
  reply: z.string().nullable(),
  /** A moderator corrected the text. */
  edited: z.boolean(),
  /** Matched the word list: held for moderation whatever the board's setting (moderators only see it). */
  flagged: z.boolean(),
  /** Shown to the asker (and moderators) when dismissed. */
  dismissReason: z.string().nullable(),
  /** Moderators only, while the question awaits approval: the moderator handling it. Absent: nobody. */
  claimedBy: ParticipantIdSchema.optional(),
});
export type QuestionView = z.infer<typeof QuestionViewSchema>;

export const BoardSettingsSchema = z.object({
  boardId: BoardIdSchema,
  /** New questions wait for a moderator before anyone else sees them. */
  preModeration: z.boolean(),
  /** Longest question accepted (characters). */
  maxLength: z.number().int().positive(),
});
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;

export const BoardViewSchema = z.object({
  settings: BoardSettingsSchema,
  /** The questions the viewer may see. */
  questions: z.array(QuestionViewSchema),
  /** Q&A revision the answer reflects: `qna:changed` with `sinceRev` at or below it continue from here. */
  rev: z.number().int().nonnegative(),
});
export type BoardView = z.infer<typeof BoardViewSchema>;

/**
 * Q&A changes, coalesced (at most ~10 a second per workshop and node). Only questions the
 * receiver may see; `removed`: withdrawn questions, or ones the receiver may no longer see.
 * `reset`: the server cannot say what changed: fetch the boards again.
 */
export const QnaChangedSchema = z.object({
  rev: z.number().int().nonnegative(),
  questions: z.array(QuestionViewSchema),
  removed: z.array(QuestionIdSchema),
  settings: z.array(BoardSettingsSchema),
  reset: z.boolean().optional(),
});
export type QnaChanged = z.infer<typeof QnaChangedSchema>;

/** Question text: trimmed, NFC, no control characters; the length limit is the server's. */
export const QuestionTextSchema = freeText(QUESTION_TEXT_CEILING).refine((text) => text.length > 0, {
  message: "must not be empty",
});

/** A Q&A export (REST `.../qna/export?format=json`): approved and answered questions only, no authors. */
export const QnaExportSchema = z.object({
  boards: z.array(
    z.object({
      boardId: BoardIdSchema,
      /** "Plenary" or the room's name. */
      name: z.string(),
      questions: z.array(
        z.object({
          seq: z.number().int(),
          text: z.string(),
          votes: z.number().int(),
          status: z.enum(["approved", "answered"]),
          reply: z.string().nullable(),
          edited: z.boolean(),
        }),
      ),
    }),
  ),
});
export type QnaExport = z.infer<typeof QnaExportSchema>;
