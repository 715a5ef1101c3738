import { describe, expect, it } from "vitest";
import { reorderedSessions, sessionOf } from "../../server/domain/programme.js";
import {
  nowAndNext,
  orderedProgramme,
  type ProgrammeSessionView,
  SessionDraftSchema,
  sessionBoardId,
  sessionOfBoard,
} from "../../shared/programme.js";
import { BoardIdSchema } from "../../shared/qna.js";

const T0 = Date.UTC(2030, 2, 1, 9);
const MIN = 60_000;

function session(id: string, startMin: number, endMin: number, position: number): ProgrammeSessionView {
  return sessionOf(
    `e${id.padEnd(11, "0")}`,
    { title: id, kind: "panel", startsAt: T0 + startMin * MIN, endsAt: T0 + endMin * MIN },
    position,
  );
}

describe("programme order", () => {
  it("orders by start, then by position (creation or as reordered), whatever order they are stored in", () => {
    const opening = session("opening", 0, 60, 3);
    const trackA = session("tracka", 60, 120, 1);
    const trackB = session("trackb", 60, 90, 0);
    const closing = session("closing", 120, 150, 2);
    const titles = (list: ProgrammeSessionView[]) => list.map((s) => s.title);
    expect(titles(orderedProgramme([closing, trackA, opening, trackB]))).toEqual([
      "opening",
      "trackb",
      "tracka",
      "closing",
    ]);
    const reordered = reorderedSessions(
      [opening, trackA, trackB, closing],
      [trackA.sessionId, trackB.sessionId, opening.sessionId, closing.sessionId],
    );
    expect(titles(orderedProgramme(reordered))).toEqual(["opening", "tracka", "trackb", "closing"]);
  });

  it("a reorder must list every session exactly once", () => {
    const a = session("a", 0, 10, 0);
    const b = session("b", 0, 10, 1);
    for (const order of [[a.sessionId], [a.sessionId, a.sessionId], [a.sessionId, "e99999999999"]]) {
      expect(() => reorderedSessions([a, b], order)).toThrow(/every session/);
    }
  });
});

describe("now and next, with a test clock", () => {
  const opening = session("opening", 0, 60, 0);
  const panel = session("panel", 60, 120, 1);
  const workshop = session("workshop", 90, 150, 2);
  const programme = [workshop, panel, opening];
  const at = (minutes: number) => {
    const { now, next } = nowAndNext(programme, T0 + minutes * MIN);
    return { now: now.map((s) => s.title), next: next?.title ?? null };
  };

  it("moves as the clock passes each boundary (start inclusive, end exclusive)", () => {
    expect(at(-1)).toEqual({ now: [], next: "opening" });
    expect(at(0)).toEqual({ now: ["opening"], next: "panel" });
    expect(at(59.99)).toEqual({ now: ["opening"], next: "panel" });
    expect(at(60)).toEqual({ now: ["panel"], next: "workshop" });
    // Overlapping sessions are both on now.
    expect(at(100)).toEqual({ now: ["panel", "workshop"], next: null });
    expect(at(120)).toEqual({ now: ["workshop"], next: null });
    expect(at(150)).toEqual({ now: [], next: null });
  });
});

describe("session validation", () => {
  const valid = { title: "Survivor panel", kind: "panel", startsAt: T0, endsAt: T0 + 60 * MIN };

  it("takes a valid draft, trimmed and NFC, speakers as typed", () => {
    const parsed = SessionDraftSchema.parse({ ...valid, title: "  Cafe\u0301 talk ", speakers: [" Mira "] });
    expect(parsed.title).toBe("Café talk");
    expect(parsed.speakers).toEqual(["Mira"]);
  });

  it.each([
    ["ends before it starts", { endsAt: T0 - 1 }],
    ["ends when it starts", { endsAt: T0 }],
    ["lasts more than a day", { endsAt: T0 + 25 * 60 * MIN }],
    ["starts in 1970", { startsAt: 0, endsAt: 60 * MIN }],
    ["has an unknown kind", { kind: "keynote" }],
    ["has an empty title", { title: " " }],
    ["has a title too long", { title: "x".repeat(121) }],
    ["has too many speakers", { speakers: Array.from({ length: 13 }, (_, i) => `S${i}`) }],
    ["has an unknown field", { speakerIds: [] }],
  ])("refuses a session that %s", (_, change) => {
    expect(SessionDraftSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it("a session's board is a board id, and maps back to its session", () => {
    const id = session("panel", 0, 10, 0).sessionId;
    expect(BoardIdSchema.safeParse(sessionBoardId(id)).success).toBe(true);
    expect(sessionOfBoard(sessionBoardId(id))).toBe(id);
    expect(sessionOfBoard("plenary")).toBeNull();
    expect(BoardIdSchema.safeParse("session:nope").success).toBe(false);
  });
});
