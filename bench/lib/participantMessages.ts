import { z } from "zod";
import { CloseMessageSchema } from "./loaderIpc.js";
import { KindCountSchema } from "./packets.js";

/**
 * The IPC messages shared by the benches whose load generators hold watched participants
 * (bench/assign.ts with bench/assignClient.ts, bench/forum.ts with bench/forumClient.ts): each
 * participant joins and is watched as bench/lib/participantCrowd.ts says, keeps its copy of the
 * workshop (bench/lib/workshopClient.ts) and is counted in traffic windows
 * (bench/lib/trafficWindows.ts). Each bench's messages file adds what is its own
 * (its pacing, its conditions, its commands). Parsed on arrival, like every other input here.
 */

/** Which participants a generator runs and how they join; each bench adds its pacing. */
export const ParticipantShareSchema = z.object({
  /** Server URLs; participant i joins through targets[i % targets.length]. */
  targets: z.array(z.string()).min(1),
  joinCode: z.string(),
  /** Participants in the whole workshop, over every load generator. */
  totalClients: z.number().int().positive(),
  /** This generator runs the participants i with i % loaderCount === loaderIndex. */
  loaderIndex: z.number().int().nonnegative(),
  loaderCount: z.number().int().positive(),
  /** Epoch ms at which participant 0 starts joining. */
  startAt: z.number(),
  namePrefix: z.string(),
  /** Tries per participant when a join is refused or dropped before `session:ready`. */
  joinAttempts: z.number().int().positive(),
});
export type ParticipantShare = z.infer<typeof ParticipantShareSchema>;

/**
 * The orchestrator's messages every such generator takes, given the bench's start config and
 * watch conditions; the bench's schema adds its own after them.
 */
export function participantParentMessages<C extends z.ZodType, W extends z.ZodType>(config: C, condition: W) {
  return [
    z.object({ type: z.literal("start"), config }),
    /** Arms a watch of every participant's own state (bench/lib/participantWatch.ts). */
    z.object({ type: z.literal("watch"), id: z.string(), condition, timeoutMs: z.number() }),
    /** Starts a measurement window (a phase): traffic and loop delay are counted between marks. */
    z.object({ type: z.literal("mark"), name: z.string() }),
    z.object({ type: z.literal("report") }),
    CloseMessageSchema,
  ] as const;
}

/** A watch's answer (bench/lib/participantWatch.ts WatchSummary); each bench adds its own counts. */
export const WatchedMessageSchema = z.object({
  type: z.literal("watched"),
  id: z.string(),
  /** Epoch ms at which each participant met the condition (room: its room shown, fetched or not). */
  times: z.array(z.number()),
  /** room only: epoch ms at which each participant's `breakout:room` answer was applied. */
  fetchedTimes: z.array(z.number()),
  /** Connected, not excluded, and not complete (room: not fetched) when the watch ended (timeout). */
  missing: z.number().int(),
  /** room only: participants whose `breakout:room` fetch the server refused (the room shown, its list never fetched). */
  refused: z.number().int(),
});

export type WatchedMessage = z.infer<typeof WatchedMessageSchema>;

/**
 * Every generator's answer to watch `id` as one (the orchestrator's view): the per-participant
 * times put together, every count added up, the bench's own counts too. An answer to another
 * watch throws: the generators fell out of step.
 */
export function mergeWatched<W extends WatchedMessage>(id: string, answers: readonly W[]): Omit<W, "type" | "id"> {
  const total: Record<string, number | number[]> = {};
  for (const answer of answers) {
    if (answer.id !== id) throw new Error(`expected watch ${id}, got ${answer.id}`);
    for (const [key, value] of Object.entries(answer)) {
      const sofar = total[key];
      if (Array.isArray(value)) total[key] = Array.isArray(sofar) ? sofar.concat(value) : [...value];
      else if (typeof value === "number") total[key] = (typeof sofar === "number" ? sofar : 0) + value;
    }
  }
  return total as Omit<W, "type" | "id">;
}

/** One traffic window (bench/lib/trafficWindows.ts) as a generator reports it; each bench adds how it counts participants. */
export const TrafficWindowSchema = z.object({
  name: z.string(),
  /** Over every participant of the generator, by kind (event name, sio:ack, engine:ping...). */
  byKind: z.record(z.string(), KindCountSchema),
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
});

/** The counters a generator's participants share (bench/lib/workshopClient.ts ClientStats), as reported. */
export const ClientStatsSummarySchema = z.object({
  /** `breakout:room` fetches sent, and the refusals by code. */
  roomFetches: z.number().int(),
  roomFetchFailures: z.record(z.string(), z.number()),
  /** Version gaps seen, resyncs they caused, and how many of those needed a whole snapshot. */
  gaps: z.number().int(),
  resyncs: z.number().int(),
  snapshotResyncs: z.number().int(),
});
export type ClientStatsSummary = z.infer<typeof ClientStatsSummarySchema>;
