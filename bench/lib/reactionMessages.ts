import { z } from "zod";
import { CloseMessageSchema, FatalMessageSchema, ReadyMessageSchema } from "./loaderIpc.js";
import { VoteLoadConfigSchema } from "./voteMessages.js";

/**
 * What the reaction-storm bench (bench/reactions.ts) and its load generators
 * (bench/reactionClient.ts) say to each other over the child-process IPC channel. Parsed on
 * arrival, like every other input. One set of generators serves both servers of a run: each
 * keeps the people of each server apart by `server`.
 */

/** reference: bench/tallyServers.ts (TALLY_MODE=reference), a reaction is a vote; workshop: server/main.ts, `reactions:send`. */
export const ReactionServerSchema = z.enum(["reference", "workshop"]);
export type ReactionServer = z.infer<typeof ReactionServerSchema>;

/**
 * How a generator connects its share of the people to one server: the vote storm's settings
 * (targets, share, pacing, join tries; person i connects to targets[floor(i / loaderCount) %
 * targets.length] at startAt + i × 1000 / connectRate), for one of the two servers.
 */
export const ReactionConnectSchema = VoteLoadConfigSchema.omit({ mode: true, namePrefix: true }).extend({
  server: ReactionServerSchema,
});
export type ReactionConnect = z.infer<typeof ReactionConnectSchema>;

export const ReactionParentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("connect"), config: ReactionConnectSchema }),
  /**
   * The storm: reaction n (0 <= n < totalClients × each) is person n % totalClients's
   * (n / totalClients)-th, sent at startAt + n × windowMs / (totalClients × each); a person not
   * connected sends nothing. Message counters restart at startAt. reference: `poll:vote` for
   * options[(round + 1) % options.length] (each vote moves the tally); workshop: `reactions:send`.
   */
  z.object({
    type: z.literal("storm"),
    server: ReactionServerSchema,
    pollId: z.string(),
    options: z.array(z.string()),
    each: z.number().int().positive(),
    startAt: z.number(),
    windowMs: z.number().positive(),
    deadlineAt: z.number(),
  }),
  /** Say "settled" once every connected person has seen this many reactions counted (or at deadlineAt). */
  z.object({
    type: z.literal("expect"),
    server: ReactionServerSchema,
    count: z.number().int(),
    deadlineAt: z.number(),
  }),
  /** Stop counting (messages, loop delay, CPU) and close this server's connections. */
  z.object({ type: z.literal("end"), server: ReactionServerSchema }),
  /** Every generator's send times of this storm, sorted (epoch ms): the n-th counted is taken as the n-th sent. */
  z.object({ type: z.literal("resolve"), server: ReactionServerSchema, sentAt: z.array(z.number()) }),
  CloseMessageSchema,
]);
export type ReactionParentMessage = z.infer<typeof ReactionParentMessageSchema>;

export const ReactionLoaderResultSchema = z.object({
  /** People of this generator connected when the storm started. */
  connected: z.number().int(),
  /**
   * Delivery on every connected person's connection, for every reaction: from the send of the
   * n-th reaction sent (any generator) to the first message that took this viewer's count to n or
   * beyond. Milliseconds (rounded up) -> how many (reaction, viewer) pairs; never: not by "end".
   */
  delivery: z.object({ buckets: z.record(z.string(), z.number().int()), never: z.number().int() }),
  /** Per person connected at the start: update messages (poll:results / reactions:burst) from startAt to "end". */
  messages: z.array(z.number().int()),
  /** Per person: the most update messages in one wall-clock second. */
  busiestSecond: z.array(z.number().int()),
  /** Per person still connected at "end": the count seen by then. */
  seen: z.array(z.number().int()),
  /** Connections lost during the storm. */
  dropped: z.number().int(),
  cpuSeconds: z.number(),
  /** This generator's event-loop delay over the storm (beyond the 10 ms sampling), ms. */
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
  /** How late the sends ran against their schedule, ms. */
  sendLagP99Ms: z.number(),
  sendLagMaxMs: z.number(),
});
export type ReactionLoaderResult = z.infer<typeof ReactionLoaderResultSchema>;

export const ReactionLoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  /** Every person of this generator is connected (workshop: has its session) or gave up. */
  z.object({ type: z.literal("connected"), ok: z.number().int(), failures: z.record(z.string(), z.number()) }),
  /** Every reaction of this generator has an answer (or the deadline passed); sentAt: epoch ms of each send. */
  z.object({
    type: z.literal("sent"),
    sentAt: z.array(z.number()),
    acked: z.number().int(),
    /** Refused for good (an error code): not counted. */
    refused: z.number().int(),
    failures: z.record(z.string(), z.number()),
  }),
  z.object({ type: z.literal("settled"), at: z.number(), unsettled: z.number().int() }),
  z.object({ type: z.literal("ended") }),
  z.object({ type: z.literal("result"), result: ReactionLoaderResultSchema }),
  FatalMessageSchema,
]);
export type ReactionLoaderMessage = z.infer<typeof ReactionLoaderMessageSchema>;
