import { describe, expect, it } from "vitest";
import { mentionedNames } from "../../client/src/views/report/nameCheck.js";

describe("report name check", () => {
  it("finds display names as whole words, any case, each once", () => {
    const text = "Amal said the shelters are full. AMAL agreed with Jo. Samaleh was absent. Nguyễn Văn An spoke.";
    expect(mentionedNames(text, ["Amal", "Jo", "Mal", "Nguyễn Văn An", "amal", "Fatima", "  "])).toEqual([
      "Amal",
      "Nguyễn Văn An",
    ]);
  });

  it("treats names as text, not patterns", () => {
    expect(mentionedNames("a+b met (c)", ["a+b", "(c)", ".*"])).toEqual(["a+b", "(c)"]);
  });
});
