import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

/** What every project runs with. */
const common = {
  // Generous: the machine is shared and noisy; a slow pass is not a failure (no timing assertions).
  // Browser tests on a busy 2-core box take a minute or more; a hang still fails, just later.
  testTimeout: 240_000,
  hookTimeout: 120_000,
  // expect.poll waits this long by default (vitest's own 1 s is too short on a shared 2-core box);
  // a call that needs longer says so itself.
  expect: { poll: { timeout: 10_000 } },
  pool: "forks",
} as const;

/**
 * The suites that run a second time on a local Redis Cluster (project `redis-cluster`): every
 * store contract, and the multi-node suites of the main features. The same test files, with the
 * project as the parameter (test/helpers/redisBackend.ts).
 */
const CLUSTER_SUITES = [
  // Issue 18's forum-size scenario (300 people): on the cluster only, for the suite's time.
  "test/cluster/**/*.test.ts",
  "test/contract/**/*.test.ts",
  "test/integration/voterContextCache.test.ts",
  "test/multinode/twoNodes.test.ts",
  "test/multinode/pollNodes.test.ts",
  "test/multinode/breakoutNodes.test.ts",
  "test/multinode/qnaNodes.test.ts",
  "test/multinode/notesNodes.test.ts",
  "test/multinode/supportNodes.test.ts",
  "test/multinode/voterContextNodes.test.ts",
  "test/multinode/deletion.test.ts",
];

export default defineConfig({
  root,
  test: {
    // The root's global setup runs once for every project: one Redis (and the built client).
    globalSetup: ["test/helpers/globalSetup.ts"],
    // Two cores: run files in parallel but not so many that timing-sensitive waits starve.
    maxWorkers: 2,
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test/.artifacts/vitest-report.json" }]],
    projects: [
      {
        root,
        test: {
          ...common,
          name: "redis",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/cluster/**"],
        },
      },
      {
        root,
        test: {
          ...common,
          name: "redis-cluster",
          include: CLUSTER_SUITES,
          // A local Redis Cluster of three primaries, once per run of this project.
          globalSetup: ["test/helpers/clusterSetup.ts"],
        },
      },
    ],
  },
});
