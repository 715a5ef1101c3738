import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { type RedisProcess, startRedisServer } from "./redisServer.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: RedisProcess | undefined;

/**
 * Once per run: a Redis for the suite (REDIS_URL if given, else a private redis-server; each
 * test still uses its own key prefix) and the built client for the browser tests.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.REDIS_URL) {
    project.provide("redisUrl", process.env.REDIS_URL);
  } else {
    redis = await startRedisServer();
    project.provide("redisUrl", redis.url);
  }
  if (
    process.env.SKIP_CLIENT_BUILD !== "1" &&
    (!existsSync("dist/client/index.html") || process.env.REBUILD_CLIENT === "1")
  ) {
    // The production build, as deployed (vitest's NODE_ENV=test would give Preact's debug build).
    execFileSync("npx", ["vite", "build", "--config", "client/vite.config.ts", "--logLevel", "warn"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
