import { z } from "zod";

/**
 * What the breakout-assignment bench (bench/assign.ts) and its load generators
 * (bench/assignClient.ts) say to each other over the child-process IPC channel. Parsed on
 * arrival, like every other input here.
 */

export const AssignLoadConfigSchema = z.object({
  /** Server URLs; participant i connects to targets[i % targets.length]. */
  targets: z.array(z.string()).min(1),
  joinCode: z.string(),
  /** Participants in the whole workshop, over every load generator. */
  totalClients: z.number().int().positive(),
  /** This generator runs the participants i with i % loaderCount === loaderIndex. */
  loaderIndex: z.number().int().nonnegative(),
  loaderCount: z.number().int().positive(),
  /** Participant i starts joining at startAt + i * 1000 / joinRate (epoch ms). */
  joinRate: z.number().positive(),
  startAt: z.number(),
  namePrefix: z.string(),
  /** Tries per participant when a join is refused or dropped before `session:ready`. */
  joinAttempts: z.number().int().positive(),
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
  z.object({ type: z.literal("start"), config: AssignLoadConfigSchema }),
  z.object({ type: z.literal("watch"), id: z.string(), condition: WatchConditionSchema, timeoutMs: z.number() }),
  /** These participants are not expected to meet the current watch (e.g. left unassigned). */
  z.object({ type: z.literal("exclude"), participantIds: z.array(z.string()) }),
  /** Starts a measurement window: counters are read here and at the next mark. */
  z.object({ type: z.literal("mark"), name: z.string() }),
  z.object({ type: z.literal("report") }),
  z.object({ type: z.literal("close") }),
]);
export type AssignParentMessage = z.infer<typeof AssignParentMessageSchema>;

const KindCountSchema = z.object({ messages: z.number(), bytes: z.number() });

export const WindowResultSchema = z.object({
  name: z.string(),
  /** Per participant connected at the end: Socket.IO packets and Engine.IO payload bytes received in the window. */
  messages: z.array(z.number()),
  bytes: z.array(z.number()),
  byKind: z.record(z.string(), KindCountSchema),
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
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
  roomFetches: z.number().int(),
  roomFetchFailures: z.record(z.string(), z.number()),
  /** Send to answer of each `breakout:room` fetch, ms. */
  roomFetchMs: z.array(z.number()),
  gaps: z.number().int(),
  resyncs: z.number().int(),
  snapshotResyncs: z.number().int(),
  disconnects: z.record(z.string(), z.number()),
  /** Per connected participant: id, room shown by its own state, and how many people its state shows in that room. */
  placements: z.array(z.tuple([z.string(), z.string().nullable(), z.number().int()])),
  heapUsedBytes: z.number(),
});
export type AssignLoaderResult = z.infer<typeof AssignLoaderResultSchema>;

export const AssignLoaderMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  /** Every participant of this generator has its session (and its tags acknowledged) or gave up. */
  z.object({
    type: z.literal("joined"),
    connected: z.number().int(),
    failed: z.number().int(),
    /** Participants whose language tag the server acknowledged. */
    tagged: z.number().int(),
  }),
  z.object({
    type: z.literal("watched"),
    id: z.string(),
    /** Epoch ms at which each participant met the condition (room: the room shown). */
    times: z.array(z.number()),
    /** room only: epoch ms at which each participant's `breakout:room` answer was applied. */
    fetchedTimes: z.array(z.number()),
    /** Connected, not excluded, and not meeting the condition when the watch ended (timeout). */
    missing: z.number().int(),
    /** room only: participants whose `breakout:room` fetch the server refused (so never fetched). */
    refused: z.number().int(),
    excluded: z.number().int(),
  }),
  z.object({ type: z.literal("result"), result: AssignLoaderResultSchema }),
  z.object({ type: z.literal("fatal"), message: z.string() }),
]);
export type AssignLoaderMessage = z.infer<typeof AssignLoaderMessageSchema>;
