import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchLogger, helpIfAsked } from "./cluster.js";

/**
 * What every orchestrator does once its settings are read (so that --help can list them): answer
 * `--help` and exit, or start its clock, its logger (seconds since that start) and its log
 * directory, made under the system's temp directory with this prefix and kept after the run.
 */
export function startBench(
  logDirPrefix: string,
  summary: string,
  more: Record<string, string> = {},
): { logDir: string; log: (line: string) => void } {
  helpIfAsked(summary, more);
  const log = benchLogger(Date.now());
  const logDir = mkdtempSync(path.join(tmpdir(), logDirPrefix));
  return { logDir, log };
}
