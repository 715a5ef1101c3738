import { z } from "zod";
import { CloseMessageSchema, FatalMessageSchema, ReadyMessageSchema } from "./loaderIpc.js";
import { KindCountSchema } from "./packets.js";

/**
 * What the vote-storm bench (bench/votes.ts) and its load generators (bench/voteClient.ts) say
 * to each other over the child-process IPC channel. Parsed on arrival, like every other input.
 */

/** socketio: a bare tally server (bench/tallyServers.ts); ws: its raw `ws` mode; workshop: server/main.ts. */
export const VoteModeSchema = z.enum(["socketio", "ws", "workshop"]);
export type VoteMode = z.infer<typeof VoteModeSchema>;

export const VoteLoadConfigSchema = z.object({
  mode: VoteModeSchema,
  /** Server URLs; voter i connects to targets[floor(i / loaderCount) % targets.length]. */
  targets: z.array(z.string()).min(1),
  /** Voters over every load generator; this one runs the voters i with i % loaderCount === loaderIndex. */
  totalClients: z.number().int().positive(),
  loaderIndex: z.number().int().nonnegative(),
  loaderCount: z.number().int().positive(),
  /** Voter i opens its connection at startAt + i * 1000 / connectRate (epoch ms). */
  connectRate: z.number().positive(),
  startAt: z.number(),
  /** workshop: join with this code, a display name and a joinId kept across tries. */
  joinCode: z.string().optional(),
  namePrefix: z.string(),
  joinAttempts: z.number().int().positive(),
});
export type VoteLoadConfig = z.infer<typeof VoteLoadConfigSchema>;

export const VoteParentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), config: VoteLoadConfigSchema }),
  /**
   * The storm: voter i sends `poll:vote` for options[i % options.length] at startAt + i *
   * windowMs / totalClients. Counters restart here. Whatever has no answer at deadlineAt stays
   * unanswered.
   */
  z.object({
    type: z.literal("vote"),
    pollId: z.string(),
    options: z.array(z.string()).min(1),
    startAt: z.number(),
    windowMs: z.number().positive(),
    deadlineAt: z.number(),
  }),
  /** Say "settled" once every connected voter has received a tally with at least this many voters (or at deadlineAt). */
  z.object({ type: z.literal("expect"), voters: z.number().int().nonnegative(), deadlineAt: z.number() }),
  /** Stop counting (traffic, loop delay, CPU) and close every connection. */
  z.object({ type: z.literal("end") }),
  /** The server's counting order: voter key -> 1-based position. Answered with "result". */
  z.object({ type: z.literal("resolve"), positions: z.record(z.string(), z.number().int().positive()) }),
  CloseMessageSchema,
]);
export type VoteParentMessage = z.infer<typeof VoteParentMessageSchema>;

export const VoteLoaderResultSchema = z.object({
  clients: z.number().int(),
  /** Connected when the storm started. */
  connected: z.number().int(),
  /** Votes not sent because the voter was not connected at its time. */
  notConnected: z.number().int(),
  sent: z.number().int(),
  /**
   * Per vote sent: emit (first try) to ack, ms; null when it was never acknowledged (refused,
   * or no answer before "end").
   */
  ackMs: z.array(z.number().nullable()),
  /** Refusals and give-ups by code (timeout, network, UNAVAILABLE, no answer by the deadline...). */
  failures: z.record(z.string(), z.number()),
  /**
   * Per vote sent: emit to the first `poll:results` on the voter's own connection whose
   * combined.voters reaches the vote's position in the server's counting order, ms; null when
   * that never came before "end" (or the server never counted the vote).
   */
  freshnessMs: z.array(z.number().nullable()),
  /**
   * The same rule on every connection of this generator for each of its counted votes: ms (rounded
   * up) -> how many (vote, connection) pairs; `never`: the connection had no tally with it by "end".
   */
  everyone: z.object({ buckets: z.record(z.string(), z.number().int()), never: z.number().int() }),
  /** Votes sent that the server's counting order does not hold. */
  notCounted: z.number().int(),
  /** Votes sent, never seen counted, whose voter's connection dropped. */
  unseenDropped: z.number().int(),
  /** Per voter connected at the start of the storm: Socket.IO packets (ws: messages) and payload bytes received until "end". */
  messages: z.array(z.number()),
  bytes: z.array(z.number()),
  byKind: z.record(z.string(), KindCountSchema),
  /** Connections lost during the storm, by reason. */
  drops: z.record(z.string(), z.number()),
  /** Connected voters still short of the expected tally at the deadline. */
  unsettled: z.number().int(),
  cpuSeconds: z.number(),
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
  /** Worst delay between a vote's scheduled time and its emit (generator overload). */
  maxVoteLagMs: z.number(),
});
export type VoteLoaderResult = z.infer<typeof VoteLoaderResultSchema>;

export const VoteLoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  /** Every voter of this generator is connected (workshop: has its session) or gave up. */
  z.object({
    type: z.literal("connected"),
    ok: z.number().int(),
    failures: z.record(z.string(), z.number()),
    /** Connection opened to connected / `session:ready`, ms. */
    connectMs: z.array(z.number()),
  }),
  /**
   * Every vote of this generator has an answer (or the deadline passed). Ballots: voter key,
   * option, and whether the server acknowledged it.
   */
  z.object({
    type: z.literal("voted"),
    sent: z.number().int(),
    acked: z.number().int(),
    /** Refused for good (an error code, not a timeout): the server did not count them. */
    refused: z.number().int(),
    ballots: z.array(z.tuple([z.string(), z.string(), z.boolean()])),
  }),
  z.object({ type: z.literal("settled"), at: z.number(), unsettled: z.number().int() }),
  z.object({ type: z.literal("ended") }),
  z.object({ type: z.literal("result"), result: VoteLoaderResultSchema }),
  FatalMessageSchema,
]);
export type VoteLoaderMessage = z.infer<typeof VoteLoaderMessageSchema>;
