import { describe, expect, it } from "vitest";
import { readPairs } from "../../server/domain/breakout/assignment/pairs.js";
import type { RoomTable } from "../../server/domain/breakout/assignment/rooms.js";
import type { Roster } from "../../server/domain/breakout/assignment/roster.js";
import type { Seating } from "../../server/domain/breakout/assignment/seating.js";
import {
  isFreePerson,
  noteGroupOverflow,
  type SeatingPlan,
  seatFreePerson,
  seatingPlan,
  seatUnit,
  seatUnits,
  splitUnit,
  tiersByValue,
} from "../../server/domain/breakout/assignment/seatUnits.js";
import { newTroubles } from "../../server/domain/breakout/assignment/troubles.js";
import { noValueRooms, type ValueRooms } from "../../server/domain/breakout/assignment/valueRooms.js";
import { roomTable, roster, seated, unit } from "../fixtures/assignmentState.js";

function planFor(
  rooms: RoomTable,
  people: Roster,
  seating: Seating,
  extra: { apart?: Array<[string, string]>; valueRooms?: ValueRooms; leadPerRoom?: boolean } = {},
): SeatingPlan {
  const plan = seatingPlan({
    seating,
    rooms,
    roster: people,
    apartPartners: readPairs({ keepApart: extra.apart ?? [] }, people).apartPartners,
    valueRooms: extra.valueRooms ?? noValueRooms(rooms),
    troubles: newTroubles(),
    leadPerRoom: extra.leadPerRoom ?? false,
  });
  seating.trackCrowding();
  return plan;
}

/** Value a owns room 0, b room 1; room 2 is open. */
function twoValues(rooms: RoomTable): ValueRooms {
  return {
    roomsOf: new Map([
      ["a", [0]],
      ["b", [1]],
    ]),
    roomSetOf: new Map([
      ["a", new Set([0])],
      ["b", new Set([1])],
    ]),
    open: rooms.all.filter((room) => room > 1),
  };
}

describe("tiersByValue", () => {
  it("a value's own rooms, then the open ones, then any", () => {
    const rooms = roomTable([null, null, null]);
    const anywhere = [rooms.all] as const;
    expect([...tiersByValue(twoValues(rooms), anywhere)]).toEqual([
      ["a", [[0], [2], [0, 1, 2]]],
      ["b", [[1], [2], [0, 1, 2]]],
    ]);
  });
});

describe("seatUnit", () => {
  it("seats a unit whole in its value's room while it has space, then in an open room", () => {
    const rooms = roomTable([2, 2, 2]);
    const people = roster(["a", "a", "a", "a"]);
    const seating = seated(rooms, people);
    const plan = planFor(rooms, people, seating, { valueRooms: twoValues(rooms) });
    const unassigned = new Set<number>();
    const tiers = plan.tiersOf.get("a")!;
    seatUnit(plan, unit({ root: 0, members: [0, 1], value: "a" }), tiers, unassigned);
    seatUnit(plan, unit({ root: 2, members: [2, 3], value: "a" }), tiers, unassigned);
    expect(seating.roomOf).toEqual([0, 0, 2, 2]);
    expect(plan.troubles.group.get("a")).toBe("its rooms had no space left");
  });

  it("a unit with an anchor goes to that room only, or is split from it", () => {
    const rooms = roomTable([3, null]);
    const people = roster(["-", "-", "-", "-"]);
    const seating = seated(rooms, people, [[0, 0]]);
    const plan = planFor(rooms, people, seating);
    const unassigned = new Set<number>();
    seatUnit(plan, unit({ root: 0, members: [1, 2, 3], anchor: 0 }), plan.anywhere, unassigned);
    // room 0 has 2 seats left for 3: the two roomiest seats first, in pair order
    expect(seating.roomOf).toEqual([0, 0, 0, 1]);
    expect([...plan.troubles.together.values()]).toEqual([
      "room r0, where part of the group is fixed, has no space for the rest",
    ]);
  });

  it("keeps someone out of a keepApart partner's room while another has space", () => {
    const rooms = roomTable([null, null]);
    const people = roster(["-", "-"]);
    const seating = seated(rooms, people, [[0, 0]]);
    const plan = planFor(rooms, people, seating, { apart: [["p0", "p1"]] });
    seatUnit(plan, unit({ root: 1, members: [1] }), plan.anywhere, new Set());
    expect(seating.roomOf[1]).toBe(1);
  });
});

