import { type ChildProcess, spawn } from "node:child_process";
import { TEST_ANONYMITY_KEY, TEST_DOOR_LIMITS } from "./server.js";

export interface NodeProcess {
  url: string;
  /** SIGKILL: the node dies mid-whatever, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM (a paused node is resumed first) and waits until it exited; SIGKILL if it does not in time. */
  stop(): Promise<void>;
  /**
   * SIGSTOP: the node hangs as in a long GC pause: its connections stay open, nothing answers,
   * none of its timers run (its liveness heartbeat neither) until resume().
   */
  pause(): void;
  /** SIGCONT: a paused node goes on where it stopped. */
  resume(): void;
  output(): string;
  /** Whether the process has ended (killed, or crashed). */
  exited(): boolean;
  /** Its exit code once it exited by itself (null: still running, or ended by a signal). */
  exitCode(): number | null;
}

/** How long a node gets to shut down on SIGTERM before stop() kills it (a cleanup never hangs a run). */
const STOP_GRACE_MS = 15_000;

/**
 * A server node in its own process (`node --import tsx server/main.ts`, never `npx tsx`,
 * which can orphan the server when killed), so a test can kill it like a crash. It listens on a
 * port the OS gives it (PORT=0) and says which in its log: no port is picked first and bound later,
 * when another process may have taken it.
 */
export async function spawnNode(env: Record<string, string>): Promise<NodeProcess> {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
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
  let url: string;
  try {
    url = await readyUrl(child, () => output);
  } catch (error) {
    // Never leave an orphan server behind a failed start.
    child.kill("SIGKILL");
    throw error;
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (name: NodeJS.Signals) => {
    if (exited()) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill(name);
    });
  };
  const stop = async () => {
    if (exited()) return;
    // A stopped process keeps SIGTERM pending until it runs again: wake it first.
    child.kill("SIGCONT");
    const grace = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    try {
      await signal("SIGTERM");
    } finally {
      clearTimeout(grace);
    }
  };
  return {
    url,
    // SIGKILL ends a paused process as well.
    kill: () => signal("SIGKILL"),
    stop,
    pause: () => void (exited() || child.kill("SIGSTOP")),
    resume: () => void (exited() || child.kill("SIGCONT")),
    output: () => output,
    exited,
    exitCode: () => child.exitCode,
  };
}

/** The node's address once it listens (its log says where) and answers /readyz. */
async function readyUrl(child: ChildProcess, output: () => string): Promise<string> {
  // Generous: compiling with tsx on a busy 2-core machine is slow (27 s for one node seen at a
  // load average of 46, two nodes at once past 60 s).
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${output()}`);
    const port = listeningPort(output());
    if (port !== null && (await isReady(`http://127.0.0.1:${port}`))) return `http://127.0.0.1:${port}`;
    if (Date.now() > deadline) throw new Error(`node did not become ready:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The port from the node's "listening on" log line (server/main.ts, a JSON line at info level), if written yet. */
function listeningPort(output: string): number | null {
  for (const line of output.split("\n")) {
    if (!line.includes('"listening on ')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
      if (typeof entry.msg === "string" && entry.msg.startsWith("listening on ") && typeof entry.port === "number") {
        return entry.port;
      }
    } catch {
      // a line still being written
    }
  }
  return null;
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).status === 200;
  } catch {
    return false; // not answering yet
  }
}
