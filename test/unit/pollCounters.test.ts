import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvTable } from "../../server/domain/export/csv.js";
import { countersOf, resultsFromCounters } from "../../server/domain/polls/counters.js";
import { pollCsv } from "../../server/domain/polls/export.js";
import {
  ballotRoom,
  closePoll,
  editDraft,
  managesPoll,
  newPoll,
  openPoll,
  seesPoll,
  seesResults,
} from "../../server/domain/polls/lifecycle.js";
import { tallyPoll } from "../../server/domain/polls/tally.js";
import type { RoundView } from "../../shared/breakout.js";
import { type Ballot, type PollDefinition, PollDefinitionSchema, type PollResults } from "../../shared/poll.js";

const OPTIONS = ["a", "b", "c", "d"].map((optionId) => ({ optionId, label: optionId.toUpperCase() }));
const ROOMS = ["mroom0000001", "mroom0000002", "mroom0000003"];

function define(kind: PollDefinition["kind"], everyRoom: boolean): PollDefinition {
  const common = {
    question: "Q",
    anonymous: false,
    resultsVisibility: "live",
    scope: everyRoom ? { kind: "everyRoom", roundId: "rround000001" } : { kind: "plenary" },
  };
  const byKind: Record<PollDefinition["kind"], object> = {
    single: { options: OPTIONS },
    multiple: { options: OPTIONS, minSelections: 1 },
    rating: { scale: 5 },
    text: {},
    ranking: { options: OPTIONS },
  };
  return PollDefinitionSchema.parse({ kind, ...common, ...byKind[kind] });
}

const WORDS = ["water", "Water", "school", "the", "safe", "work", "ทำงาน", "anak-anak", "don't"];

function ballotArbitrary(kind: PollDefinition["kind"]): fc.Arbitrary<Ballot> {
  switch (kind) {
    case "single":
      return fc.constantFrom(...OPTIONS).map((option) => ({ kind: "single", optionId: option.optionId }));
    case "multiple":
      return fc
        .subarray(
          OPTIONS.map((option) => option.optionId),
          { minLength: 1 },
        )
        .map((optionIds) => ({ kind: "multiple", optionIds }));
    case "rating":
      return fc.integer({ min: 1, max: 5 }).map((value) => ({ kind: "rating", value }));
    case "text":
      return fc
        .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 })
        .map((words) => ({ kind: "text", text: words.join(" ") }));
    case "ranking":
      return fc
        .shuffledSubarray(
          OPTIONS.map((option) => option.optionId),
          { minLength: 4, maxLength: 4 },
        )
        .map((order) => ({ kind: "ranking", order }));
  }
}

/** The word cloud's raw answers come from poll:answers, not the counters: compare without them. */
function withoutAnswers(results: PollResults): PollResults {
  if (results.kind !== "text") return results;
  const strip = (cloud: (typeof results)["combined"]) => ({ ...cloud, answers: null });
  return {
    ...results,
    combined: strip(results.combined),
    ...(results.byRoom
      ? { byRoom: Object.fromEntries(Object.entries(results.byRoom).map(([room, cloud]) => [room, strip(cloud)])) }
      : {}),
  };
}

describe("poll counters", () => {
  for (const kind of ["single", "multiple", "rating", "text", "ranking"] as const) {
    for (const everyRoom of [false, true]) {
      it(`${kind}${everyRoom ? " in every room" : ""}: counters of the ballots give the same results as tallying them`, () => {
        const definition = define(kind, everyRoom);
        fc.assert(
          fc.property(
            fc.array(fc.record({ room: fc.constantFrom(...ROOMS, null), ballot: ballotArbitrary(kind) }), {
              maxLength: 40,
            }),
            (cast) => {
              const placed = cast.map(({ room, ballot }) => ({ roomId: everyRoom ? room : null, ballot }));
              const counters = new Map<string, number>();
              for (const { roomId, ballot } of placed) {
                for (const name of countersOf(definition, ballot, roomId))
                  counters.set(name, (counters.get(name) ?? 0) + 1);
              }
              const expected = tallyPoll(definition, placed, { roomIds: everyRoom ? ROOMS : undefined });
              expect(resultsFromCounters(definition, counters, everyRoom ? ROOMS : [])).toEqual(
                withoutAnswers(expected),
              );
            },
          ),
          { numRuns: 60 },
        );
      });
    }
  }

  it("a changed ballot taken back leaves the counters as if it was never cast", () => {
    const definition = define("ranking", true);
    const counters = new Map<string, number>();
    const add = (ballot: Ballot, room: string, delta: number) => {
      for (const name of countersOf(definition, ballot, room)) counters.set(name, (counters.get(name) ?? 0) + delta);
    };
    add({ kind: "ranking", order: ["a", "b", "c", "d"] }, "mroom0000001", 1);
    add({ kind: "ranking", order: ["d", "c", "b", "a"] }, "mroom0000002", 1);
    add({ kind: "ranking", order: ["a", "b", "c", "d"] }, "mroom0000001", -1);
    const results = resultsFromCounters(definition, counters, ROOMS);
    expect(results.combined.voters).toBe(1);
    expect(
      results.kind === "ranking" && results.combined.options.find((option) => option.optionId === "d"),
    ).toMatchObject({ points: 3, rank: 1 });
  });
});

