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
 * What the breakout-assignment bench (bench/assign.ts) and its load generators
 * (bench/assignClient.ts) say to each other over the child-process IPC channel, beside what
 * every watched-participant bench says (bench/lib/participantMessages.ts). Parsed on arrival,
 * like every other input here.
 */

export const AssignLoadConfigSchema = ParticipantShareSchema.extend({
  /** Participant i starts joining at startAt + i * 1000 / joinRate (epoch ms). */
  joinRate: z.number().positive(),
});
export type AssignLoadConfig = z.infer<typeof AssignLoadConfigSchema>;

/** What every participant's own state must come to show; the time it first does is recorded per participant. */
export const WatchConditionSchema = z.discriminatedUnion("kind", [
  /** The state has applied everything up to this workshop version. */
  z.object({ kind: z.literal("version"), atLeast: z.number().int() }),
  /** A banner with this text is among the state's broadcasts. */
  z.object({ kind: z.literal("broadcast"), text: z.string() }),
  /** The participant's own assignment in this round is in the state. */
  z.object({ kind: z.literal("assigned"), roundId: z.string() }),
  /**
   * The round runs and currentRoomOf(state, self) is the participant's room (`shown`), and the
   * `breakout:room` answer for it has been applied (`fetched`, which completes the watch).
   */
  z.object({ kind: z.literal("room"), roundId: z.string() }),
]);
export type WatchCondition = z.infer<typeof WatchConditionSchema>;

export const AssignParentMessageSchema = z.discriminatedUnion("type", [
  ...participantParentMessages(AssignLoadConfigSchema, WatchConditionSchema),
  /** These participants are not expected to meet the current watch (e.g. left unassigned). */
  z.object({ type: z.literal("exclude"), participantIds: z.array(z.string()) }),
]);
export type AssignParentMessage = z.infer<typeof AssignParentMessageSchema>;

export const WindowResultSchema = TrafficWindowSchema.extend({
  /** Per participant connected at the end: Socket.IO packets and Engine.IO payload bytes received in the window. */
  messages: z.array(z.number()),
  bytes: z.array(z.number()),
});
export type WindowResult = z.infer<typeof WindowResultSchema>;

export const AssignLoaderResultSchema = z.object({
  clients: z.number().int(),
  connected: z.number().int(),
  joinAttempts: z.number().int(),
  joinFailures: z.record(z.string(), z.number()),
  readyMs: z.array(z.number()),
  tagged: z.number().int(),
  tagFailures: z.number().int(),
  windows: z.array(WindowResultSchema),
  ...ClientStatsSummarySchema.shape,
  /** Send to answer of each `breakout:room` fetch, ms. */
  roomFetchMs: z.array(z.number()),
  disconnects: z.record(z.string(), z.number()),
  /** Per connected participant: id, room shown by its own state, and how many people its state shows in that room. */
  placements: z.array(z.tuple([z.string(), z.string().nullable(), z.number().int()])),
  heapUsedBytes: z.number(),
});
export type AssignLoaderResult = z.infer<typeof AssignLoaderResultSchema>;

export const AssignLoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  /** Every participant of this generator has its session (and its tags acknowledged) or gave up. */
  z.object({
    type: z.literal("joined"),
    connected: z.number().int(),
    failed: z.number().int(),
    /** Participants whose language tag the server acknowledged. */
    tagged: z.number().int(),
  }),
  /** Excluded: live participants not expected to meet the watch (`exclude`). */
  WatchedMessageSchema.extend({ excluded: z.number().int() }),
  z.object({ type: z.literal("result"), result: AssignLoaderResultSchema }),
  FatalMessageSchema,
]);
export type AssignLoaderMessage = z.infer<typeof AssignLoaderMessageSchema>;
