import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  NAMED_SCENARIOS,
  outcomeHash,
  type RecordedOutcome,
  recordOutcome,
  runScenario,
  SWEEP_SCENARIOS,
} from "../fixtures/assignmentScenarios.js";

// What assignBalanced answered for these scenarios before it was split into steps (commit
// 379caa3, one function). Same seed, same input: the same placement, in the same order, and
// the same report, word for word. Re-record (test/fixtures/recordAssignment.ts) only for a
// change of behaviour that is meant.
const recorded = JSON.parse(readFileSync(new URL("../fixtures/assignmentRecorded.json", import.meta.url), "utf8")) as {
  named: RecordedOutcome[];
  sweep: string[];
};

describe("assignBalanced gives what it gave when recorded", () => {
  it("has a recording for every scenario", () => {
    expect(recorded.named.map((entry) => entry.name)).toEqual(NAMED_SCENARIOS.map((scenario) => scenario.name));
    expect(recorded.sweep).toHaveLength(SWEEP_SCENARIOS.length);
  });

  for (const [index, scenario] of NAMED_SCENARIOS.entries()) {
    it(scenario.name, () => {
      expect(recordOutcome(scenario.name, runScenario(scenario))).toEqual(recorded.named[index]);
    });
  }

  it(`${SWEEP_SCENARIOS.length} small random scenarios`, () => {
    const drifted = SWEEP_SCENARIOS.flatMap((scenario, index) =>
      outcomeHash(runScenario(scenario)) === recorded.sweep[index] ? [] : [scenario.name],
    );
    expect(drifted).toEqual([]);
  });
});
