import { describe, expect, it } from "vitest";
import { extractOutcomes, OUTCOME_PREFIX, outcomeOfLine } from "../../shared/outcomes.js";

describe("outcome markers", () => {
  it("finds decisions, actions with owner and due date in either order, and recommendations", () => {
    const notes = [
      "# Round 1",
      "Some discussion.",
      "- [Decision] Open two more shelters",
      "* [action] Draft the referral protocol @Amal due:2026-12-15",
      "- [Action] Call the ministry due:2026-12-01 @Bo",
      "- [Recommendation]   Fund legal aid  ",
      "- [Decision]",
      "- [Idea] not a marker",
      "[Decision] not a list item",
    ].join("\n");
    expect(extractOutcomes(notes)).toEqual([
      { kind: "decision", text: "Open two more shelters", owner: null, due: null, line: 3 },
      { kind: "action", text: "Draft the referral protocol", owner: "Amal", due: "2026-12-15", line: 4 },
      { kind: "action", text: "Call the ministry", owner: "Bo", due: "2026-12-01", line: 5 },
      { kind: "recommendation", text: "Fund legal aid", owner: null, due: null, line: 6 },
    ]);
  });

  it("the toolbar prefixes make markers", () => {
    for (const [kind, prefix] of Object.entries(OUTCOME_PREFIX)) {
      expect(outcomeOfLine(`${prefix}Something`)?.kind).toBe(kind);
    }
  });
});
