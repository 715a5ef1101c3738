import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ProcSample {
  /** User + system CPU time of the whole process (all threads), seconds. */
  cpuSeconds: number;
  /** Resident set size, bytes. */
  rssBytes: number;
  /** Peak resident set size so far, bytes. */
  peakRssBytes: number;
}

function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

const ticksPerSecond = clockTicksPerSecond();

/**
 * Reads another process's CPU time and memory from /proc, so the servers need no
 * instrumentation: the numbers come from the kernel, the same for the workshop server and
 * the bare baseline. Linux only.
 */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the name, field 3 (state) is index 0, so utime (14) is 11 and stime (15) is 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    cpuSeconds: (utime + stime) / ticksPerSecond,
    rssBytes: statusKiB(status, "VmRSS") * 1024,
    peakRssBytes: statusKiB(status, "VmHWM") * 1024,
  };
}

function statusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

export interface MachineSample {
  /** CPU time spent busy (not idle, not waiting for I/O) on all CPUs together, seconds. */
  busySeconds: number;
}

/** Whole-machine CPU time from /proc/stat: with our own processes' time subtracted, what others used. */
export function sampleMachine(): MachineSample {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return { busySeconds: busy / ticksPerSecond };
}

/** Every named process's /proc numbers, the machine's busy time and the orchestrator's own CPU, at one moment. */
export interface Sample {
  at: number;
  procs: Map<string, ProcSample>;
  machine: MachineSample;
  benchCpuSeconds: number;
}

export function sampleAll(pids: ReadonlyMap<string, number>): Sample {
  const procs = new Map<string, ProcSample>();
  for (const [name, pid] of pids) {
    try {
      procs.set(name, sampleProcess(pid));
    } catch {
      // Gone: left out.
    }
  }
  const cpu = process.cpuUsage();
  return { at: Date.now(), procs, machine: sampleMachine(), benchCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** CPU seconds per process over one step, from /proc; others: the machine's busy time no process of the bench used. */
export interface CpuSpan {
  label: string;
  wallSeconds: number;
  byProcess: Record<string, number>;
  othersSeconds: number;
}

export function cpuSpan(label: string, from: Sample, to: Sample): CpuSpan {
  const byProcess: Record<string, number> = {};
  let ours = to.benchCpuSeconds - from.benchCpuSeconds;
  for (const [name, after] of to.procs) {
    const before = from.procs.get(name);
    if (!before) continue;
    byProcess[name] = after.cpuSeconds - before.cpuSeconds;
    ours += byProcess[name];
  }
  byProcess.orchestrator = to.benchCpuSeconds - from.benchCpuSeconds;
  const busy = to.machine.busySeconds - from.machine.busySeconds;
  return { label, wallSeconds: (to.at - from.at) / 1000, byProcess, othersSeconds: Math.max(0, busy - ours) };
}
