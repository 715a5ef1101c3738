import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports.js";

export interface RedisProcess {
  url: string;
  port: number;
  /** The redis-server process now (a restart makes a new one); the benches read its CPU from /proc. */
  readonly pid: number;
  /** Its data directory (the AOF lives in `appendonlydir/` there). */
  dir: string;
  /** kill -9, as a crash would. */
  kill(): Promise<void>;
  /** SIGSTOP: Redis hangs (accepts nothing, answers nothing) until resume(). */
  pause(): void;
  resume(): void;
  /** Start again on the same port and data directory (AOF replays what was acknowledged). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** How many fresh ports startRedisServer tries when the one it picked was taken before redis-server bound it. */
const PORT_ATTEMPTS = 5;

export interface RedisServerOptions {
  /**
   * An RDB snapshot (a backup's `dump.rdb`) to start from: copied into the new data directory and
   * loaded with AOF off, since a Redis 7 that starts with `appendonly yes` and no AOF yet makes an
   * empty one and ignores the RDB. Turn AOF on afterwards (`CONFIG SET appendonly yes`);
   * restart() starts it with AOF off again.
   */
  restoreRdb?: string;
  /**
   * A Redis Cluster node (test/helpers/redisCluster.ts): `--cluster-enabled yes`, its node table
   * in its own data directory, and the cluster bus on a second free port (the default, port +
   * 10000, can be past 65535 for an ephemeral port). `nodeTimeoutMs`: how long a silent primary
   * takes to be failed over.
   */
  cluster?: { nodeTimeoutMs: number };
  /**
   * AOF with `appendfsync always` (the default: a restart keeps every acknowledged write); false:
   * nothing on disk, as the benches' Redis (they measure the server, not the disk).
   */
  durable?: boolean;
}

/**
 * A private redis-server on a free port, with AOF (appendfsync always) so a restart keeps
 * every acknowledged write. Tests that kill or restart Redis use this, never a shared one.
 * The port is picked first and bound by redis-server after; if another process took it in
 * between, redis-server exits and another port is tried. `pickPort` picks each one (the OS's
 * choice; a test of this retry passes its own).
 */
export async function startRedisServer(
  pickPort: () => Promise<number> = freePort,
  options: RedisServerOptions = {},
): Promise<RedisProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "wk-redis-"));
  if (options.restoreRdb) copyFileSync(options.restoreRdb, path.join(dir, "dump.rdb"));
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  let port = 0;
  let child: ChildProcess | null = null;

  /** Starts redis-server on `port`: "ready", or "port taken" when it could not bind it. */
  let busPort = 0;
  const launch = async (): Promise<"ready" | "port taken"> => {
    const clusterArgs = options.cluster
      ? [
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes.conf",
          "--cluster-port",
          String(busPort),
          "--cluster-node-timeout",
          String(options.cluster.nodeTimeoutMs),
        ]
      : [];
    const started = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        options.restoreRdb || options.durable === false ? "no" : "yes",
        "--appendfsync",
        "always",
        "--dir",
        dir,
        ...clusterArgs,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = started;
    return await untilReady(started, port);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  try {
    for (let attempt = 1; ; attempt++) {
      port = await pickPort();
      if (options.cluster) busPort = await freePort();
      if ((await launch()) === "ready") break;
      if (attempt >= PORT_ATTEMPTS) throw new Error(`redis-server found no free port in ${PORT_ATTEMPTS} tries`);
    }
  } catch (error) {
    await kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return (child as ChildProcess | null)?.pid ?? -1;
    },
    dir,
    kill,
    async restart() {
      // Same port (the URL the test holds): if something took it meanwhile, say so.
      if ((await launch()) !== "ready") throw new Error(`redis-server could not bind ${port} again: taken`);
    },
    pause: () => void (child as ChildProcess | null)?.kill("SIGSTOP"),
    resume: () => void (child as ChildProcess | null)?.kill("SIGCONT"),
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Until redis-server says it is ready (its AOF loaded, accepting connections), or exits. An
 * exit because the port is in use is "port taken"; any other end, or none within 10 s, throws.
 */
function untilReady(child: ChildProcess, port: number): Promise<"ready" | "port taken"> {
  let log = "";
  const onOutput = (chunk: Buffer) => {
    // The last few lines are enough to explain a failure; the stream is drained either way.
    log = (log + String(chunk)).slice(-4000);
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      child.stdout?.off("data", onReady);
      child.off("close", onExit);
      child.off("error", onError);
      outcome();
    };
    const onReady = () => {
      if (/Ready to accept connections/.test(log)) finish(() => resolve("ready"));
    };
    const onExit = () => {
      if (/Address already in use/i.test(log)) finish(() => resolve("port taken"));
      else finish(() => reject(new Error(`redis-server exited on port ${port}:\n${log}`)));
    };
    const onError = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(() => reject(new Error(`redis-server was not ready on port ${port} within 10 s:\n${log}`)));
    }, 10_000);
    child.stdout?.on("data", onReady);
    child.once("close", onExit);
    child.once("error", onError);
  });
}
