import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Reads a V8 CPU profile (`--cpu-prof`, BENCH_PROFILE=1) and tells where one process spent a
 * time window. Profile timestamps are CLOCK_MONOTONIC microseconds, the clock of
 * process.hrtime() here, so a window taken with monotonicMicros() in the orchestrator selects
 * the samples of that window in any process of the machine.
 */

const CpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileEntry {
  name: string;
  ms: number;
}

export interface WindowProfile {
  label: string;
  /** Sampled time in the window, idle excluded, ms. */
  busyMs: number;
  idleMs: number;
  /** Time spent in the function itself. */
  self: ProfileEntry[];
  /** The server's own functions (server/, shared/) with everything they called (each counted once per sample). */
  inclusive: ProfileEntry[];
}

/** The largest .cpuprofile under `dir` (the main thread's; the module loader writes a small one too), or null. */
export function findProfile(dir: string): string | null {
  let best: { file: string; size: number } | null = null;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".cpuprofile")) continue;
      const file = path.join(dir, name);
      const size = statSync(file).size;
      if (!best || size > best.size) best = { file, size };
    }
  } catch {
    return null;
  }
  return best?.file ?? null;
}

function frameName(frame: { functionName: string; url: string; lineNumber: number }, root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  let where = frame.url.replace(/^file:\/\//, "");
  if (where.startsWith(root)) where = where.slice(root.length);
  const modules = where.lastIndexOf("node_modules/");
  if (modules >= 0) where = where.slice(modules + "node_modules/".length);
  // Files run through tsx report line 0: the file says enough.
  return frame.lineNumber > 0 ? `${name} ${where}:${frame.lineNumber + 1}` : `${name} ${where}`;
}

/** Self time by function, and inclusive time of the repository's own functions, within each window [from, to] (monotonic µs). */
export function profileWindows(
  file: string,
  windows: ReadonlyArray<{ label: string; from: number; to: number }>,
  repoRoot: string,
  limit = 8,
): WindowProfile[] {
  const profile = CpuProfileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const node of profile.nodes) {
    names.set(node.id, frameName(node.callFrame, repoRoot));
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const times: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) {
    at += delta;
    times.push(at);
  }
  return windows.map(({ label, from, to }) => {
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let busy = 0;
    let idle = 0;
    for (let index = 0; index < profile.samples.length; index++) {
      const time = times[index] ?? 0;
      if (time < from || time > to) continue;
      // Each sample stands for the time until the next one.
      const weight = ((times[index + 1] ?? time) - time) / 1000;
      const nodeId = profile.samples[index] ?? 0;
      const name = names.get(nodeId) ?? "?";
      if (name === "(idle)") {
        idle += weight;
        continue;
      }
      busy += weight;
      self.set(name, (self.get(name) ?? 0) + weight);
      const seen = new Set<string>();
      for (let node: number | undefined = nodeId; node !== undefined; node = parent.get(node)) {
        const frame = names.get(node) ?? "?";
        if (seen.has(frame) || !/ (server|shared)\//.test(frame)) continue;
        seen.add(frame);
        inclusive.set(frame, (inclusive.get(frame) ?? 0) + weight);
      }
    }
    const top = (map: Map<string, number>) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([name, ms]) => ({ name, ms }));
    return { label, busyMs: busy, idleMs: idle, self: top(self), inclusive: top(inclusive) };
  });
}
