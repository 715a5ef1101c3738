import { writeFileSync } from "node:fs";

/**
 * Preloaded into every server the bench starts (workshop and bare alike), with --expose-gc:
 * on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() to
 * BENCH_MEMORY_FILE. RSS alone mostly shows when V8 last collected; the live heap after a
 * full collection shows what connections really keep. The server's own code is unchanged.
 */
const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on("SIGUSR2", () => {
    globalThis.gc?.();
    globalThis.gc?.();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
