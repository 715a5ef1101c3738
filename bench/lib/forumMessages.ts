import { z } from "zod";
import { FatalMessageSchema, ReadyMessageSchema } from "./loaderIpc.js";
import {
  ClientStatsSummarySchema,
  ParticipantShareSchema,
  participantParentMessages,
  TrafficWindowSchema,
  WatchedMessageSchema,
} from "./participantMessages.js";

/**
 * What the forum bench (bench/forum.ts) and its load generators (bench/forumClient.ts) say to
 * each other over the child-process IPC channel, beside what every watched-participant bench
 * says (bench/lib/participantMessages.ts). Parsed on arrival, like every other input here.
 */

export const ForumLoadConfigSchema = ParticipantShareSchema.extend({
  /** Participant i starts joining at startAt + i * windowMs / totalClients (epoch ms). */
  windowMs: z.number().positive(),
});
export type ForumLoadConfig = z.infer<typeof ForumLoadConfigSchema>;

const CountsSchema = z.record(z.string(), z.number().int());

/**
 * What every participant's own state must come to show. For `poll` and `question` the time is
 * when the thing first appeared in the state; for `tally`, `roomTally` and `votes`, when the
 * value the view shows last changed (counts only grow, so that is when it became final); for the
 * rest, the first check after the watch was armed that finds it true.
 */
export const ForumWatchSchema = z.discriminatedUnion("kind", [
  /** The head-count shows at least this many people, all online. */
  z.object({ kind: z.literal("people"), atLeast: z.number().int() }),
  /** The poll is in the state (the participant can vote). */
  z.object({ kind: z.literal("poll"), pollId: z.string() }),
  /** The poll's combined tally is exactly this. */
  z.object({ kind: z.literal("tally"), pollId: z.string(), counts: CountsSchema }),
  /** The tally of the participant's own room (every-room poll) is exactly byRoom[that room]. */
  z.object({ kind: z.literal("roomTally"), pollId: z.string(), byRoom: z.record(z.string(), CountsSchema) }),
  /** The question is in the participant's Q&A copy, approved. */
  z.object({ kind: z.literal("question"), questionId: z.string() }),
  /** The question shows exactly this many upvotes. */
  z.object({ kind: z.literal("votes"), questionId: z.string(), votes: z.number().int() }),
  /** The participant's own assignment in this round is in the state. */
  z.object({ kind: z.literal("assigned"), roundId: z.string() }),
  /** The round runs and shows the participant's room (times), and its `breakout:room` answer is applied (fetchedTimes). */
  z.object({ kind: z.literal("room"), roundId: z.string() }),
]);
export type ForumWatch = z.infer<typeof ForumWatchSchema>;

/** One command per participant, on schedule: participant i at startAt + i * windowMs / totalClients. */
export const ForumActionSchema = z.discriminatedUnion("kind", [
  /** `poll:vote` for choiceOf(i, options, shift). */
  z.object({
    kind: z.literal("vote"),
    pollId: z.string(),
    options: z.array(z.string()).min(1),
    shift: z.number().int(),
  }),
  /** `qna:upvote` of this question. */
  z.object({ kind: z.literal("upvote"), questionId: z.string() }),
]);
export type ForumAction = z.infer<typeof ForumActionSchema>;

export const ForumParentMessageSchema = z.discriminatedUnion("type", [
  ...participantParentMessages(ForumLoadConfigSchema, ForumWatchSchema),
  /** Commands still unanswered at deadlineAt are given up (counted as unanswered: they may have been counted). */
  z.object({
    type: z.literal("act"),
    id: z.string(),
    action: ForumActionSchema,
    startAt: z.number(),
    windowMs: z.number().positive(),
    deadlineAt: z.number(),
  }),
]);
export type ForumParentMessage = z.infer<typeof ForumParentMessageSchema>;

export const ForumWindowSchema = TrafficWindowSchema.extend({
  /** Participants connected at the end of the window. */
  participants: z.number().int(),
  /** Socket.IO packets and Engine.IO payload bytes every participant received in the window, summed. */
  messages: z.number(),
  bytes: z.number(),
});
export type ForumWindow = z.infer<typeof ForumWindowSchema>;

export const ForumLoaderResultSchema = z.object({
  clients: z.number().int(),
  connected: z.number().int(),
  windows: z.array(ForumWindowSchema),
  ...ClientStatsSummarySchema.shape,
  /** Connections lost after their session, by reason. */
  disconnects: z.record(z.string(), z.number()),
  /** Per connected participant: id and the room its own state shows (null: none). */
  placements: z.array(z.tuple([z.string(), z.string().nullable()])),
  heapUsedBytes: z.number(),
});
export type ForumLoaderResult = z.infer<typeof ForumLoaderResultSchema>;

export const ForumLoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  /** Every participant of this generator has its session or gave up. */
  z.object({
    type: z.literal("joined"),
    connected: z.number().int(),
    /** Connected participants by target (node) index. */
    perTarget: z.array(z.number().int()),
    failures: z.record(z.string(), z.number()),
    /** Per connected participant: first try's start to `session:ready`, ms (retries included). */
    readyMs: z.array(z.number()),
    /** Tries beyond the first. */
    retries: z.number().int(),
    /** Worst delay between a join's scheduled start and its actual start (generator overload). */
    maxStartLagMs: z.number(),
  }),
  /** The times as ForumWatchSchema says; lost: participants whose connection had dropped by then. */
  WatchedMessageSchema.extend({ lost: z.number().int() }),
  z.object({
    type: z.literal("acted"),
    id: z.string(),
    /** Commands sent; acknowledged; refused by code; never answered by the deadline (they may have counted). */
    sent: z.number().int(),
    acked: z.number().int(),
    refused: z.record(z.string(), z.number()),
    unanswered: z.number().int(),
    /** Participants not connected when their turn came. */
    notConnected: z.number().int(),
    /** Per acknowledged command: first send to the ack, ms (resends included). */
    ackMs: z.array(z.number()),
    /** Resends after a passing refusal, by code (UNAVAILABLE, timeout...). */
    resent: z.record(z.string(), z.number()),
    /** Per acknowledged command: the participant and its choice (upvote: "up"). */
    acknowledged: z.array(z.tuple([z.string(), z.string()])),
    firstSentAt: z.number(),
    lastAckAt: z.number(),
    maxLagMs: z.number(),
  }),
  z.object({ type: z.literal("result"), result: ForumLoaderResultSchema }),
  FatalMessageSchema,
]);
export type ForumLoaderMessage = z.infer<typeof ForumLoaderMessageSchema>;
