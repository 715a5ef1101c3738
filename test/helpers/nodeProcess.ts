import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./ports.js";
import { TEST_ANONYMITY_KEY, TEST_DOOR_LIMITS } from "./server.js";

export interface NodeProcess {
  url: string;
  /** SIGKILL: the node dies mid-whatever, as in a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * A server node in its own process (`node --import tsx server/main.ts`, never `npx tsx`,
 * which can orphan the server when killed), so a test can kill it like a crash.
 */
export async function spawnNode(env: Record<string, string>): Promise<NodeProcess> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      CLIENT_DIR: "",
      ANONYMITY_KEY: TEST_ANONYMITY_KEY,
      ...TEST_DOOR_LIMITS,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000; // generous: compiling with tsx on a busy 2-core machine is slow
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node exited early:\n${output}`);
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`node did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    // Never leave an orphan server behind a failed start.
    child.kill("SIGKILL");
    throw error;
  }
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill(name);
    });
  };
  return { url, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM"), output: () => output };
}
