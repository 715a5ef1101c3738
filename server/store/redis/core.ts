import type { WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import { DomainError, StoreUnavailableError } from "../../domain/errors.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { Logger } from "../../logger.js";
import type { ServerKeys } from "../../security/serverKeys.js";
import { commandRecordDay } from "../commandRecords.js";
import { createRedisConnection, type RedisClient, type RedisConnection, type RedisTarget } from "./connection.js";
import { globalKeys, type WorkshopKeys, workshopKeys } from "./keys.js";
import type { LuaScript } from "./lua.js";

export interface RedisStoreOptions {
  /** One Redis (REDIS_URL). Exactly one of `url` and `cluster`. */
  url?: string;
  /** A Redis Cluster (REDIS_CLUSTER_NODES, REDIS_PASSWORD): some of its nodes as `host:port`. */
  cluster?: { nodes: readonly string[]; password?: string | undefined };
  /** Prepended to every key: lets tests and deployments share one Redis without touching each other. */
  keyPrefix: string;
  /** A command that gets no answer within this many ms fails with UNAVAILABLE instead of waiting. */
  commandTimeoutMs: number;
  logger: Logger;
  /** The server key (ANONYMITY_KEY): command records are kept under keyed hashes, never under a person's id. */
  keys: ServerKeys;
  /** The clock command records and rate windows are filed by. */
  now?: () => number;
}

export type { RedisClient } from "./connection.js";

/**
 * What every Redis feature store shares: one command client and one subscriber, the key
 * builder, scripts run by SHA, one timeout on every call, command records, shard-channel
 * subscriptions. The feature stores (server/store/<feature>/redis.ts) hold no connection of
 * their own. The same on one Redis and on a Redis Cluster (connection.ts): a store sends its
 * commands with `core.client`, keeping each script and MULTI in one workshop's slot.
 */
export class RedisCore {
  readonly global: ReturnType<typeof globalKeys>;
  private readonly rememberedNodeWorkshops = new Set<string>();
  /** Told how long each bounded call took, in seconds, and whether Redis answered (the node's metrics). */
  observeCall: ((seconds: number, answered: boolean) => void) | null = null;

  readonly client: RedisClient;
  private readonly subscriber: RedisClient;

  private constructor(
    readonly options: RedisStoreOptions,
    private readonly connection: RedisConnection,
    subscriber: RedisConnection,
  ) {
    this.global = globalKeys(options.keyPrefix);
    this.client = connection.client;
    this.subscriber = subscriber.client;
  }

  /** Connects both clients; fails (instead of waiting forever) when Redis cannot be reached in time. */
  static async connect(options: RedisStoreOptions): Promise<RedisCore> {
    const target = storeTarget(options);
    const settings = { commandTimeoutMs: options.commandTimeoutMs, logger: options.logger };
    const connection = createRedisConnection(target, { ...settings, name: "store" });
    const subscriber = createRedisConnection(target, { ...settings, name: "store-subscriber", subscriber: true });
    await Promise.all([
      withTimeout(connection.connect(), options.commandTimeoutMs * 3),
      withTimeout(subscriber.connect(), options.commandTimeoutMs * 3),
    ]).catch(async (error: unknown) => {
      connection.client.destroy();
      subscriber.client.destroy();
      throw error;
    });
    return new RedisCore(options, connection, subscriber);
  }

  keys(workshopId: WorkshopId): WorkshopKeys {
    return workshopKeys(this.options.keyPrefix, workshopId);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * Runs a script by its SHA, loading it once more when Redis has forgotten it (restart, SCRIPT
   * FLUSH). A script that found the workshop gone (GONE) is NOT_FOUND.
   */
  async run(lua: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      try {
        return await this.bounded(this.client.evalSha(lua.sha, options));
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await this.bounded(this.client.eval(lua.source, options));
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("GONE")) {
        throw new DomainError("NOT_FOUND", "no such workshop");
      }
      throw error;
    }
  }

  /**
   * No store call may hang: Redis down, hung or reconnecting becomes UNAVAILABLE within the
   * timeout. This is the only timeout a command gets (see createRedisConnection).
   */
  bounded<T>(operation: Promise<T>): Promise<T> {
    const observe = this.observeCall;
    const bounded = withTimeout(operation, this.options.commandTimeoutMs).catch(unavailableUnlessRedisSaidNo);
    if (!observe) return bounded;
    const started = performance.now();
    return bounded.then(
      (value) => {
        observe((performance.now() - started) / 1000, true);
        return value;
      },
      (error: unknown) => {
        // A refusal from a script (GONE, a conflict) is an answer too; only UNAVAILABLE is not.
        observe((performance.now() - started) / 1000, !(error instanceof StoreUnavailableError));
        throw error;
      },
    );
  }

  /** Where a command's first result is kept: today's and yesterday's record sets, and its keyed id. */
  commandRecord(workshopId: WorkshopId, command: CommandRef) {
    const keys = this.keys(workshopId);
    const { day, expiresAt } = commandRecordDay(this.now());
    return {
      keys: [keys.commandRecords(day), keys.commandRecords(day - 1)],
      id: this.options.keys.commandRecordId(workshopId, command.actorId, command.commandId),
      /** Seconds, for EXPIREAT. */
      expiresAt: expiresAt / 1000,
    };
  }

  /** A command's first result, if its record is still there (today's or yesterday's set). */
  async commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    const { keys, id } = this.commandRecord(workshopId, command);
    const first = `[${id}|`;
    const last = `(${id}}`;
    const [today, yesterday] = await this.bounded(
      Promise.all(keys.map((key) => this.client.zRangeByLex(key, first, last, { LIMIT: { offset: 0, count: 1 } }))),
    );
    const member = today?.[0] ?? yesterday?.[0];
    return member === undefined ? null : (JSON.parse(member.slice(id.length + 1)) as T);
  }

  async subscribeChannel(channel: string, listener: (message: string) => void): Promise<Unsubscribe> {
    await this.bounded(this.subscriber.sSubscribe(channel, listener));
    return async () => {
      await this.bounded(this.subscriber.sUnsubscribe(channel, listener));
    };
  }

  /**
   * Recorded before the connection itself, so a node that dies in between still gets reaped.
   * Once per node and workshop is enough (the set is only deleted when the node is dead).
   */
  async rememberNodeWorkshop(connectionId: string, workshopId: WorkshopId): Promise<void> {
    const nodeId = connectionId.split("/")[0] ?? "";
    const key = `${nodeId}|${workshopId}`;
    if (this.rememberedNodeWorkshops.has(key)) return;
    await this.bounded(this.client.sAdd(this.global.nodeWorkshops(nodeId), workshopId));
    this.rememberedNodeWorkshops.add(key);
  }

  /** A deleted workshop leaves no live node's list of workshops to reap. */
  async forgetNodeWorkshops(workshopId: WorkshopId): Promise<void> {
    for (const nodeId of await this.bounded(this.client.zRange(this.global.nodes, 0, -1))) {
      await this.bounded(this.client.sRem(this.global.nodeWorkshops(nodeId), workshopId));
    }
    for (const remembered of [...this.rememberedNodeWorkshops]) {
      if (remembered.endsWith(`|${workshopId}`)) this.rememberedNodeWorkshops.delete(remembered);
    }
  }

  /**
   * Every key matching a pattern (SCAN; rare housekeeping only), page by page. On a cluster each
   * primary is scanned in turn: a SCAN sees one server's keys. While a slot migrates its keys can
   * be on two primaries, so a key may come twice; callers are idempotent.
   */
  async scanEach(pattern: string, onPage: (keys: string[]) => Promise<void>): Promise<void> {
    for (const server of await this.bounded(this.connection.primaries())) {
      let cursor = "0";
      do {
        const page = await this.bounded(server.scan(cursor, { MATCH: pattern, COUNT: 1000 }));
        cursor = String(page.cursor);
        if (page.keys.length > 0) await onPage(page.keys);
      } while (cursor !== "0");
    }
  }

  /** Answers when every primary does (a cluster missing one serves none of its slots). */
  async ping(): Promise<void> {
    await this.bounded(
      this.connection.primaries().then((servers) => Promise.all(servers.map((server) => server.ping()))),
    );
  }

  async close(): Promise<void> {
    await closeRedisClients([this.client, this.subscriber], this.options.commandTimeoutMs);
  }
}

