import { startRedisCluster } from "../../test/helpers/redisCluster.js";
import { redisCommandsProcessed, redisUsedMemory, startRedis, workshopNodeEnv } from "./cluster.js";
import type { ProcSample } from "./procStats.js";

/**
 * A bench's store: one Redis or a Redis Cluster of N primaries (no replicas, nothing on disk),
 * as processes the bench measures. Shared by bench/run.ts (the join storm's workshop phase) and
 * bench/forum.ts (the 10,000-person forum).
 */
export interface BenchRedis {
  label: string;
  /** Every redis-server: `redis` for one, `redis-1`... for the primaries of a cluster. */
  servers: Array<{ name: string; url: string; pid: number }>;
  pids(): number[];
  /** The environment of a workshop node on this store, keys under `prefix`. */
  nodeEnv(prefix: string): Record<string, string>;
  usedMemory(): Promise<number>;
  commandsProcessed(): Promise<number>;
  /** The name of the server that holds `key` (its slot's primary; one Redis: that one). */
  holderOf(key: string): Promise<string>;
  stop(): Promise<void>;
}

/** primaries 0: one Redis (its log in logDir); N: a Redis Cluster of N primaries. */
export async function startBenchRedis(logDir: string, primaries: number): Promise<BenchRedis> {
  if (primaries === 0) {
    const redis = await startRedis(logDir);
    return {
      label: redis.url,
      servers: [{ name: "redis", url: redis.url, pid: redis.pid }],
      pids: () => [redis.pid],
      nodeEnv: (prefix) => workshopNodeEnv(redis.url, prefix),
      usedMemory: () => redisUsedMemory(redis.url),
      commandsProcessed: () => redisCommandsProcessed(redis.url),
      holderOf: async () => "redis",
      stop: async () => void (await redis.stop()),
    };
  }
  const cluster = await startRedisCluster({ primaries, durable: false });
  const names = new Map(cluster.servers.map((server, index) => [server.port, `redis-${index + 1}`]));
  return {
    label: `a Redis Cluster of ${primaries} primaries (${cluster.nodes})`,
    servers: cluster.servers.map((server, index) => ({ name: `redis-${index + 1}`, url: server.url, pid: server.pid })),
    pids: () => cluster.servers.map((server) => server.pid),
    nodeEnv: (prefix) => {
      const { REDIS_URL: _single, ...env } = workshopNodeEnv("", prefix);
      return { ...env, REDIS_CLUSTER_NODES: cluster.nodes };
    },
    usedMemory: async () => {
      const bytes = await Promise.all(cluster.servers.map((server) => redisUsedMemory(server.url)));
      return bytes.reduce((sum, value) => sum + value, 0);
    },
    commandsProcessed: async () => {
      const counts = await Promise.all(cluster.servers.map((server) => redisCommandsProcessed(server.url)));
      return counts.reduce((sum, value) => sum + value, 0);
    },
    holderOf: async (key) => names.get((await cluster.primaryFor(key)).port) ?? "unknown",
    stop: () => cluster.stop(),
  };
}

/** Several processes' samples as one (Redis Cluster servers): CPU and memory added up. */
export function sumSamples(samples: ProcSample[]): ProcSample {
  return samples.reduce(
    (sum, sample) => ({
      cpuSeconds: sum.cpuSeconds + sample.cpuSeconds,
      rssBytes: sum.rssBytes + sample.rssBytes,
      peakRssBytes: sum.peakRssBytes + sample.peakRssBytes,
    }),
    { cpuSeconds: 0, rssBytes: 0, peakRssBytes: 0 },
  );
}
