import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AssignablePerson,
  type AssignmentConstraints,
  type AssignmentInput,
  type AssignmentResult,
  assignBalanced,
  type RoomSlot,
  seededRandom,
  type UnmetConstraint,
} from "../../server/domain/breakout/assignment.js";

const person = (participantId: string, tags: Record<string, string> = {}, isLead = false): AssignablePerson => ({
  participantId,
  isLead,
  tags,
});
const crowd = (count: number, prefix = "p", tags: Record<string, string> = {}): AssignablePerson[] =>
  Array.from({ length: count }, (_, i) => person(`${prefix}${i}`, tags));
const rooms = (count: number, capacity: number | null = null): RoomSlot[] =>
  Array.from({ length: count }, (_, i) => ({ roomId: `r${i}`, capacity }));

const assign = (input: Omit<AssignmentInput, "random">, seed = 1): AssignmentResult =>
  assignBalanced({ ...input, random: seededRandom(seed) });

function sizesOf(result: AssignmentResult, slots: readonly RoomSlot[]): number[] {
  const counts = new Map<string, number>(slots.map((slot) => [slot.roomId, 0]));
  for (const roomId of result.placement.values()) counts.set(roomId, (counts.get(roomId) ?? 0) + 1);
  return slots.map((slot) => counts.get(slot.roomId) ?? 0);
}
const spread = (sizes: readonly number[]) => Math.max(...sizes) - Math.min(...sizes);
const roomsHolding = (result: AssignmentResult, ids: readonly string[]) =>
  new Set(ids.map((id) => result.placement.get(id)));
const unmetOf = <K extends UnmetConstraint["kind"]>(result: AssignmentResult, kind: K) =>
  result.unmet.filter((entry): entry is Extract<UnmetConstraint, { kind: K }> => entry.kind === kind);

