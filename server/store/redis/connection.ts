import { createClient, createCluster, type RedisClientType, type RedisClusterType } from "redis";
import type { Logger } from "../../logger.js";

/** Where the Redis is: one server (REDIS_URL), or a Redis Cluster by some of its nodes (REDIS_CLUSTER_NODES). */
export type RedisTarget =
  | { kind: "single"; url: string }
  | { kind: "cluster"; nodes: readonly string[]; password?: string | undefined };

/** Commands that mean "this one server": on a cluster each would see one shard only. */
type ServerWideCommand =
  | "scan"
  | "SCAN"
  | "keys"
  | "KEYS"
  | "ping"
  | "PING"
  | "dbSize"
  | "DBSIZE"
  | "flushAll"
  | "FLUSHALL"
  | "flushDb"
  | "FLUSHDB"
  | "randomKey"
  | "RANDOMKEY";

/**
 * What the stores send commands with: the members a single-Redis client and a cluster client both
 * have, typed as the cluster client types them (its `multi()` routes by the first key). It is one or
 * the other at run time. On a cluster every command goes to the primary of its first key's slot, so
 * a script or MULTI must keep all its keys (and shard channels) in one slot: a workshop's hash tag
 * (keys.ts). Left out on purpose: the server-wide commands, which on a cluster would see one shard;
 * use RedisCore.scanEach and RedisCore.ping, which ask every primary.
 */
export type RedisClient = Pick<
  RedisClusterType,
  Exclude<Extract<keyof RedisClusterType, keyof RedisClientType>, ServerWideCommand>
>;

export interface RedisConnection {
  readonly client: RedisClient;
  /** A client for each primary now (the one client for a single Redis): for SCAN and PING, which ask every server. */
  primaries(): Promise<RedisClientType[]>;
  connect(): Promise<unknown>;
}

export interface RedisConnectionSettings {
  commandTimeoutMs: number;
  logger: Logger;
  /** In log lines: which connection said what. */
  name: string;
  /** Pub/sub only: on a cluster, no command connection to every primary (it subscribes per shard). */
  subscriber?: boolean;
  /**
   * The Socket.IO adapter's clients: node-redis' defaults (an offline queue, its own command
   * timeout), as before clusters: the adapter subscribes and publishes without waiting for an
   * answer, so a room made while Redis is away is subscribed once it is back instead of never.
   */
  adapter?: boolean;
}

/**
 * After a node's connection breaks, how soon the cluster client asks the others for the topology
 * again (and again while it stays broken): a failed-over primary's slots are served by its
 * replica within about cluster-node-timeout, and the client finds it at most this long after.
 */
const TOPOLOGY_REFRESH_MS = 1000;

/**
 * A connection that fails fast instead of queueing while disconnected and has no per-command
 * timeout of node-redis: RedisCore.bounded() covers every call with one timer. The same settings
 * for one Redis and for every node of a cluster.
 */
export function createRedisConnection(target: RedisTarget, settings: RedisConnectionSettings): RedisConnection {
  const perNode = settings.adapter
    ? {}
    : {
        // Fail fast while disconnected instead of queueing commands that nobody waits for.
        disableOfflineQueue: true,
        socket: {
          connectTimeout: settings.commandTimeoutMs,
          reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
        },
      };
  // No per-command timeout from node-redis (0 turns off its default of 5 s): it builds an
  // AbortSignal.timeout and a listener for every command (~16 µs of CPU each on the bench
  // machine, a plain timer ~0.4 µs), and it only covers a command until it is written to the
  // socket, not a hung Redis that never answers. `bounded()` covers the whole call with one
  // timer; a disconnected client refuses at once (disableOfflineQueue).
  const commandOptions = settings.adapter ? undefined : { timeout: 0 };
  const warn = (error: Error) => settings.logger.warn({ client: settings.name, err: error.message }, "redis error");
  if (target.kind === "single") {
    const client = createClient({ url: target.url, ...(commandOptions ? { commandOptions } : {}), ...perNode });
    // Without a listener an 'error' event would crash the process.
    client.on("error", warn);
    return {
      client: client as unknown as RedisClient,
      primaries: async () => [client as unknown as RedisClientType],
      connect: () => client.connect(),
    };
  }
  const cluster = createCluster({
    rootNodes: target.nodes.map((node) => ({ url: `redis://${node}` })),
    // Credentials and socket settings of every node the client discovers (rootNodes' are not inherited).
    defaults: { ...perNode, ...(target.password ? { password: target.password } : {}) },
    ...(commandOptions ? { commandOptions } : {}),
    minimizeConnections: settings.subscriber === true,
    topologyRefreshOnReconnectionAttemptStrategy: TOPOLOGY_REFRESH_MS,
  });
  cluster.on("error", warn);
  // One node's connection errors (a primary killed, a failover): the client rediscovers by itself.
  cluster.on("node-error", warn);
  cluster.on("sharded-channel-moved-error", warn);
  return {
    client: cluster as unknown as RedisClient,
    primaries: () =>
      Promise.all(
        cluster.masters.map((master) => cluster.nodeClient(master) as Promise<unknown> as Promise<RedisClientType>),
      ),
    connect: () => cluster.connect(),
  };
}

/** The target of a configuration, or null for the in-memory store. */
export function redisTargetOf(config: {
  REDIS_URL?: string | undefined;
  REDIS_CLUSTER_NODES?: readonly string[] | undefined;
  REDIS_PASSWORD?: string | undefined;
}): RedisTarget | null {
  if (config.REDIS_CLUSTER_NODES) {
    return { kind: "cluster", nodes: config.REDIS_CLUSTER_NODES, password: config.REDIS_PASSWORD };
  }
  return config.REDIS_URL ? { kind: "single", url: config.REDIS_URL } : null;
}

/** Which Redis, fit for a log line and an error message: never a password. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.kind === "cluster") return `the Redis Cluster at ${target.nodes.join(",")} (REDIS_CLUSTER_NODES)`;
  return `Redis at ${withoutPassword(target.url)} (REDIS_URL)`;
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
