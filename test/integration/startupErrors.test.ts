import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { TEST_ANONYMITY_KEY } from "../helpers/server.js";

/** Starts `server/main.ts` as an operator would and waits for it to give up: its exit code and what it said. */
function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, HOST: "127.0.0.1", CLIENT_DIR: "", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += String(chunk);
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("start-up errors an operator can read", () => {
  it.each<{ what: string; env: Record<string, string>; says: string }>([
    {
      what: "Redis",
      env: { REDIS_URL: "redis://:s3cret-pass@127.0.0.1:1" },
      says: "cannot reach Redis at redis://:***@127.0.0.1:1 (REDIS_URL)",
    },
    {
      what: "a Redis Cluster",
      env: { REDIS_CLUSTER_NODES: "127.0.0.1:1,127.0.0.1:2", REDIS_PASSWORD: "s3cret-pass" },
      says: "cannot reach the Redis Cluster at 127.0.0.1:1,127.0.0.1:2 (REDIS_CLUSTER_NODES)",
    },
  ])("$what unreachable: says so, names where without the password, exits 1", async ({ env, says }) => {
    const { code, output } = await startExpectingFailure({
      PORT: "0",
      ...env,
      ANONYMITY_KEY: TEST_ANONYMITY_KEY,
      REDIS_COMMAND_TIMEOUT_MS: "200",
    });
    expect(code).toBe(1);
    expect(output).toContain(says);
    expect(output).not.toContain("s3cret-pass");
  });

  it("a port in use: one readable line, exit 1", async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const address = holder.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const { code, output } = await startExpectingFailure({ PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`port ${port} is already in use on 127.0.0.1 (PORT)`);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("contradicting settings: the start stops before anything listens", async () => {
    const { code, output } = await startExpectingFailure({
      PORT: "0",
      NOTES_UPDATE_MAX_BYTES: "70000",
      MAX_MESSAGE_BYTES: "65536",
    });
    expect(code).toBe(1);
    expect(output).toContain("NOTES_UPDATE_MAX_BYTES: must be below MAX_MESSAGE_BYTES");
    expect(output).not.toContain("listening on");
  });
});
