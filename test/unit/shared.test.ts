import { describe, expect, it } from "vitest";
import { formatJoinCode, JOIN_CODE_ALPHABET, JoinCodeSchema, normalizeJoinCode } from "../../shared/ids.js";
import { DisplayNameSchema, HandshakeAuthSchema, WorkshopTitleSchema } from "../../shared/workshop.js";

describe("join codes", () => {
  it("use no confusable characters", () => {
    for (const confusable of ["0", "O", "1", "I"]) expect(JOIN_CODE_ALPHABET).not.toContain(confusable);
  });
  it("are accepted as people type them and shown as ABC-DEF", () => {
    expect(normalizeJoinCode(" abc-def ")).toBe("ABCDEF");
    expect(JoinCodeSchema.parse("abc def")).toBe("ABCDEF");
    expect(formatJoinCode("ABCDEF")).toBe("ABC-DEF");
    expect(JoinCodeSchema.safeParse("ABCDE").success).toBe(false);
    expect(JoinCodeSchema.safeParse("ABCDE0").success).toBe(false);
  });
});

describe("display names", () => {
  it.each([
    ["  Mai  ", "Mai"],
    ["Nga\u0300", "Ngà"],
    ["สมชาย", "สมชาย"],
    ["नेपाली", "नेपाली"],
    ["a".repeat(40), "a".repeat(40)],
    ["👩🏽‍💻 dev", "👩🏽‍💻 dev"],
    ["with a joiner: ক্\u200Dষ", "with a joiner: ক্\u200Dষ"],
  ])("accepts %j", (raw, expected) => {
    expect(DisplayNameSchema.parse(raw)).toBe(expected);
  });
  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["too long", "a".repeat(41)],
    ["a newline", "a\nb"],
    ["a NUL", "a\u0000b"],
    ["right-to-left override", "evil\u202Etxt"],
    ["an isolate", "a\u2066b"],
    ["a zero-width space", "a\u200Bb"],
    ["not a string", 42],
  ])("refuses %s", (_label, raw) => {
    expect(DisplayNameSchema.safeParse(raw).success).toBe(false);
  });
  it("titles follow the same rules with room for 120 characters", () => {
    expect(WorkshopTitleSchema.parse(` ${"t".repeat(120)} `)).toHaveLength(120);
    expect(WorkshopTitleSchema.safeParse("t".repeat(121)).success).toBe(false);
  });
});

describe("handshake auth", () => {
  it("takes exactly one way in, strictly", () => {
    expect(HandshakeAuthSchema.safeParse({ joinCode: "ABCDEF", displayName: "A" }).success).toBe(true);
    expect(HandshakeAuthSchema.safeParse({ joinCode: "ABCDEF", displayName: "A", role: "facilitator" }).success).toBe(
      false,
    );
    expect(HandshakeAuthSchema.safeParse({ sessionToken: `w${"a".repeat(15)}.${"b".repeat(43)}` }).success).toBe(true);
    expect(HandshakeAuthSchema.safeParse({}).success).toBe(false);
  });
});