describe("poll lifecycle rules", () => {
  const round: RoundView = {
    roundId: "rround000001",
    number: 1,
    status: "open",
    rooms: [
      { roomId: "mroom0000001", name: "One", topic: "", capacity: null, leadId: "plead0000000000", closed: false },
    ],
    durationSeconds: 600,
    warningSeconds: 60,
    endsAt: 10_000,
    selfSelect: false,
    createdAt: 1,
  };
  const roomPoll = PollDefinitionSchema.parse({
    ...define("single", false),
    scope: { kind: "room", roomId: "mroom0000001" },
    resultsVisibility: "afterClose",
  });

  it("draft -> open (auto-close time set) -> closed -> reopened; only drafts are edited", () => {
    const draft = newPoll("opoll0000001", { ...roomPoll, autoCloseSeconds: 30 }, "pmaker000000000", 1000, false);
    expect(draft).toMatchObject({ status: "draft", openedAt: null, closesAt: null });
    const open = openPoll(draft, 2000);
    expect(open).toMatchObject({ status: "open", openedAt: 2000, closesAt: 32_000 });
    expect(() => openPoll(open, 3000)).toThrow(/already open/);
    expect(() => editDraft(open, roomPoll)).toThrow(/only a draft/);
    const closed = closePoll(open, 5000);
    expect(closed).toMatchObject({ status: "closed", closedAt: 5000 });
    expect(() => closePoll(closed, 6000)).toThrow(/not open/);
    expect(openPoll(closed, 7000)).toMatchObject({ status: "open", closesAt: 37_000, closedAt: null });
  });

  it("managers are facilitators and the lead of a room poll's room while the round runs", () => {
    expect(managesPoll({ participantId: "pany00000000000", role: "facilitator" }, roomPoll, null)).toBe(true);
    expect(managesPoll({ participantId: "plead0000000000", role: "participant" }, roomPoll, round)).toBe(true);
    expect(
      managesPoll({ participantId: "plead0000000000", role: "participant" }, roomPoll, { ...round, status: "closed" }),
    ).toBe(false);
    expect(managesPoll({ participantId: "plead0000000000", role: "participant" }, define("single", false), round)).toBe(
      false,
    );
    expect(managesPoll({ participantId: "pother000000000", role: "participant" }, roomPoll, round)).toBe(false);
  });

  it("results visibility: live, after voting, after close, facilitators only", () => {
    const open = openPoll(newPoll("opoll0000001", roomPoll, "pmaker000000000", 1, false), 2);
    const inRoom = { participantId: "pin000000000000", role: "participant" as const, roomId: "mroom0000001" };
    const outside = { ...inRoom, roomId: null };
    expect(seesPoll(inRoom, open)).toBe(true);
    expect(seesPoll(outside, open)).toBe(false);
    expect(seesResults(open, true, false, false)).toBe(false);
    expect(seesResults(open, true, false, true)).toBe(false);
    expect(seesResults(open, true, true, false)).toBe(true);
    expect(seesResults(closePoll(open, 3), true, false, false)).toBe(true);
    expect(seesResults(closePoll(open, 3), false, false, false)).toBe(false);
    const hidden = { ...open, definition: { ...open.definition, resultsVisibility: "facilitatorsOnly" as const } };
    expect(seesResults(closePoll(hidden, 3), true, false, true)).toBe(false);
    const live = { ...open, definition: { ...open.definition, resultsVisibility: "live" as const } };
    expect(seesResults(live, true, false, false)).toBe(true);
    const afterVoting = { ...open, definition: { ...open.definition, resultsVisibility: "afterVoting" as const } };
    expect(seesResults(afterVoting, true, false, false)).toBe(false);
    expect(seesResults(afterVoting, true, false, true)).toBe(true);
    expect(seesResults(afterVoting, false, false, true)).toBe(false);
    expect(seesResults(afterVoting, true, true, false)).toBe(true);
    expect(seesResults(closePoll(afterVoting, 3), true, false, false)).toBe(true);
    expect(seesResults({ ...afterVoting, status: "draft" }, true, true, true)).toBe(false);
  });

  it("a room poll takes ballots from its room only; every-room polls count each in the voter's room", () => {
    expect(ballotRoom(roomPoll, "mroom0000001")).toBe("mroom0000001");
    expect(() => ballotRoom(roomPoll, "mroom0000002")).toThrow(/another room/);
    expect(() => ballotRoom(roomPoll, null)).toThrow(/another room/);
    expect(ballotRoom(define("single", true), "mroom0000002")).toBe("mroom0000002");
    expect(ballotRoom(define("single", true), null)).toBeNull();
    expect(ballotRoom(define("single", false), "mroom0000002")).toBeNull();
  });
});

describe("CSV export", () => {
  it("neutralises formulas, quotes every text cell and keeps numbers as numbers", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ["+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
    expect(csvCell("plain, text")).toBe(`"plain, text"`);
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvTable(["a", "b"], [["x", 1]])).toBe(`"a","b"\r\n"x",1\r\n`);
  });

  it("writes one row per option per room, then the combined rows", () => {
    const definition = define("rating", true);
    const poll = closePoll(openPoll(newPoll("opoll0000001", definition, "pmaker000000000", 1, false), 2), 3);
    const counters = new Map<string, number>();
    for (const name of countersOf(definition, { kind: "rating", value: 4 }, "mroom0000001")) counters.set(name, 1);
    const { createdBy: _createdBy, ...pollFields } = poll;
    const csv = pollCsv({
      poll: pollFields,
      results: resultsFromCounters(definition, counters, ["mroom0000001"]),
      roomNames: { mroom0000001: "Forced labour" },
    });
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      `"poll_id","question","kind","room","item_type","item","count","percent","points","rank","mean","voters"`,
    );
    expect(lines).toHaveLength(1 + 5 + 5);
    expect(lines[4]).toBe(`"opoll0000001","Q","rating","Forced labour","value","4",1,100,,,4,1`);
    expect(lines[10]).toBe(`"opoll0000001","Q","rating","All rooms","value","5",0,0,,,4,1`);
  });
});
