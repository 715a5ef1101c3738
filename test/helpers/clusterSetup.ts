import type { TestProject } from "vitest/node";
import { type RedisClusterProcess, startRedisCluster } from "./redisCluster.js";

let cluster: RedisClusterProcess | undefined;

/**
 * Once per run of the `redis-cluster` project: a local Redis Cluster of three primaries
 * (TEST_REDIS_CLUSTER_NODES if given), which its suites use instead of one Redis; each test still
 * uses its own key prefix. Failover tests start their own cluster, with replicas.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_REDIS_CLUSTER_NODES) {
    project.provide("redisCluster", process.env.TEST_REDIS_CLUSTER_NODES);
    return;
  }
  cluster = await startRedisCluster({ primaries: 3 });
  project.provide("redisCluster", cluster.nodes);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
