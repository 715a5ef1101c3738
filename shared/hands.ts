import { z } from "zod";
import { ParticipantIdSchema } from "./ids.js";

/**
 * Hands and reactions in the plenary. A raised hand is a place in one ordered speaker queue per
 * workshop (the order of raising, exact across nodes); facilitators see it with names and call
 * from it. Participants see only their own place and how many wait: never who else does.
 */

/** waiting: in line; called: a facilitator invited them to speak (on the video platform). */
export const HandStatusSchema = z.enum(["waiting", "called"]);
export type HandStatus = z.infer<typeof HandStatusSchema>;

/** One's own hand: its status and, while it waits, its place in line (1 = next). */
export const MyHandSchema = z.object({
  status: HandStatusSchema,
  position: z.number().int().positive().nullable(),
});
export type MyHand = z.infer<typeof MyHandSchema>;

/** One hand as facilitators see it (they see everyone). */
export const HandEntrySchema = z.object({
  participantId: ParticipantIdSchema,
  displayName: z.string(),
  status: HandStatusSchema,
});
export type HandEntry = z.infer<typeof HandEntrySchema>;

/**
 * The speaker queue as one viewer may see it. `version` grows with every change of the queue:
 * a client keeps the view with the highest version (a push and an answer that cross are harmless).
 */
export const HandsViewSchema = z.object({
  version: z.number().int().nonnegative(),
  /** How many hands wait (not counting those already called). */
  waiting: z.number().int().nonnegative(),
  mine: MyHandSchema.nullable(),
  /** Facilitators only: called hands (in the order called), then waiting ones in the order raised. */
  queue: z.array(HandEntrySchema).nullable(),
});
export type HandsView = z.infer<typeof HandsViewSchema>;

/** What a hands command answers: the queue's version after it, and the hand it acted on. */
export const HandChangeSchema = z.object({
  version: z.number().int().nonnegative(),
  participantId: ParticipantIdSchema,
  hand: MyHandSchema.nullable(),
});
export type HandChange = z.infer<typeof HandChangeSchema>;

/**
 * THE reactions, in their wire order (a burst is one count per kind, in this order). A small
 * fixed set: nothing to type, nothing that could carry a message.
 */
export const REACTION_KINDS = ["applause", "heart", "laugh", "thumbsUp", "agree"] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export const ReactionKindSchema = z.enum(REACTION_KINDS);

/** What the browser shows for each reaction (its accessible name is in the catalog). */
export const REACTION_SYMBOLS = {
  applause: "👏",
  heart: "❤️",
  laugh: "😄",
  thumbsUp: "👍",
  agree: "✊",
} as const satisfies Record<ReactionKind, string>;

/** Counts of reactions, one per kind in REACTION_KINDS order: who reacted is never known past the first node. */
export const ReactionCountsSchema = z.array(z.number().int().nonnegative()).length(REACTION_KINDS.length);
export type ReactionCounts = z.infer<typeof ReactionCountsSchema>;

export function noReactions(): number[] {
  return REACTION_KINDS.map(() => 0);
}

export function addCounts(into: number[], counts: readonly number[]): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (counts[i] ?? 0);
}

export function totalOf(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}
