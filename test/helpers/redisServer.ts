import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports.js";

export interface RedisProcess {
  url: string;
  port: number;
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

/**
 * A private redis-server on a free port, with AOF (appendfsync always) so a restart keeps
 * every acknowledged write. Tests that kill or restart Redis use this, never a shared one.
 */
export async function startRedisServer(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "wk-redis-"));
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  let child: ChildProcess | null = null;

  const launch = async () => {
    child = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--dir",
        dir,
      ],
      { stdio: "ignore" },
    );
    await waitForPort(port);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    restart: launch,
    pause: () => void (child as ChildProcess | null)?.kill("SIGSTOP"),
    resume: () => void (child as ChildProcess | null)?.kill("SIGCONT"),
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}
