import { randomBytes } from "node:crypto";
import { createShardedAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { ServerKeys } from "./security/serverKeys.js";
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
  if (!config.REDIS_URL) {
    logger.warn(
      "IN-MEMORY STORE: all state lives in this one process and is lost when it stops. Set REDIS_URL to keep state and run several nodes.",
    );
    return { stores: createMemoryStores(Date.now, keys), adapter: undefined, nodeId, keys, close: async () => {} };
  }
  const stores = await connectRedisStores({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    logger,
    keys,
  }).catch((error: unknown) => {
    throw new Error(
      `cannot reach Redis at ${withoutPassword(config.REDIS_URL as string)} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  // The sharded adapter (Redis 7 SPUBLISH) gives each Socket.IO room its own channel, so a
  // node only receives traffic for rooms it has sockets in.
  const pubClient = createClient({ url: config.REDIS_URL });
  const subClient = pubClient.duplicate();
  for (const [name, client] of [
    ["adapter-pub", pubClient],
    ["adapter-sub", subClient],
  ] as const) {
    client.on("error", (error: Error) => logger.warn({ client: name, err: error.message }, "redis error"));
  }
  await withTimeout(Promise.all([pubClient.connect(), subClient.connect()]), config.REDIS_COMMAND_TIMEOUT_MS * 3);
  guardFireAndForget(subClient, logger);
  const adapter = createShardedAdapter(pubClient, subClient, {
    channelPrefix: `${config.REDIS_KEY_PREFIX}socket.io`,
    subscriptionMode: "dynamic",
  });
  return {
    stores,
    adapter,
    nodeId,
    keys,
    close: async () => {
      await Promise.all([stores.close(), closeRedisClients([pubClient, subClient], config.REDIS_COMMAND_TIMEOUT_MS)]);
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

/** A Redis URL fit for a log line: its password replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable URL)";
  }
}
