import { inject } from "vitest";
import type { RedisStoreOptions } from "../../server/store/redis/core.js";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * Set in the `redis-cluster` test project only (test/helpers/clusterSetup.ts): the nodes of a
     * local Redis Cluster, comma-separated, that the project's suites run on instead of one Redis.
     */
    redisCluster?: string;
  }
}

/**
 * The Redis the running test project uses: one Redis (project `redis`), or a Redis Cluster
 * (project `redis-cluster`, the same suites again). A parameter of the project, not of each test.
 */
export type TestRedis = { kind: "single"; url: string } | { kind: "cluster"; nodes: string[] };

export function testRedis(): TestRedis {
  const cluster = inject("redisCluster");
  return cluster ? { kind: "cluster", nodes: cluster.split(",") } : { kind: "single", url: inject("redisUrl") };
}

/** connectRedisStores' options for it. */
export function storeTargetOf(redis: TestRedis = testRedis()): Pick<RedisStoreOptions, "url" | "cluster"> {
  return redis.kind === "cluster" ? { cluster: { nodes: redis.nodes } } : { url: redis.url };
}

/** A node's environment for it. */
export function redisEnvOf(redis: TestRedis = testRedis()): Record<string, string> {
  return redis.kind === "cluster" ? { REDIS_CLUSTER_NODES: redis.nodes.join(",") } : { REDIS_URL: redis.url };
}
