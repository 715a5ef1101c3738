import { z } from "zod";
import { CloseMessageSchema, FatalMessageSchema, ReadyMessageSchema } from "./loaderIpc.js";
import { KindCountSchema } from "./packets.js";

/**
 * What the orchestrator (bench/run.ts) and a load generator (bench/loadClient.ts) say to each
 * other over the child-process IPC channel. Parsed on arrival, like every other input here.
 */

export const LoadModeSchema = z.enum(["workshop", "bare"]);
export type LoadMode = z.infer<typeof LoadModeSchema>;

export const LoadConfigSchema = z.object({
  /** workshop: join with a join code and wait for session:ready; bare: wait for connect. */
  mode: LoadModeSchema,
  /** Server URLs; client i connects to targets[i % targets.length]. */
  targets: z.array(z.string()).min(1),
  /** Clients in the whole storm, over every load generator. */
  totalClients: z.number().int().positive(),
  /** This generator opens the clients i with i % loaderCount === loaderIndex. */
  loaderIndex: z.number().int().nonnegative(),
  loaderCount: z.number().int().positive(),
  /** Client i starts at startAt + i * windowMs / totalClients (epoch ms). */
  windowMs: z.number().positive(),
  startAt: z.number(),
  joinCode: z.string().optional(),
  namePrefix: z.string(),
});
export type LoadConfig = z.infer<typeof LoadConfigSchema>;

export const ParentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), config: LoadConfigSchema }),
  /** Every client's own state must come to hold this many participants, all online. */
  z.object({ type: z.literal("expect"), participants: z.number().int().nonnegative() }),
  z.object({ type: z.literal("report") }),
  CloseMessageSchema,
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;

export const LoaderResultSchema = z.object({
  clients: z.number().int(),
  ok: z.number().int(),
  /** Successful clients by server: okPerTarget[t] connected to targets[t]. */
  okPerTarget: z.array(z.number().int()),
  /** Refusals and connection failures by code or message. */
  failures: z.record(z.string(), z.number()),
  /** Start of the connection to Socket.IO `connect` (handshake middleware done), ms, successful clients. */
  connectMs: z.array(z.number()),
  /** Start of the connection to `session:ready` (workshop) or `connect` (bare), ms, successful clients. */
  readyMs: z.array(z.number()),
  /** Per successful client: when it started, ms after the storm's startAt. */
  startOffsetMs: z.array(z.number()),
  /** Per successful client: Socket.IO packets received, and bytes of every Engine.IO packet received. */
  messages: z.array(z.number()),
  bytes: z.array(z.number()),
  /** Totals over this generator's clients by kind: event name, sio:connect, sio:ack, engine:open, engine:ping... */
  byKind: z.record(z.string(), KindCountSchema),
  /** Clients whose own state never reached the expected participants, all online. */
  unconverged: z.number().int(),
  gaps: z.number().int(),
  /**
   * Clients whose session:ready snapshot was older than a workshop:events batch that reached
   * them before it (ignored then, as the client has no state yet): they see a gap next.
   */
  staleReady: z.number().int(),
  resyncs: z.number().int(),
  /** Disconnects nobody asked for, by reason. */
  disconnects: z.record(z.string(), z.number()),
  cpuSeconds: z.number(),
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
  /** Worst delay between a client's scheduled start and its actual start (generator overload). */
  maxStartLagMs: z.number(),
  firstStartAt: z.number(),
  lastReadyAt: z.number(),
});
export type LoaderResult = z.infer<typeof LoaderResultSchema>;

export const LoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  /** Every client of this generator has connected or failed. */
  z.object({ type: z.literal("joined"), ok: z.number().int(), failed: z.number().int() }),
  z.object({ type: z.literal("converged"), at: z.number(), unconverged: z.number().int() }),
  z.object({ type: z.literal("result"), result: LoaderResultSchema }),
  FatalMessageSchema,
]);
export type LoaderMessage = z.infer<typeof LoaderMessageSchema>;
