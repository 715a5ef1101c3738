import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createClient, type RedisClientType } from "redis";
import { type RedisProcess, startRedisServer } from "./redisServer.js";

const run = promisify(execFile);

export interface RedisClusterProcess {
  /** Every node as `127.0.0.1:<port>`, comma-separated: what REDIS_CLUSTER_NODES takes. */
  nodes: string;
  servers: RedisProcess[];
  /** The server that is the primary of a key's slot now, as the cluster itself says. */
  primaryFor(key: string): Promise<RedisProcess>;
  /** The servers that replicate a primary now. */
  replicasOf(primary: RedisProcess): Promise<RedisProcess[]>;
  /** Until every live node says `cluster_state:ok` and they agree on who serves every slot. */
  untilHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  /** Default 3. */
  primaries?: number;
  /** Replicas per primary: 0 (default) or 1 for failover tests. */
  replicas?: 0 | 1;
  /** How long a silent primary takes to be failed over, ms (cluster-node-timeout). Default 1000. */
  nodeTimeoutMs?: number;
  /** As redisServer.ts `durable` (default true). */
  durable?: boolean;
}

/**
 * A local Redis Cluster of private redis-servers on free ports, each with its own data directory
 * and AOF (redisServer.ts), joined by `redis-cli --cluster create`. Whoever starts it stops it
 * (a file's afterAll, or the global setup); a failed start stops what it started.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisClusterProcess> {
  const primaries = options.primaries ?? 3;
  const count = primaries * (1 + (options.replicas ?? 0));
  const cluster = { nodeTimeoutMs: options.nodeTimeoutMs ?? 1000 };
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startRedisServer(undefined, { cluster, ...(options.durable === false ? { durable: false } : {}) }),
    ),
  );
  const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run(
      process.env.REDIS_CLI_BIN ?? "redis-cli",
      ["--cluster", "create", ...addresses, "--cluster-replicas", String(options.replicas ?? 0), "--cluster-yes"],
      { timeout: 30_000 },
    );
    const byPort = new Map(servers.map((server) => [server.port, server]));
    const handle: RedisClusterProcess = {
      nodes: addresses.join(","),
      servers,
      async primaryFor(key) {
        const slots = await askAnyLive(servers, (client) => client.clusterSlots());
        const slot = Number(await askAnyLive(servers, (client) => client.clusterKeySlot(key)));
        const range = slots.find((entry) => entry.from <= slot && slot <= entry.to);
        const server = range && byPort.get(range.master.port);
        if (!server) throw new Error(`no primary serves slot ${slot}`);
        return server;
      },
      async replicasOf(primary) {
        const slots = await askAnyLive(servers, (client) => client.clusterSlots());
        const range = slots.find((entry) => entry.master.port === primary.port);
        return (range?.replicas ?? []).flatMap((replica) => byPort.get(replica.port) ?? []);
      },
      untilHealthy: (timeoutMs = 30_000) => untilHealthy(servers, primaries, timeoutMs),
      stop,
    };
    await handle.untilHealthy();
    // A replica attaches and becomes known by gossip after the slots are agreed: a failover test
    // that asks for the replica of a primary must not find none (seen once in CI).
    if ((options.replicas ?? 0) > 0) await untilEveryPrimaryHasAReplica(servers, 30_000);
    return handle;
  } catch (error) {
    await stop();
    throw error;
  }
}

type NodeClient = RedisClientType;

/** One answer from whichever node answers first in the list (killed ones do not). */
async function askAnyLive<T>(servers: RedisProcess[], ask: (client: NodeClient) => Promise<T>): Promise<T> {
  let lastError: unknown = new Error("no live node");
  for (const server of servers) {
    try {
      return await withNode(server, ask);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function withNode<T>(server: RedisProcess, ask: (client: NodeClient) => Promise<T>): Promise<T> {
  const client: NodeClient = createClient({
    url: server.url,
    socket: { connectTimeout: 1000, reconnectStrategy: false },
  }) as unknown as NodeClient;
  client.on("error", () => {});
  await client.connect();
  try {
    return await ask(client);
  } finally {
    client.destroy();
  }
}

/** Until every node lists a replica beside every primary in CLUSTER SLOTS. */
async function untilEveryPrimaryHasAReplica(servers: RedisProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const views = await Promise.all(
      servers.map((server) => withNode(server, (client) => client.clusterSlots()).catch(() => null)),
    );
    if (views.every((slots) => slots?.every((range) => range.replicas.length > 0))) return;
    if (Date.now() > deadline) throw new Error(`a primary had no replica known to every node within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Every node that answers says `cluster_state:ok`, every slot has a primary that answers, and
 * the answering nodes see the same number of primaries (a promotion has spread).
 */
async function untilHealthy(servers: RedisProcess[], primaries: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const views = await Promise.all(
      servers.map((server) =>
        withNode(server, async (client) => ({
          info: await client.clusterInfo(),
          slots: await client.clusterSlots(),
        })).catch(() => null),
      ),
    );
    const live = views.filter((view) => view !== null);
    const livePorts = new Set(servers.filter((_, index) => views[index] !== null).map((server) => server.port));
    const ok = live.every((view) => /cluster_state:ok/.test(view.info));
    const agreed = live.every(
      (view) =>
        view.slots.length >= primaries &&
        view.slots.every((range) => livePorts.has(range.master.port)) &&
        JSON.stringify(view.slots.map((range) => [range.from, range.master.port])) ===
          JSON.stringify(live[0]?.slots.map((range) => [range.from, range.master.port])),
    );
    if (live.length > 0 && ok && agreed) return;
    last = live.map((view) => view.info.split("\n")[0]).join(" ");
    if (Date.now() > deadline) throw new Error(`the cluster was not healthy within ${timeoutMs} ms: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