describe("free people", () => {
  it("isFreePerson: alone, no anchor, no value rooms, not a lead to spread", () => {
    const rooms = roomTable([null, null, null]);
    const people = roster(["-", "-"]);
    const plan = planFor(rooms, people, seated(rooms, people), { valueRooms: twoValues(rooms), leadPerRoom: true });
    expect(plan.anywhere).toEqual([[0, 1, 2]]);
    expect(isFreePerson(plan, unit({}), plan.anywhere)).toBe(true);
    expect(isFreePerson(plan, unit({ members: [0, 1] }), plan.anywhere)).toBe(false);
    expect(isFreePerson(plan, unit({ anchor: 1 }), plan.anywhere)).toBe(false);
    expect(isFreePerson(plan, unit({ leads: 1 }), plan.anywhere)).toBe(false);
    expect(isFreePerson(plan, unit({ value: "a" }), plan.tiersOf.get("a")!)).toBe(false);
  });

  it("seatFreePerson chooses what seatUnit chooses, as rooms fill, partners or not", () => {
    const rooms = roomTable([3, null, 2, 4], [2, 0, 3, 1]);
    const people = roster(Array(14).fill("-"));
    const apart: Array<[string, string]> = [
      ["p0", "p5"],
      ["p3", "p9"],
      ["p9", "p12"],
    ];
    const fast = seated(rooms, people, [[13, 1]]);
    const slow = seated(rooms, people, [[13, 1]]);
    const fastPlan = planFor(rooms, people, fast, { apart });
    const slowPlan = planFor(rooms, people, slow, { apart });
    for (let person = 0; person < 13; person++) {
      seatFreePerson(fastPlan, unit({ root: person, members: [person] }), new Set());
      seatUnit(slowPlan, unit({ root: person, members: [person] }), slowPlan.anywhere, new Set());
      expect(fast.roomOf[person]).toBe(slow.roomOf[person]);
    }
    expect([...fast.placement]).toEqual([...slow.placement]);
  });
});

describe("splitUnit", () => {
  it("fills the roomiest room, then the next; whoever finds no seat is unassigned", () => {
    const rooms = roomTable([2, 3]);
    const people = roster(["-", "-", "-", "-", "-", "-"]);
    const seating = seated(rooms, people);
    const plan = planFor(rooms, people, seating);
    const unassigned = new Set<number>();
    splitUnit(plan, unit({ root: 0, members: [0, 1, 2, 3, 4, 5] }), [rooms.all], false, unassigned);
    expect(seating.roomOf).toEqual([1, 1, 1, 0, 0, -1]);
    expect(unassigned).toEqual(new Set([5]));
    expect([...plan.troubles.together.values()]).toEqual([
      "the 6 people kept together do not fit in the free space of any one room",
    ]);
  });

  it("a member avoids a keepApart partner's room when another room has space", () => {
    const rooms = roomTable([5, 1]);
    const people = roster(["-", "-", "-"]);
    const seating = seated(rooms, people, [[2, 0]]);
    const plan = planFor(rooms, people, seating, { apart: [["p1", "p2"]] });
    splitUnit(plan, unit({ root: 0, members: [0, 1] }), [rooms.all], false, new Set());
    expect(seating.roomOf).toEqual([0, 1, 0]);
  });
});

describe("noteGroupOverflow", () => {
  it("notes why a value lands outside its rooms, once: a keepApart partner, or no space", () => {
    const rooms = roomTable([1, 5, 5]);
    const people = roster(["a", "b"]);
    const seating = seated(rooms, people);
    const plan = planFor(rooms, people, seating, { valueRooms: twoValues(rooms) });
    noteGroupOverflow(plan, unit({ value: "a" }), 0, 1);
    expect(plan.troubles.group.size).toBe(0);
    noteGroupOverflow(plan, unit({ value: "a" }), 2, 1);
    expect(plan.troubles.group.get("a")).toBe("someone was kept away from a keepApart partner");
    noteGroupOverflow(plan, unit({ value: "a", anchor: 2 }), 2, 1);
    expect(plan.troubles.group.get("a")).toBe("someone was kept away from a keepApart partner");
    noteGroupOverflow(plan, unit({ value: "b", anchor: 2 }), 2, 1);
    expect(plan.troubles.group.get("b")).toBe(
      "some of them are kept with a keepTogether partner fixed in another room",
    );
    noteGroupOverflow(plan, unit({ value: null }), 2, 1);
    expect(plan.troubles.group.size).toBe(2);
  });
});

describe("seatUnits (step 8)", () => {
  it("seats everyone in order and returns who got no seat", () => {
    const rooms = roomTable([2, 2]);
    const people = roster(["-", "-", "-", "-", "-"]);
    const seating = seated(rooms, people);
    const plan = planFor(rooms, people, seating);
    const unassigned = seatUnits(
      plan,
      people.ids.map((_, person) => unit({ root: person, members: [person] })),
    );
    expect(seating.load).toEqual([2, 2]);
    expect(unassigned).toEqual(new Set([4]));
  });

  it("spreads leads first when asked", () => {
    const rooms = roomTable([null, null, null]);
    const people = roster(["L", "L", "L", "-"]);
    const seating = seated(rooms, people, [[3, 0]]);
    const plan = planFor(rooms, people, seating, { leadPerRoom: true });
    seatUnits(
      plan,
      [0, 1, 2].map((person) => unit({ root: person, members: [person], leads: 1 })),
    );
    expect(seating.leadsIn).toEqual([1, 1, 1]);
  });
});
