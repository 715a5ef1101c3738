import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createConnection } from "node:net";

/**
 * Every child the bench starts is tracked here, so a timeout, a signal or a crash of the
 * orchestrator still ends all of them (servers, Redis, load generators).
 */
const children = new Set<ChildProcess>();

export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Last resort: SIGKILL whatever is still running (synchronous, safe in an 'exit' handler). */
export function killAllNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the child ignored SIGTERM for graceMs and was killed. */
  forced: boolean;
}

export function exitText(exit: ExitInfo): string {
  if (exit.forced) return "killed after ignoring SIGTERM";
  if (exit.code === 0) return "clean";
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** SIGTERM, then SIGKILL after graceMs. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return { code: child.exitCode, signal: child.signalCode, forced: false };
  }
  const done = exited(child);
  child.kill("SIGTERM");
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    child.kill("SIGKILL");
  }, graceMs);
  const info = await done;
  clearTimeout(timer);
  return { ...info, forced };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertRunning(child: ChildProcess, what: string, logPath: string): void {
  if (child.exitCode === null && child.signalCode === null) return;
  throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) while starting; log:\n${tail(logPath, 20)}`);
}

/**
 * How long a child gets to answer, s: BENCH_START_TIMEOUT_S (30). A box shared with other runs
 * (load far above its cores) can take longer than that just to compile the server.
 */
const startTimeoutS = Number(process.env.BENCH_START_TIMEOUT_S ?? 30);

/** Polls an HTTP URL until it answers 200, the child dies, or the deadline passes. */
export async function waitForHttp(url: string, child: ChildProcess, what: string, logPath: string): Promise<void> {
  const deadline = Date.now() + startTimeoutS * 1000;
  while (Date.now() < deadline) {
    assertRunning(child, what, logPath);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer ${url} within ${startTimeoutS} s; log:\n${tail(logPath, 20)}`);
}

export async function waitForPort(port: number, child: ChildProcess, what: string, logPath: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    assertRunning(child, what, logPath);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`${what} did not listen on ${port} within 10 s; log:\n${tail(logPath, 20)}`);
}

export function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Stops the bench before it starts when the open-file limit is below what its busiest process
 * (`holder`: a server, a load generator) needs, one file per connection plus slack, saying how
 * to raise it: past the limit, connections fail in ways that look like the server's fault.
 */
export function requireOpenFiles(need: number, holder = "a process"): void {
  const limit = openFilesLimit();
  if (limit < need) {
    throw new Error(`open-file limit is ${limit}, ${holder} here needs about ${need}: run \`ulimit -n 65536\` first`);
  }
}

/** Soft limit on open files of this process (children inherit it), from /proc/self/limits. */
export function openFilesLimit(): number {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === "unlimited" ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return Number.NaN;
  }
}

/**
 * Runs an orchestrator's main: a hard timeout, SIGINT/SIGTERM or a failure stops every child
 * it started (and exits 2, 130 or 1); success exits 0.
 */
export function runMain(main: () => Promise<void>, timeoutS: number, log: (line: string) => void): void {
  const hardTimeout = setTimeout(() => {
    log(`hard timeout: still running after ${timeoutS} s, stopping everything`);
    killAllNow();
    process.exit(2);
  }, timeoutS * 1000);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping everything`);
      killAllNow();
      process.exit(130);
    });
  }
  process.on("exit", killAllNow);
  main()
    .then(() => {
      clearTimeout(hardTimeout);
      process.exit(0);
    })
    .catch((error: unknown) => {
      log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      killAllNow();
      process.exit(1);
    });
}
