import { randomBytes } from "node:crypto";
import { createShardedAdapter } from "@socket.io/redis-adapter";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { ServerKeys } from "./security/serverKeys.js";
import { createRedisConnection, describeRedisTarget, redisTargetOf } from "./store/redis/connection.js";
import { closeRedisClients, withTimeout } from "./store/redis/core.js";
import { connectRedisStores, createMemoryStores, type Stores } from "./store/stores.js";

export interface Runtime {
  stores: Stores;
  /** Socket.IO adapter factory when several nodes share Redis; undefined in memory mode. */
  adapter: ReturnType<typeof createShardedAdapter> | undefined;
  nodeId: string;
  /** From ANONYMITY_KEY (the same on every node); drawn per process for the in-memory store when unset. */
  keys: ServerKeys;
  close(): Promise<void>;
}

/** The store and the cross-node adapter for a configuration: the same wiring for main and tests. */
export async function createRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const nodeId = `n${randomBytes(6).toString("hex")}`;
  const keys = config.ANONYMITY_KEY ? new ServerKeys(config.ANONYMITY_KEY) : ServerKeys.random();
  const target = redisTargetOf(config);
  if (!target) {
    logger.warn(
      "IN-MEMORY STORE: all state lives in this one process and is lost when it stops. Set REDIS_URL (or REDIS_CLUSTER_NODES) to keep state and run several nodes.",
    );
    return { stores: createMemoryStores(Date.now, keys), adapter: undefined, nodeId, keys, close: async () => {} };
  }
  const unreachable = (error: unknown) =>
    new Error(`cannot reach ${describeRedisTarget(target)}: ${error instanceof Error ? error.message : String(error)}`);
  const stores = await connectRedisStores({
    ...(target.kind === "single" ? { url: target.url } : { cluster: target }),
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    logger,
    keys,
  }).catch((error: unknown) => {
    throw unreachable(error);
  });
  // The sharded adapter (Redis 7 SPUBLISH) gives each Socket.IO room its own channel, so a
  // node only receives traffic for rooms it has sockets in. On a cluster each channel lives in
  // its own slot (the channels have no hash tag), so rooms spread over the shards.
  const settings = { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS, logger };
  const pub = createRedisConnection(target, { ...settings, name: "adapter-pub", adapter: true });
  const sub = createRedisConnection(target, { ...settings, name: "adapter-sub", subscriber: true, adapter: true });
  const adapterClients = [pub.client, sub.client];
  try {
    await withTimeout(Promise.all([pub.connect(), sub.connect()]), config.REDIS_COMMAND_TIMEOUT_MS * 3);
  } catch (error) {
    for (const client of adapterClients) client.destroy();
    await stores.close();
    throw unreachable(error);
  }
  guardFireAndForget(sub.client, logger);
  const adapter = createShardedAdapter(pub.client, sub.client, {
    channelPrefix: `${config.REDIS_KEY_PREFIX}socket.io`,
    subscriptionMode: "dynamic",
  });
  return {
    stores,
    adapter,
    nodeId,
    keys,
    close: async () => {
      await Promise.all([stores.close(), closeRedisClients(adapterClients, config.REDIS_COMMAND_TIMEOUT_MS)]);
    },
  };
}

/**
 * The adapter calls sSubscribe/sUnsubscribe without awaiting them (room created or
 * deleted); while Redis is down or the client is closing they reject, and an unhandled
 * rejection would crash the process. Keep the promise, but note the failure.
 */
function guardFireAndForget(client: object, logger: Logger): void {
  for (const name of ["sSubscribe", "sUnsubscribe"] as const) {
    const target = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = target[name]?.bind(client);
    if (!original) continue;
    target[name] = (...args: unknown[]) => {
      const result = original(...args);
      result.catch((error: unknown) =>
        logger.debug({ err: error instanceof Error ? error.message : String(error) }, `adapter ${name} failed`),
      );
      return result;
    };
  }
}
