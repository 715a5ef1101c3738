import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { inject, onTestFinished } from "vitest";
import { type App, createApp } from "../../server/app.js";
import { type Config, loadConfig } from "../../server/config.js";
import { createLogger } from "../../server/logger.js";
import { createRuntime, type Runtime } from "../../server/runtime.js";
import type { Stores } from "../../server/store/stores.js";

export interface StartServerOptions {
  store?: "memory" | "redis";
  /** Redis to use (default: the suite's Redis). */
  redisUrl?: string;
  /** Key prefix; nodes of one test share it, tests never do. */
  keyPrefix?: string;
  clientDir?: string;
  env?: Record<string, string>;
}

export interface TestServer {
  url: string;
  port: number;
  app: App;
  stores: Stores;
  runtime: Runtime;
  config: Config;
  /** Every log line this node wrote, as JSON text (for "logs never contain X" checks). */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * The ANONYMITY_KEY of every test node (in-process and child process): nodes of one test must
 * share it, like a deployment's nodes. Never a real deployment's key.
 */
export const TEST_ANONYMITY_KEY = "test-anonymity-key-0123456789abcdefghijklmnop";

/**
 * Every test client connects from 127.0.0.1, and suites create workshops and join people by
 * the hundred: the door limits are lifted unless a test sets them (test/multinode/doorLimits).
 */
export const TEST_DOOR_LIMITS = {
  RATE_CREATE_PER_HOUR: "100000",
  RATE_JOIN_FAILURES_PER_HOUR: "100000",
  RATE_JOINS_PER_ADDRESS_PER_MINUTE: "1000000",
  RATE_JOINS_PER_WORKSHOP_PER_MINUTE: "1000000",
} as const;

/** A unique prefix per test, so tests share one Redis without ever seeing each other's keys. */
export function uniquePrefix(): string {
  return `test:${randomBytes(6).toString("hex")}:`;
}

/**
 * A real server node on a free port (port 0), with real Socket.IO and the chosen store. Whoever
 * starts it closes it: a file's afterAll, or, inside a test, serverForThisTest.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const useRedis = (options.store ?? "memory") === "redis";
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    REDIS_COMMAND_TIMEOUT_MS: "3000",
    ...TEST_DOOR_LIMITS,
    ...(useRedis
      ? {
          REDIS_URL: options.redisUrl ?? inject("redisUrl"),
          REDIS_KEY_PREFIX: options.keyPrefix ?? uniquePrefix(),
          ANONYMITY_KEY: TEST_ANONYMITY_KEY,
        }
      : {}),
    ...(options.clientDir ? { CLIENT_DIR: options.clientDir } : {}),
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = createLogger(
    config.LOG_LEVEL,
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const runtime = await createRuntime(config, logger);
  const app = createApp({
    config,
    stores: runtime.stores,
    logger,
    nodeId: runtime.nodeId,
    keys: runtime.keys,
    adapter: runtime.adapter,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const address = app.httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    stores: runtime.stores,
    runtime,
    config,
    logLines,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await runtime.close();
    },
  };
}

/** startServer for the running test: closed when the test ends, passed or failed. */
export async function serverForThisTest(options: StartServerOptions = {}): Promise<TestServer> {
  const server = await startServer(options);
  onTestFinished(() => server.close());
  return server;
}
