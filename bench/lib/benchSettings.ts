import { numberEnv } from "./cluster.js";

/**
 * The environment settings several benches read: one variable, one meaning and one lower bound
 * whatever the bench, read through numberEnv so that `--help` lists them with the bench's own.
 * Each bench gives its own default, sized for what it measures; its settings block says why
 * where the default is not obvious.
 */
export const benchSetting = {
  /** BENCH_PEOPLE: participants in the run (at least 2: someone to see someone else). */
  people: (fallback: number) => Math.floor(numberEnv("BENCH_PEOPLE", fallback, 2)),
  /** BENCH_ROOMS: breakout rooms planned. */
  rooms: (fallback: number) => Math.floor(numberEnv("BENCH_ROOMS", fallback, 1)),
  /** BENCH_NODES: workshop server nodes (each phase's, where a bench has phases). */
  nodes: (fallback: number) => Math.floor(numberEnv("BENCH_NODES", fallback, 1)),
  /** BENCH_REDIS_CLUSTER: 0, one Redis; N, a Redis Cluster of N primaries (no replicas, nothing on disk), started here. */
  redisClusterPrimaries: (fallback: number) => Math.floor(numberEnv("BENCH_REDIS_CLUSTER", fallback, 0)),
  /** BENCH_LOADERS: load-generator processes; each runs every loaders-th participant. */
  loaders: (fallback: number) => Math.floor(numberEnv("BENCH_LOADERS", fallback, 1)),
  /** BENCH_JOIN_RATE: workshop joins started per second, over every load generator. */
  joinRate: (fallback: number) => numberEnv("BENCH_JOIN_RATE", fallback, 0.1),
  /** BENCH_CONNECT_RATE: bare (non-workshop) connections opened per second before a storm (not measured). */
  connectRate: (fallback: number) => numberEnv("BENCH_CONNECT_RATE", fallback, 1),
  /** BENCH_JOIN_ATTEMPTS: tries per participant (a refused or dropped join is tried again 2 s later, as a person would). */
  joinAttempts: () => Math.floor(numberEnv("BENCH_JOIN_ATTEMPTS", 3, 1)),
  /** BENCH_DELIVERY_TIMEOUT_S: longest wait for one delivery (a banner, a poll, a room...) to reach every participant. */
  deliveryTimeoutS: (fallback: number) => numberEnv("BENCH_DELIVERY_TIMEOUT_S", fallback, 5),
  /** BENCH_SETTLE_TIMEOUT_S: after the measured window, the longest wait for every client to have seen everything. */
  settleTimeoutS: (fallback: number) => numberEnv("BENCH_SETTLE_TIMEOUT_S", fallback, 1),
  /** BENCH_QUIET_S: seconds still measured once everything arrived (late messages, idle cost). */
  quietS: (fallback: number) => numberEnv("BENCH_QUIET_S", fallback, 0),
  /** BENCH_LOADER_HEAP_MB: V8 old-space limit of each load generator, MiB (each holds its participants' copies of the workshop). */
  loaderHeapMiB: () => Math.floor(numberEnv("BENCH_LOADER_HEAP_MB", 4096, 256)),
  /** BENCH_TIMEOUT_S: the whole bench stops (and fails) after this long, whatever happens; every child is killed. */
  timeoutS: (fallback: number, min = 30) => numberEnv("BENCH_TIMEOUT_S", fallback, min),
  /** BENCH_WRITE=0: print the results only; otherwise they rewrite the bench's section of docs/PERFORMANCE.md. */
  write: () => process.env.BENCH_WRITE !== "0",
  /**
   * BENCH_ROSTER: the measured workshop's roster, "open" (the default: everyone may know
   * everyone, the costlier case) or "private" (the default of new workshops).
   */
  roster: (): "open" | "private" => (process.env.BENCH_ROSTER === "private" ? "private" : "open"),
};