describe("seededRandom", () => {
  it("repeats for a seed, differs between seeds, and stays in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const fromA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(fromA);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(fromA);
    expect(fromA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("balance", () => {
  it("with no constraints and no limits, room sizes differ by at most one and nobody is missing", () => {
    const slots = rooms(7);
    const result = assign({ people: crowd(100), rooms: slots });
    expect(spread(sizesOf(result, slots))).toBeLessThanOrEqual(1);
    expect(result.placement.size).toBe(100);
    expect(result.unassigned).toEqual([]);
    expect(result.unmet).toEqual([]);
  });

  it("shuffles: another seed gives another plan, the same seed the same plan and report", () => {
    const input = {
      people: crowd(60, "p", {}).map((p, i) => ({
        ...p,
        isLead: i % 9 === 0,
        tags: { language: i % 3 ? "en" : "th" },
      })),
      rooms: rooms(6, 12),
      constraints: {
        groupByTag: "language",
        keepTogether: [["p1", "p2"]],
        keepApart: [["p3", "p4"]],
        leadPerRoom: true,
      } satisfies AssignmentConstraints,
    };
    const first = assign(input, 42);
    const again = assign(input, 42);
    expect([...again.placement]).toEqual([...first.placement]);
    expect(again.unmet).toEqual(first.unmet);
    expect(again.unassigned).toEqual(first.unassigned);
    expect([...assign(input, 43).placement].sort()).not.toEqual([...first.placement].sort());
  });

  it("counts fixed people toward room sizes", () => {
    const slots = rooms(3);
    const fixed = new Map([
      ["f0", "r0"],
      ["f1", "r0"],
      ["f2", "r0"],
      ["f3", "r0"],
      ["f4", "r0"],
    ]);
    const result = assign({ people: crowd(10), rooms: slots, fixed });
    expect(sizesOf(result, slots)).toEqual([5, 5, 5]);
  });

  it("a room with nobody is fine when there are more rooms than people", () => {
    const slots = rooms(5);
    const result = assign({ people: crowd(3), rooms: slots });
    expect(sizesOf(result, slots).sort()).toEqual([0, 0, 1, 1, 1]);
    expect(result.unmet).toEqual([]);
  });
});

describe("capacity", () => {
  it("never fills a room past its capacity and reports who got no seat", () => {
    const slots = rooms(2, 3);
    const result = assign({ people: crowd(10), rooms: slots });
    expect(sizesOf(result, slots)).toEqual([3, 3]);
    expect(result.unassigned).toHaveLength(4);
    expect(result.unmet).toEqual([{ kind: "capacity", participantIds: result.unassigned }]);
    for (const id of result.unassigned) expect(result.placement.has(id)).toBe(false);
  });

  it("balances the rest among unlimited rooms once a small room is full", () => {
    const slots: RoomSlot[] = [
      { roomId: "small", capacity: 2 },
      { roomId: "a", capacity: null },
      { roomId: "b", capacity: null },
    ];
    const result = assign({ people: crowd(20), rooms: slots });
    expect(sizesOf(result, slots)).toEqual([2, 9, 9]);
  });

  it("with no rooms at all, everyone is unassigned and reported", () => {
    const result = assign({ people: crowd(3), rooms: [] });
    expect(result.unassigned).toEqual(["p0", "p1", "p2"]);
    expect(unmetOf(result, "capacity")).toEqual([{ kind: "capacity", participantIds: ["p0", "p1", "p2"] }]);
  });
});

describe("groupByTag", () => {
  const language = (code: string) => ({ language: code });

  it("keeps every language group in rooms of its own; people without the tag fill the space", () => {
    const people = [
      ...crowd(10, "th", language("th")),
      ...crowd(6, "km", language("km")),
      ...crowd(30, "en", language("en")),
      ...crowd(14, "x"),
    ];
    const slots = rooms(6);
    const result = assign({ people, rooms: slots, constraints: { groupByTag: "language" } });
    expect(result.unmet).toEqual([]);
    const roomsOf = (prefix: string) =>
      roomsHolding(
        result,
        people.filter((p) => p.participantId.startsWith(prefix)).map((p) => p.participantId),
      );
    const th = roomsOf("th");
    const km = roomsOf("km");
    const en = roomsOf("en");
    expect(th.size).toBe(1);
    expect(km.size).toBe(1);
    expect(en.size).toBe(3);
    const all = [...th, ...km, ...en];
    expect(new Set(all).size).toBe(all.length);
    expect(spread(sizesOf(result, slots))).toBeLessThanOrEqual(1);
  });

  it("gives each group rooms roughly in proportion to its size, balanced within the group", () => {
    const people = [
      ...crowd(60, "en", language("en")),
      ...crowd(30, "th", language("th")),
      ...crowd(10, "km", language("km")),
    ];
    const slots = rooms(10);
    const result = assign({ people, rooms: slots, constraints: { groupByTag: "language" } });
    expect(result.unmet).toEqual([]);
    const ofGroup = (prefix: string) => people.filter((p) => p.participantId.startsWith(prefix));
    expect(
      roomsHolding(
        result,
        ofGroup("en").map((p) => p.participantId),
      ).size,
    ).toBe(6);
    expect(
      roomsHolding(
        result,
        ofGroup("th").map((p) => p.participantId),
      ).size,
    ).toBe(3);
    expect(
      roomsHolding(
        result,
        ofGroup("km").map((p) => p.participantId),
      ).size,
    ).toBe(1);
    expect(sizesOf(result, slots).sort()).toEqual(Array(10).fill(10));
  });

  it("with more groups than rooms, keeps each group whole in one room and reports the sharing", () => {
    const people = ["a", "b", "c", "d", "e"].flatMap((code) => crowd(4, code, language(code)));
    const result = assign({ people, rooms: rooms(2), constraints: { groupByTag: "language" } });
    expect(result.placement.size).toBe(20);
    for (const code of ["a", "b", "c", "d", "e"]) {
      const members = people.filter((p) => p.tags.language === code).map((p) => p.participantId);
      expect(roomsHolding(result, members).size).toBe(1);
    }
    const reported = unmetOf(result, "groupByTag");
    expect(reported.length).toBeGreaterThanOrEqual(3);
    expect(reported.some((entry) => entry.reason.includes("more groups than rooms"))).toBe(true);
    for (const entry of reported) expect(entry.tag).toBe("language");
  });

  it("reports a group that cannot stay in its own rooms within capacity, and places its overflow", () => {
    const people = [...crowd(8, "th", language("th")), ...crowd(7, "en", language("en"))];
    const slots = rooms(3, 5);
    const result = assign({ people, rooms: slots, constraints: { groupByTag: "language" } });
    expect(result.unassigned).toEqual([]);
    expect(sizesOf(result, slots)).toEqual([5, 5, 5]);
    const reported = unmetOf(result, "groupByTag");
    expect(reported.map((entry) => entry.value).sort()).toEqual(["en", "th"]);
    expect(reported.find((entry) => entry.value === "en")?.reason).toMatch(/no space/);
  });

  it("ignores the tag for people who do not carry it, and any other tag", () => {
    const people = [...crowd(5, "a", { region: "mekong" }), ...crowd(5, "b")];
    const slots = rooms(2);
    const result = assign({ people, rooms: slots, constraints: { groupByTag: "language" } });
    expect(result.unmet).toEqual([]);
    expect(sizesOf(result, slots)).toEqual([5, 5]);
  });
});

describe("keepTogether", () => {
  it("is transitive: A~B and B~C put all three in one room", () => {
    const result = assign({
      people: crowd(30),
      rooms: rooms(10),
      constraints: {
        keepTogether: [
          ["p1", "p2"],
          ["p2", "p3"],
          ["p10", "p11"],
        ],
      },
    });
    expect(roomsHolding(result, ["p1", "p2", "p3"]).size).toBe(1);
    expect(roomsHolding(result, ["p10", "p11"]).size).toBe(1);
    expect(result.unmet).toEqual([]);
  });

  it("wins over groupByTag: a survivor stays with the ally she named, and the language report says why", () => {
    const people = [
      ...crowd(10, "th", { language: "th" }),
      ...crowd(10, "en", { language: "en" }),
      person("survivor", { language: "th" }),
      person("ally", { language: "en" }),
    ];
    const result = assign({
      people,
      rooms: rooms(4),
      constraints: { groupByTag: "language", keepTogether: [["survivor", "ally"]] },
    });
    expect(result.placement.get("survivor")).toBe(result.placement.get("ally"));
    expect(unmetOf(result, "keepTogether")).toEqual([]);
    const reported = unmetOf(result, "groupByTag");
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.some((entry) => entry.reason.includes("keepTogether"))).toBe(true);
  });

  it("reports a cluster too big for any room, splits it, and loses nobody", () => {
    const ids = ["p0", "p1", "p2", "p3", "p4", "p5"];
    const result = assign({
      people: crowd(8),
      rooms: rooms(2, 4),
      constraints: {
        keepTogether: ids.slice(1).map((id, i) => [ids[i]!, id] as const),
      },
    });
    expect(result.placement.size).toBe(8);
    const reported = unmetOf(result, "keepTogether");
    expect(reported.length).toBeGreaterThan(0);
    expect(reported[0]?.reason).toMatch(/do not fit/);
    for (const entry of reported) {
      const [a, b] = entry.participantIds;
      expect(result.placement.get(a)).not.toBe(result.placement.get(b));
    }
  });

  it("joins a partner who is already fixed in a room", () => {
    const result = assign({
      people: crowd(20),
      rooms: rooms(4),
      fixed: new Map([["p0", "r2"]]),
      constraints: { keepTogether: [["p0", "p1"]] },
    });
    expect(result.placement.get("p0")).toBe("r2");
    expect(result.placement.get("p1")).toBe("r2");
  });

  it("reports partners fixed in different rooms and partners who are not here", () => {
    const result = assign({
      people: crowd(6),
      rooms: rooms(2),
      fixed: new Map([
        ["p0", "r0"],
        ["p1", "r1"],
      ]),
      constraints: {
        keepTogether: [
          ["p0", "p1"],
          ["p2", "gone"],
        ],
      },
    });
    expect(result.placement.get("p0")).toBe("r0");
    expect(result.placement.get("p1")).toBe("r1");
    expect(unmetOf(result, "keepTogether")).toEqual([
      { kind: "keepTogether", participantIds: ["p0", "p1"], reason: "some of them are fixed in different rooms" },
      { kind: "keepTogether", participantIds: ["p2", "gone"], reason: "gone is not among the people being assigned" },
    ]);
  });
});

describe("keepApart", () => {
  it("puts every pair in different rooms", () => {
    const random = seededRandom(5);
    const pick = () => `p${Math.floor(random() * 200)}`;
    const pairs = Array.from({ length: 150 }, () => [pick(), pick()] as const).filter(([a, b]) => a !== b);
    const result = assign({ people: crowd(200), rooms: rooms(10), constraints: { keepApart: pairs } });
    expect(result.unmet).toEqual([]);
    for (const [a, b] of pairs) expect(result.placement.get(a)).not.toBe(result.placement.get(b));
  });

  it("keeps a fixed person's counterpart out of that room", () => {
    const result = assign({
      people: crowd(2),
      rooms: rooms(2),
      fixed: new Map([["p0", "r0"]]),
      constraints: { keepApart: [["p0", "p1"]] },
    });
    expect(result.placement.get("p1")).toBe("r1");
  });

  it("outranks groupByTag: the pair is split even when that mixes a language into another room", () => {
    const result = assign({
      people: [person("a", { language: "th" }), person("b", { language: "th" }), person("c", { language: "en" })],
      rooms: rooms(2),
      constraints: { groupByTag: "language", keepApart: [["a", "b"]] },
    });
    expect(result.placement.get("a")).not.toBe(result.placement.get("b"));
    expect(unmetOf(result, "keepApart")).toEqual([]);
    expect(unmetOf(result, "groupByTag").length).toBeGreaterThan(0);
  });

  it("reports a pair that cannot be split: one room, or also kept together", () => {
    const oneRoom = assign({ people: crowd(4), rooms: rooms(1), constraints: { keepApart: [["p0", "p1"]] } });
    expect(unmetOf(oneRoom, "keepApart")).toEqual([
      { kind: "keepApart", participantIds: ["p0", "p1"], reason: "there is only one room" },
    ]);
    const conflicting = assign({
      people: crowd(6),
      rooms: rooms(3),
      constraints: {
        keepTogether: [
          ["p0", "p1"],
          ["p1", "p2"],
        ],
        keepApart: [["p0", "p2"]],
      },
    });
    expect(roomsHolding(conflicting, ["p0", "p1", "p2"]).size).toBe(1);
    expect(unmetOf(conflicting, "keepApart")).toEqual([
      {
        kind: "keepApart",
        participantIds: ["p0", "p2"],
        reason: "they are also to be kept together (directly or through other pairs)",
      },
    ]);
  });
});

describe("leadPerRoom", () => {
  const withLeads = (count: number, leads: number) => crowd(count).map((p, i) => ({ ...p, isLead: i < leads }));

  it("puts one lead in each room when there are enough", () => {
    const slots = rooms(5);
    const people = withLeads(50, 5);
    const result = assign({ people, rooms: slots, constraints: { leadPerRoom: true } });
    const leadRooms = people.filter((p) => p.isLead).map((p) => result.placement.get(p.participantId));
    expect(new Set(leadRooms).size).toBe(5);
    expect(result.unmet).toEqual([]);
    expect(spread(sizesOf(result, slots))).toBeLessThanOrEqual(1);
  });

  it("spreads extra leads round-robin", () => {
    const people = withLeads(40, 8);
    const result = assign({ people, rooms: rooms(4), constraints: { leadPerRoom: true } });
    const perRoom = new Map<string, number>();
    for (const p of people.filter((q) => q.isLead)) {
      const room = result.placement.get(p.participantId)!;
      perRoom.set(room, (perRoom.get(room) ?? 0) + 1);
    }
    expect([...perRoom.values()]).toEqual([2, 2, 2, 2]);
  });

  it("reports the rooms left without a lead when there are too few", () => {
    const people = withLeads(50, 3);
    const result = assign({ people, rooms: rooms(5), constraints: { leadPerRoom: true } });
    const reported = unmetOf(result, "leadPerRoom");
    expect(reported).toHaveLength(1);
    expect(reported[0]?.roomIds).toHaveLength(2);
    const leadRooms = new Set(people.filter((p) => p.isLead).map((p) => result.placement.get(p.participantId)));
    for (const roomId of reported[0]?.roomIds ?? []) expect(leadRooms.has(roomId)).toBe(false);
  });

  it("says nothing about leads unless asked", () => {
    const result = assign({ people: withLeads(50, 0), rooms: rooms(5) });
    expect(result.unmet).toEqual([]);
  });

  it("a lead of a language goes to a room of that language; untagged leads cover the rest", () => {
    const people = [
      ...crowd(20, "en", { language: "en" }),
      ...crowd(9, "th", { language: "th" }),
      person("thLead", { language: "th" }, true),
      person("lead1", {}, true),
      person("lead2", {}, true),
    ];
    const result = assign({
      people,
      rooms: rooms(3),
      constraints: { groupByTag: "language", leadPerRoom: true },
    });
    expect(result.unmet).toEqual([]);
    const thRoom = result.placement.get("th0");
    expect(result.placement.get("thLead")).toBe(thRoom);
    expect(new Set(["thLead", "lead1", "lead2"].map((id) => result.placement.get(id))).size).toBe(3);
  });
});

describe("fixed people", () => {
  it("stay where they are, even past capacity, and nobody else joins a full room", () => {
    const fixed = new Map([
      ["p0", "r0"],
      ["p1", "r0"],
      ["p2", "r0"],
      ["outsider", "r1"],
    ]);
    const slots = rooms(3, 2);
    const result = assign({ people: crowd(7), rooms: slots, fixed });
    for (const [id, room] of fixed) expect(result.placement.get(id)).toBe(room);
    expect(sizesOf(result, slots)).toEqual([3, 2, 2]);
    expect(result.unassigned).toHaveLength(1);
  });

  it("a fixed entry naming an unknown room is placed like anyone else", () => {
    const result = assign({ people: crowd(2), rooms: rooms(1), fixed: new Map([["p0", "nowhere"]]) });
    expect(result.placement.get("p0")).toBe("r0");
  });
});

describe("odd input", () => {
  it("counts a repeated participant or room once", () => {
    const slots = [...rooms(2), { roomId: "r0", capacity: 1 }];
    const result = assign({ people: [...crowd(4), ...crowd(4)], rooms: slots });
    expect(result.placement.size).toBe(4);
    expect(sizesOf(result, rooms(2))).toEqual([2, 2]);
  });

  it("loses nobody when the random source strays outside [0, 1)", () => {
    for (const stray of [() => 1, () => Number.NaN, () => -0.5]) {
      const result = assignBalanced({ people: crowd(20), rooms: rooms(3), random: stray });
      expect(new Set(result.placement.keys()).size).toBe(20);
    }
  });
});

describe("the forum day", () => {
  it("338 people in 12 rooms: languages together, the survivor with her ally, a lead in each room", () => {
    const random = seededRandom(2024);
    const languageCounts = { th: 12, id: 20, ne: 8, bn: 10, km: 6 };
    const people: AssignablePerson[] = [];
    for (const [code, count] of Object.entries(languageCounts)) people.push(...crowd(count, code, { language: code }));
    people.push(person("survivor", { language: "th" }), person("ally"));
    people.push(...Array.from({ length: 15 }, (_, i) => person(`lead${i}`, {}, true)));
    people.push(...crowd(338 - people.length, "x"));
    // A few picked their own room before the facilitator pressed "assign".
    const fixed = new Map(Array.from({ length: 10 }, (_, i) => [`x${i}`, `r${i % 5}`] as const));
    const slots = rooms(12);
    const result = assignBalanced({
      people,
      rooms: slots,
      fixed,
      constraints: {
        groupByTag: "language",
        keepTogether: [["survivor", "ally"]],
        leadPerRoom: true,
      },
      random,
    });
    expect(result.unmet).toEqual([]);
    expect(result.placement.size).toBe(338);
    expect(spread(sizesOf(result, slots))).toBeLessThanOrEqual(1);
    expect(result.placement.get("ally")).toBe(result.placement.get("survivor"));
    expect(result.placement.get("survivor")).toBe(result.placement.get("th0"));
    const languageRooms = Object.entries(languageCounts).map(([code, count]) => {
      const holding = roomsHolding(
        result,
        Array.from({ length: count }, (_, i) => `${code}${i}`),
      );
      expect(holding.size).toBe(1);
      return [...holding][0];
    });
    expect(new Set(languageRooms).size).toBe(5);
    for (const [id, roomId] of fixed) expect(result.placement.get(id)).toBe(roomId);
  });
});

describe("many constraints at once", () => {
  it("places 5,000 people into 200 rooms with every kind of constraint", () => {
    const random = seededRandom(99);
    const languages = ["en", "th", "id", "ne", "bn", "km"];
    const people = Array.from({ length: 5000 }, (_, i) => {
      const code = languages[Math.floor(random() * languages.length)]!;
      return person(`p${i}`, random() < 0.6 ? { language: code } : {}, i % 20 === 0);
    });
    const pick = () => `p${Math.floor(random() * 5000)}`;
    const pairs = (count: number) => Array.from({ length: count }, () => [pick(), pick()] as const);
    const slots = Array.from({ length: 200 }, (_, i) => ({ roomId: `r${i}`, capacity: i % 10 === 0 ? 20 : null }));
    const result = assign({
      people,
      rooms: slots,
      constraints: { groupByTag: "language", keepTogether: pairs(150), keepApart: pairs(150), leadPerRoom: true },
    });
    expect(result.placement.size).toBe(5000);
    expect(unmetOf(result, "leadPerRoom")).toEqual([]);
    expect(unmetOf(result, "capacity")).toEqual([]);
    const sizes = sizesOf(result, slots);
    slots.forEach((slot, i) => {
      if (slot.capacity !== null) expect(sizes[i]).toBeLessThanOrEqual(slot.capacity);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: whatever the people, rooms and wishes, nobody is lost, doubled or squeezed in,
// and every wish that was not met is in the report.

interface Scenario {
  people: AssignablePerson[];
  rooms: RoomSlot[];
  fixed: Map<string, string>;
  constraints: AssignmentConstraints;
  seed: number;
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    people: fc.array(
      fc.record({ lead: fc.boolean(), language: fc.constantFrom("a", "b", "c", null), region: fc.boolean() }),
      { maxLength: 60 },
    ),
    capacities: fc.array(fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }), { maxLength: 8 }),
    fixedPicks: fc.array(fc.tuple(fc.nat(200), fc.nat(20)), { maxLength: 12 }),
    outsiders: fc.array(fc.nat(20), { maxLength: 3 }),
    together: fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 15 }),
    apart: fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 15 }),
    groupByTag: fc.boolean(),
    leadPerRoom: fc.boolean(),
    seed: fc.nat(),
  })
  .map((raw) => {
    const people = raw.people.map((p, i) =>
      person(
        `p${i}`,
        { ...(p.language ? { language: p.language } : {}), ...(p.region ? { region: "x" } : {}) },
        p.lead,
      ),
    );
    const slots = raw.capacities.map((capacity, i) => ({ roomId: `r${i}`, capacity }));
    const fixed = new Map<string, string>();
    if (slots.length > 0) {
      for (const [who, where] of raw.fixedPicks) {
        if (people.length > 0) fixed.set(`p${who % people.length}`, `r${where % slots.length}`);
      }
      // Someone not among the people to place, already sitting in a room.
      for (const where of raw.outsiders) fixed.set(`outsider${where}`, `r${where % slots.length}`);
    }
    // Ids past the end of the list stand for people who left: the pair must still be handled.
    const id = (n: number) => `p${n % (people.length + 2)}`;
    const constraints: AssignmentConstraints = {
      keepTogether: raw.together.map(([a, b]) => [id(a), id(b)] as const),
      keepApart: raw.apart.map(([a, b]) => [id(a), id(b)] as const),
      leadPerRoom: raw.leadPerRoom,
      ...(raw.groupByTag ? { groupByTag: "language" } : {}),
    };
    return { people, rooms: slots, fixed, constraints, seed: raw.seed };
  });

const run = (scenario: Scenario) =>
  assignBalanced({
    people: scenario.people,
    rooms: scenario.rooms,
    fixed: scenario.fixed,
    constraints: scenario.constraints,
    random: seededRandom(scenario.seed),
  });

describe("properties", () => {
  it("nobody lost, nobody twice, no room over capacity, fixed people unchanged, every broken wish reported", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = run(scenario);
        const everyone = new Set([...scenario.people.map((p) => p.participantId), ...scenario.fixed.keys()]);
        const roomIds = new Set(scenario.rooms.map((room) => room.roomId));

        // placed + unassigned = everyone, with nobody twice
        expect(new Set(result.unassigned).size).toBe(result.unassigned.length);
        for (const id of result.unassigned) expect(result.placement.has(id)).toBe(false);
        expect(new Set([...result.placement.keys(), ...result.unassigned])).toEqual(everyone);
        expect(result.placement.size + result.unassigned.length).toBe(everyone.size);
        for (const roomId of result.placement.values()) expect(roomIds.has(roomId)).toBe(true);

        // fixed people unchanged; rooms over capacity only by people fixed there
        for (const [id, roomId] of scenario.fixed) expect(result.placement.get(id)).toBe(roomId);
        const size = new Map<string, number>();
        const fixedIn = new Map<string, number>();
        for (const roomId of result.placement.values()) size.set(roomId, (size.get(roomId) ?? 0) + 1);
        for (const roomId of scenario.fixed.values()) fixedIn.set(roomId, (fixedIn.get(roomId) ?? 0) + 1);
        for (const room of scenario.rooms) {
          const limit = Math.max(room.capacity ?? Number.POSITIVE_INFINITY, fixedIn.get(room.roomId) ?? 0);
          expect(size.get(room.roomId) ?? 0).toBeLessThanOrEqual(limit);
        }

        // unassigned only when every seat is taken, and then reported
        const capacityReports = unmetOf(result, "capacity");
        if (result.unassigned.length === 0) expect(capacityReports).toEqual([]);
        else {
          expect(capacityReports).toEqual([{ kind: "capacity", participantIds: result.unassigned }]);
          for (const room of scenario.rooms) {
            expect(size.get(room.roomId) ?? 0).toBeGreaterThanOrEqual(room.capacity ?? Number.POSITIVE_INFINITY);
          }
        }

        // every keepTogether pair not in one room is reported, and only those
        const together = new Set(unmetOf(result, "keepTogether").map((entry) => entry.participantIds.join("|")));
        for (const [a, b] of scenario.constraints.keepTogether ?? []) {
          if (a === b) continue;
          const ra = result.placement.get(a);
          const met = ra !== undefined && ra === result.placement.get(b);
          expect(together.has(`${a}|${b}`) || together.has(`${b}|${a}`)).toBe(!met);
        }
        // every keepApart pair sharing a room is reported, and only those
        const apart = new Set(unmetOf(result, "keepApart").map((entry) => entry.participantIds.join("|")));
        for (const [a, b] of scenario.constraints.keepApart ?? []) {
          if (a === b) continue;
          const ra = result.placement.get(a);
          const broken = ra !== undefined && ra === result.placement.get(b) && everyone.has(a) && everyone.has(b);
          expect(apart.has(`${a}|${b}`) || apart.has(`${b}|${a}`)).toBe(broken);
        }
        // every language that shares a room with another is reported, and only those
        if (scenario.constraints.groupByTag) {
          const valuesIn = new Map<string, Set<string>>();
          for (const p of scenario.people) {
            const roomId = result.placement.get(p.participantId);
            const code = p.tags.language;
            if (roomId === undefined || code === undefined) continue;
            valuesIn.set(roomId, (valuesIn.get(roomId) ?? new Set()).add(code));
          }
          const mixed = new Set<string>();
          for (const present of valuesIn.values()) if (present.size > 1) for (const code of present) mixed.add(code);
          const reported = unmetOf(result, "groupByTag").map((entry) => entry.value);
          expect(new Set(reported).size).toBe(reported.length);
          expect(new Set(reported)).toEqual(mixed);
        } else expect(unmetOf(result, "groupByTag")).toEqual([]);
        // rooms with people but no lead are reported when asked
        const leadReports = unmetOf(result, "leadPerRoom");
        if (scenario.constraints.leadPerRoom) {
          const leadRooms = new Set(
            scenario.people.filter((p) => p.isLead).map((p) => result.placement.get(p.participantId)),
          );
          const withoutLead = scenario.rooms
            .map((room) => room.roomId)
            .filter((roomId) => (size.get(roomId) ?? 0) > 0 && !leadRooms.has(roomId));
          expect(leadReports.flatMap((entry) => entry.roomIds)).toEqual(withoutLead);
        } else expect(leadReports).toEqual([]);

        // and the same seed gives the same answer
        const again = run(scenario);
        expect([...again.placement]).toEqual([...result.placement]);
        expect(again.unmet).toEqual(result.unmet);
      }),
      { numRuns: 200 },
    );
  });

  it("with enough leads and free rooms, every room that has people gets a lead", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 40 }),
        fc.nat(),
        (roomCount, extra, seed) => {
          const people = [...crowd(roomCount, "lead").map((p) => ({ ...p, isLead: true })), ...crowd(extra)];
          const result = assignBalanced({
            people,
            rooms: rooms(roomCount),
            constraints: { leadPerRoom: true },
            random: seededRandom(seed),
          });
          expect(result.unmet).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("with no constraints and no limits, sizes differ by at most one beyond what fixed people force", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 80 }),
        fc.array(fc.nat(11), { maxLength: 20 }),
        fc.nat(),
        (roomCount, count, fixedRooms, seed) => {
          const slots = rooms(roomCount);
          const fixed = new Map(fixedRooms.map((room, i) => [`f${i}`, `r${room % roomCount}`]));
          const result = assignBalanced({ people: crowd(count), rooms: slots, fixed, random: seededRandom(seed) });
          expect(result.unmet).toEqual([]);
          const sizes = sizesOf(result, slots);
          const smallest = Math.min(...sizes);
          slots.forEach((slot, i) => {
            const pinned = [...fixed.values()].filter((roomId) => roomId === slot.roomId).length;
            expect(sizes[i]).toBeLessThanOrEqual(Math.max(pinned, smallest + 1));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
