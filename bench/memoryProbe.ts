import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * Preloaded into every server the bench starts (workshop and bare alike), with --expose-gc:
 * on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() to
 * BENCH_MEMORY_FILE, with the event-loop delay since the previous SIGUSR2 (or the start).
 * RSS alone mostly shows when V8 last collected; the live heap after a full collection shows
 * what connections really keep. The delay is read before the collection and its histogram
 * reset after it, so the forced GC never counts as delay. The server's own code is unchanged.
 *
 * BENCH_HEAP_SAMPLE=1 also samples allocations (V8's sampling heap profiler, collected objects
 * included: what the garbage collector has to deal with, not what stays) and on each SIGUSR2
 * writes the samples since the previous one to `<BENCH_MEMORY_FILE>.<n>.heapprofile` (the
 * benches signal before and after each storm, so one file covers the storm).
 */
const file = process.env.BENCH_MEMORY_FILE;
const heapSession = file && process.env.BENCH_HEAP_SAMPLE === "1" ? new Session() : null;
let heapProfiles = 0;

function startHeapSampling(session: Session): void {
  session.post("HeapProfiler.startSampling", {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

if (heapSession) {
  heapSession.connect();
  heapSession.post("HeapProfiler.enable");
  startHeapSampling(heapSession);
}
/** Sampling interval of the delay histogram; what it records is the interval itself plus the delay. */
const RESOLUTION_MS = 10;
if (file) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  const beyond = (nanoseconds: number) =>
    Number.isFinite(nanoseconds) ? Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS) : 0;
  process.on("SIGUSR2", () => {
    if (heapSession) {
      const index = ++heapProfiles;
      heapSession.post("HeapProfiler.stopSampling", (error, result) => {
        if (!error) writeFileSync(`${file}.${index}.heapprofile`, JSON.stringify(result.profile));
        startHeapSampling(heapSession);
      });
    }
    const loopDelay = {
      p50Ms: beyond(loop.percentile(50)),
      p99Ms: beyond(loop.percentile(99)),
      maxMs: beyond(loop.max),
      meanMs: beyond(loop.mean),
    };
    globalThis.gc?.();
    globalThis.gc?.();
    loop.reset();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage(), loopDelay }));
  });
}