/**
 * A refusal Redis itself gave (and our domain errors) stays as it is; anything else is
 * UNAVAILABLE. A cluster's passing states are UNAVAILABLE too, and the client's retry (same
 * commandId) is applied once: CLUSTERDOWN (a primary failed, its replica not promoted yet),
 * TRYAGAIN (a script's keys split by a slot migration), too many MOVED/ASK redirections.
 * CROSSSLOT is a bug in a store (keys of two slots in one call): it stays as it is, and is logged.
 */
function unavailableUnlessRedisSaidNo(error: unknown): never {
  if (error instanceof DomainError) throw error;
  if (error instanceof Error && /^(NOSCRIPT|ERR|WRONGTYPE|GONE|CROSSSLOT)/.test(error.message)) throw error;
  throw new StoreUnavailableError();
}

function storeTarget(options: RedisStoreOptions): RedisTarget {
  if (options.cluster && options.url) throw new Error("a Redis store takes a url or a cluster, not both");
  if (options.cluster) return { kind: "cluster", ...options.cluster };
  if (options.url) return { kind: "single", url: options.url };
  throw new Error("a Redis store needs a url or a cluster");
}

/** A literal string inside a SCAN/ZSCAN MATCH pattern. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

export function parseOrNull<T>(json: string | null | undefined): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

export function pairsToRecord(pairs: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[pairs[i] as string] = pairs[i + 1] as string;
  return record;
}

/** The reply of the commit scripts: {'duplicate', firstResult} | {'conflict'} | {'applied', version}. */
export function commitOutcome<T>(
  reply: [string, string?],
  result: T,
): { status: "applied"; version: number; result: T } | { status: "duplicate"; result: T } | { status: "conflict" } {
  switch (reply[0]) {
    case "duplicate":
      return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
    case "conflict":
      return { status: "conflict" };
    default:
      return { status: "applied", version: Number(reply[1]), result };
  }
}

/** Close gracefully, but never wait on a Redis that is hung or gone: then drop the sockets. */
export async function closeRedisClients(clients: Array<{ close(): Promise<unknown>; destroy(): void }>, ms: number) {
  await withTimeout(Promise.allSettled(clients.map((client) => client.close())), ms).catch(() => {
    for (const client of clients) client.destroy();
  });
}

export class TimeoutError extends Error {}

export function withTimeout<T>(operation: Promise<T>, ms: number): Promise<T> {
  // One timer and one promise per call (it wraps every store command). Once the timeout has
  // answered, a late outcome of the operation has nobody to tell; the handlers below absorb it.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
