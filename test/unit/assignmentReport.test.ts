import { describe, expect, it } from "vitest";
import { readPairs } from "../../server/domain/breakout/assignment/pairs.js";
import { reportUnmet, unmetLeads } from "../../server/domain/breakout/assignment/report.js";
import { unmetGroups, valuesByRoom } from "../../server/domain/breakout/assignment/reportGroups.js";
import { unmetApart, unmetTogether } from "../../server/domain/breakout/assignment/reportPairs.js";
import { newTroubles } from "../../server/domain/breakout/assignment/troubles.js";
import type { UnmetConstraint } from "../../server/domain/breakout/assignment/types.js";
import { roomTable, roster, seated } from "../fixtures/assignmentState.js";

describe("unmetTogether", () => {
  it("reports each pair not in one room, in pair order, with the cause noted or the reason read", () => {
    const people = roster(["-", "-", "-", "-", "-"]);
    const seating = seated(roomTable([null, null]), people);
    seating.place(0, 0);
    seating.place(1, 1);
    seating.place(2, 0);
    seating.place(3, 0);
    const pairs = readPairs(
      {
        keepTogether: [
          ["p2", "p3"],
          ["p0", "p1"],
          ["p3", "p4"],
          ["p4", "gone"],
        ],
      },
      people,
    );
    const troubles = newTroubles();
    troubles.together.set(pairs.clusters.find(0), "a cause noted while placing");
    expect(unmetTogether(pairs, people, seating, troubles)).toEqual([
      { kind: "keepTogether", participantIds: ["p0", "p1"], reason: "a cause noted while placing" },
      { kind: "keepTogether", participantIds: ["p3", "p4"], reason: "no seat was left for one of them" },
      { kind: "keepTogether", participantIds: ["p4", "gone"], reason: "gone is not among the people being assigned" },
    ]);
  });
});

describe("unmetApart", () => {
  it("reports pairs sharing a room, with the strongest reason", () => {
    const people = roster(["-", "-", "-", "-", "-", "-", "-", "-"]);
    const rooms = roomTable([null, null]);
    // p0, p1 fixed together; p2~p3 kept together; p4 free with p5 in a cluster anchored in r1; p6, p7 free
    const seating = seated(rooms, people, [
      [0, 0],
      [1, 0],
      [5, 1],
    ]);
    for (const [person, room] of [
      [2, 0],
      [3, 0],
      [4, 1],
      [6, 1],
      [7, 1],
    ] as const) {
      seating.place(person, room);
    }
    const pairs = readPairs(
      {
        keepTogether: [
          ["p2", "p3"],
          ["p4", "p5"],
        ],
        keepApart: [
          ["p2", "p3"],
          ["p0", "p1"],
          ["p4", "p7"],
          ["p6", "p7"],
          ["p0", "p6"],
          ["p2", "gone"],
        ],
      },
      people,
    );
    const anchorOfRoot = new Map([[pairs.clusters.find(4), 1]]);
    const reasons = (entries: UnmetConstraint[]) => entries.map((entry) => ("reason" in entry ? entry.reason : ""));
    expect(reasons(unmetApart(pairs, people, seating, rooms, anchorOfRoot))).toEqual([
      "they are also to be kept together (directly or through other pairs)",
      "both are fixed in room r0",
      "one of them is kept with a keepTogether partner fixed in room r1",
      "no other room had space",
    ]);
    expect(reasons(unmetApart(pairs, people, seating, rooms, new Map()))[2]).toBe(
      "no other room had space for the whole keepTogether group",
    );
    expect(reasons(unmetApart(pairs, people, seating, roomTable([null]), new Map()))[2]).toBe("there is only one room");
  });
});

describe("unmetGroups", () => {
  it("valuesByRoom: the values in each room, and the values in order of their first carrier", () => {
    const people = roster(["b", "a", "-", "b"]);
    const seating = seated(roomTable([null, null]), people);
    seating.place(0, 1);
    seating.place(1, 1);
    seating.place(2, 0);
    const { valuesIn, values } = valuesByRoom(people, seating);
    expect(values).toEqual(["b", "a"]);
    expect([...valuesIn]).toEqual([[1, new Set(["b", "a"])]]);
  });

  it("reports every value sharing a room once: its lowest such room, what else is there, and the cause", () => {
    const people = roster(["c", "a", "b", "a", "c", "d"]);
    const rooms = roomTable([null, null, null]);
    const seating = seated(rooms, people);
    for (const [person, room] of [
      [0, 2],
      [1, 2],
      [2, 1],
      [3, 1],
      [4, 0],
      [5, 0],
    ] as const) {
      seating.place(person, room);
    }
    const troubles = newTroubles();
    troubles.group.set("a", "its rooms had no space left");
    expect(unmetGroups("language", people, seating, rooms, troubles)).toEqual([
      { kind: "groupByTag", tag: "language", value: "c", reason: "room r0 also holds language=d" },
      {
        kind: "groupByTag",
        tag: "language",
        value: "a",
        reason: "its rooms had no space left (room r1 also holds language=b)",
      },
      { kind: "groupByTag", tag: "language", value: "b", reason: "room r1 also holds language=a" },
      { kind: "groupByTag", tag: "language", value: "d", reason: "room r0 also holds language=c" },
    ]);
  });
});

describe("reportUnmet (step 9)", () => {
  it("unmetLeads: rooms with people and no lead, in room order", () => {
    const people = roster(["-", "L", "-"]);
    const rooms = roomTable([null, null, null, null]);
    const seating = seated(rooms, people);
    seating.place(0, 3);
    seating.place(1, 1);
    seating.place(2, 0);
    expect(unmetLeads(rooms, seating)).toEqual([{ kind: "leadPerRoom", roomIds: ["r0", "r3"] }]);
    expect(unmetLeads(roomTable([null]), seated(roomTable([null]), roster([])))).toEqual([]);
  });

  it("lists capacity, keepTogether, keepApart, groupByTag, leadPerRoom, in that order, and only what was asked", () => {
    const people = roster(["a", "b", "-"]);
    const rooms = roomTable([1]);
    const seating = seated(rooms, people);
    seating.place(0, 0);
    seating.place(1, 0);
    const pairs = readPairs({ keepTogether: [["p0", "p2"]], keepApart: [["p0", "p1"]] }, people);
    const outcome = {
      rooms,
      roster: people,
      seating,
      pairs,
      anchorOfRoot: new Map(),
      troubles: newTroubles(),
      unassigned: ["p2"],
      groupTag: "language",
      leadPerRoom: true,
    };
    const unmet = reportUnmet(outcome);
    expect(unmet.map((entry) => entry.kind)).toEqual([
      "capacity",
      "keepTogether",
      "keepApart",
      "groupByTag",
      "groupByTag",
      "leadPerRoom",
    ]);
    // the report's list is its own, not the result's `unassigned`
    expect(unmet[0]).toEqual({ kind: "capacity", participantIds: ["p2"] });
    expect(unmet[0]?.kind === "capacity" && unmet[0].participantIds).not.toBe(outcome.unassigned);
    expect(
      reportUnmet({ ...outcome, unassigned: [], groupTag: undefined, leadPerRoom: false }).map((entry) => entry.kind),
    ).toEqual(["keepTogether", "keepApart"]);
  });
});
