import { afterEach } from "vitest";
import { createLogger } from "../../server/logger.js";
import { ServerKeys } from "../../server/security/serverKeys.js";
import { connectRedisStores, type Stores } from "../../server/store/stores.js";
import type { TestClient } from "./client.js";
import { type NodeProcess, spawnNode } from "./nodeProcess.js";
import { redisEnvOf, storeTargetOf } from "./redisBackend.js";
import { TEST_ANONYMITY_KEY, uniquePrefix } from "./server.js";

export interface TwoNodes {
  a: NodeProcess;
  b: NodeProcess;
  /** A direct look at the Redis the nodes share (same key prefix), to check what they stored. */
  stores: Stores;
  /** Their key prefix (every key they write starts with it). */
  keyPrefix: string;
}

/**
 * Two server processes on the suite's Redis (one Redis, or a Redis Cluster in the
 * `redis-cluster` project: test/helpers/redisBackend.ts) with a key prefix of their own, stopped after each
 * test together with every client handed to `track`. Call once at the top of a test file.
 */
export function useTwoNodes() {
  let nodes: NodeProcess[] = [];
  let clients: TestClient[] = [];
  let opened: Stores[] = [];
  let lastEnv: Record<string, string> = {};
  afterEach(async () => {
    for (const client of clients) client.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await Promise.all(opened.map((stores) => stores.close()));
    nodes = [];
    clients = [];
    opened = [];
  });
  return {
    async start(extraEnv: Record<string, string> = {}): Promise<TwoNodes> {
      const keyPrefix = uniquePrefix();
      const env = { ...redisEnvOf(), REDIS_KEY_PREFIX: keyPrefix, ...extraEnv };
      lastEnv = env;
      // Registered one by one, so the cleanup stops whichever started even if the other failed.
      const started = await Promise.allSettled([spawnNode(env), spawnNode(env)]);
      for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
      const failed = started.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      const stores = await connectRedisStores({
        ...storeTargetOf(),
        keyPrefix,
        commandTimeoutMs: 3000,
        logger: createLogger("silent"),
        keys: new ServerKeys(TEST_ANONYMITY_KEY),
      });
      opened.push(stores);
      return { a: nodes[0] as NodeProcess, b: nodes[1] as NodeProcess, stores, keyPrefix };
    },
    /** One more node of the same cluster (same Redis and key prefix), e.g. after killing the others. */
    async another(): Promise<NodeProcess> {
      const node = await spawnNode(lastEnv);
      nodes.push(node);
      return node;
    },
    /** Clients to close after the test. */
    track<T extends TestClient>(...tracked: T[]): T[] {
      clients.push(...tracked);
      return tracked;
    },
  };
}
