import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/globalSetup.ts"],
    // Generous: the machine is shared and noisy; a slow pass is not a failure (no timing assertions).
    // Browser tests on a busy 2-core box take a minute or more; a hang still fails, just later.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // expect.poll waits this long by default (vitest's own 1 s is too short on a shared 2-core box);
    // a call that needs longer says so itself.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: run files in parallel but not so many that timing-sensitive waits starve.
    maxWorkers: 2,
    pool: "forks",
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test/.artifacts/vitest-report.json" }]],
  },
});
