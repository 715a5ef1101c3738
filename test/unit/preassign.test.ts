import { describe, expect, it } from "vitest";
import {
  PREASSIGN_MAX_BYTES,
  PREASSIGN_MAX_LINES,
  parsePreassignList,
} from "../../server/domain/breakout/preassign.js";

const people = [
  { participantId: "p000000000000001", displayName: "Anh Nguyen" },
  { participantId: "p000000000000002", displayName: "Somchai" },
  { participantId: "p000000000000003", displayName: "Dewi" },
  { participantId: "p000000000000004", displayName: "Dewi" },
  // "José" written with a combining accent (NFD), as some keyboards produce it
  { participantId: "p000000000000005", displayName: "Jose\u0301 Ramos" },
  { participantId: "p000000000000006", displayName: "Nguyen, Anh" },
];
const rooms = [
  { roomId: "r1", name: "Forced labour" },
  { roomId: "r2", name: "Survivor engagement" },
  { roomId: "r3", name: "Partnerships, resources" },
];
const parse = (text: string) => parsePreassignList(text, people, rooms);

describe("parsePreassignList", () => {
  it("accepts ->, =>, →, comma and tab as separators", () => {
    const result = parse(
      [
        "Anh Nguyen -> Forced labour",
        "Somchai => Survivor engagement",
        "p000000000000003 → Forced labour",
        "p000000000000004, Survivor engagement",
        "José Ramos\tForced labour",
      ].join("\n"),
    );
    expect(result.unmatched).toEqual([]);
    expect([...result.placement]).toEqual([
      ["p000000000000001", "r1"],
      ["p000000000000002", "r2"],
      ["p000000000000003", "r1"],
      ["p000000000000004", "r2"],
      ["p000000000000005", "r1"],
    ]);
  });

  it("takes the room after the last separator, so a name may hold a comma", () => {
    const result = parse("Nguyen, Anh -> Survivor engagement");
    expect(result.unmatched).toEqual([]);
    expect(result.placement.get("p000000000000006")).toBe("r2");
  });

  it("still finds a room whose own name holds a separator", () => {
    const result = parse("Somchai, Partnerships, resources");
    expect(result.unmatched).toEqual([]);
    expect(result.placement.get("p000000000000002")).toBe("r3");
  });

  it("matches names and rooms ignoring case, extra spaces and Unicode composition", () => {
    const result = parse(
      ["  ANH   nguyen  ->  forced   LABOUR ", "jos\u00e9 ramos -> SURVIVOR\u00a0ENGAGEMENT"].join("\r\n"),
    );
    expect(result.unmatched).toEqual([]);
    expect(result.placement.get("p000000000000001")).toBe("r1");
    expect(result.placement.get("p000000000000005")).toBe("r2");
  });

  it("matches by participant id, which resolves a shared display name", () => {
    const result = parse(["Dewi -> Forced labour", "p000000000000004 -> Forced labour"].join("\n"));
    expect(result.placement.get("p000000000000004")).toBe("r1");
    expect(result.placement.has("p000000000000003")).toBe(false);
    expect(result.unmatched).toEqual([{ line: 1, text: "Dewi -> Forced labour", reason: "ambiguous person" }]);
  });

  it("reports unknown people, unknown rooms and malformed lines with their line numbers", () => {
    const result = parse(
      ["Nobody -> Forced labour", "Somchai -> Room 99", "just a name", " -> Forced labour", "Somchai ->"].join("\n"),
    );
    expect(result.placement.size).toBe(0);
    expect(result.unmatched).toEqual([
      { line: 1, text: "Nobody -> Forced labour", reason: "unknown person" },
      { line: 2, text: "Somchai -> Room 99", reason: "unknown room" },
      { line: 3, text: "just a name", reason: "malformed" },
      { line: 4, text: "-> Forced labour", reason: "malformed" },
      { line: 5, text: "Somchai ->", reason: "malformed" },
    ]);
  });

  it("skips blank lines and # comments, and counts them in line numbers", () => {
    const result = parse(
      ["# round 1", "", "   ", "  # Somchai -> Forced labour", "Nobody -> Forced labour"].join("\n"),
    );
    expect(result.placement.size).toBe(0);
    expect(result.unmatched).toEqual([{ line: 5, text: "Nobody -> Forced labour", reason: "unknown person" }]);
  });

  it("lets a later line for the same person win", () => {
    const result = parse(["Somchai -> Forced labour", "Somchai -> Survivor engagement"].join("\n"));
    expect(result.placement.get("p000000000000002")).toBe("r2");
  });

  it("also accepts a room id", () => {
    expect(parse("Somchai -> r3").placement.get("p000000000000002")).toBe("r3");
  });

  it("a room name two rooms share names neither; their ids still work", () => {
    const twins = [...rooms, { roomId: "r4", name: "Forced labour" }];
    const result = parsePreassignList("Somchai -> Forced labour", people, twins);
    expect(result.unmatched).toEqual([{ line: 1, text: "Somchai -> Forced labour", reason: "unknown room" }]);
    expect(parsePreassignList("Somchai -> r4", people, twins).placement.get("p000000000000002")).toBe("r4");
  });

  it("copes with a line of a hundred thousand commas", () => {
    const result = parse(`Somchai${",".repeat(100_000)}Somewhere`);
    expect(result.placement.size).toBe(0);
    expect(result.unmatched.map((entry) => entry.reason)).toEqual(["unknown person"]);
  });

  it("reads at most 5,000 lines and reports the rest as malformed, without throwing", () => {
    const lines = Array.from({ length: PREASSIGN_MAX_LINES + 10 }, () => "Somchai -> Forced labour");
    lines[PREASSIGN_MAX_LINES - 1] = "Somchai -> Survivor engagement";
    lines[PREASSIGN_MAX_LINES] = "Anh Nguyen -> Forced labour";
    const result = parse(lines.join("\n"));
    expect(result.placement.get("p000000000000002")).toBe("r2");
    expect(result.placement.has("p000000000000001")).toBe(false);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]).toMatchObject({ line: PREASSIGN_MAX_LINES + 1, reason: "malformed" });
    expect(result.unmatched[0]?.text).toMatch(/^10 more lines not read/);
  });

  it("reads at most 200 KB, counting UTF-8 bytes, even from a huge paste", () => {
    const filler = `# ${"ไทย".repeat(300)}`; // Thai: 3 bytes a character, ~2.7 KB a line
    const lineCount = Math.ceil((PREASSIGN_MAX_BYTES * 3) / filler.length);
    const text = [
      "Somchai -> Forced labour",
      ...Array.from({ length: lineCount }, () => filler),
      "Anh Nguyen -> Forced labour",
    ].join("\n");
    const result = parse(text);
    expect(result.placement.get("p000000000000002")).toBe("r1");
    expect(result.placement.has("p000000000000001")).toBe(false);
    expect(result.unmatched).toHaveLength(1);
    const cut = result.unmatched[0]!;
    expect(cut.reason).toBe("malformed");
    // 2 + 300×3 characters a line, 2 + 900×3 bytes plus a newline: about 75 lines fit in 200 KB.
    expect(cut.line).toBeGreaterThan(70);
    expect(cut.line).toBeLessThan(80);
    expect(cut.text).toMatch(new RegExp(`^${lineCount + 2 - cut.line + 1} more lines not read`));

    const huge = `Somchai -> Forced labour\n${"x".repeat(5_000_000)}`;
    const hugeResult = parse(huge);
    expect(hugeResult.placement.get("p000000000000002")).toBe("r1");
    expect(hugeResult.unmatched).toEqual([
      { line: 2, text: expect.stringMatching(/^1 more line not read/), reason: "malformed" },
    ]);
  });

  it("a list of exactly the limits is read whole", () => {
    const line = "Somchai -> Forced labour";
    const text = Array.from({ length: PREASSIGN_MAX_LINES }, () => line).join("\n");
    expect(text.length).toBeLessThan(PREASSIGN_MAX_BYTES);
    expect(parse(text).unmatched).toEqual([]);
  });

  it("an empty list places nobody and reports nothing", () => {
    expect(parse("")).toEqual({ placement: new Map(), sourceLines: new Map(), unmatched: [] });
  });
});
