import { describe, expect, it } from "vitest";
import { anchorRoom, clustersOf, pairOrder, pluralityValue } from "../../server/domain/breakout/assignment/clusters.js";
import {
  distinctPairs,
  inOneCluster,
  pairKey,
  partnersOf,
  readPairs,
  UnionFind,
} from "../../server/domain/breakout/assignment/pairs.js";
import { newTroubles, noteGroupTrouble } from "../../server/domain/breakout/assignment/troubles.js";
import { buildUnits } from "../../server/domain/breakout/assignment/units.js";
import { roomTable, roster, seated } from "../fixtures/assignmentState.js";

describe("pairs (step 4)", () => {
  it("pairKey is the same either way round", () => {
    expect(pairKey("a", "b")).toBe(pairKey("b", "a"));
    expect(pairKey("a", "b")).not.toBe(pairKey("a", "c"));
  });

  it("distinctPairs drops self-pairs and repeats in either order, keeping the first spelling", () => {
    expect(
      distinctPairs([
        ["b", "a"],
        ["a", "a"],
        ["a", "b"],
        ["c", "a"],
      ]),
    ).toEqual([
      ["b", "a"],
      ["c", "a"],
    ]);
    expect(distinctPairs(undefined)).toEqual([]);
  });

  it("UnionFind joins transitively", () => {
    const sets = new UnionFind(5);
    sets.union(0, 1);
    sets.union(1, 2);
    sets.union(2, 0);
    expect(sets.find(0)).toBe(sets.find(2));
    expect(sets.find(3)).not.toBe(sets.find(0));
    expect(sets.find(4)).toBe(4);
  });

  it("partnersOf links both ways in pair order and ignores pairs naming someone absent", () => {
    const people = roster(["-", "-", "-"]);
    const seen: Array<[number, number]> = [];
    const partners = partnersOf(
      [
        ["p0", "p1"],
        ["p2", "gone"],
        ["p2", "p0"],
      ],
      people,
      (a, b) => seen.push([a, b]),
    );
    expect([...partners]).toEqual([
      [0, [1, 2]],
      [1, [0]],
      [2, [0]],
    ]);
    expect(seen).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });

  it("readPairs: keepTogether clusters, apart partners; inOneCluster only for people in a cluster", () => {
    const people = roster(["-", "-", "-", "-", "-"]);
    const pairs = readPairs(
      {
        keepTogether: [
          ["p0", "p1"],
          ["p1", "p2"],
          ["p1", "p0"],
        ],
        keepApart: [["p3", "p4"]],
      },
      people,
    );
    expect(pairs.together).toEqual([
      ["p0", "p1"],
      ["p1", "p2"],
    ]);
    expect(pairs.apart).toEqual([["p3", "p4"]]);
    expect(inOneCluster(pairs, 0, 2)).toBe(true);
    expect(inOneCluster(pairs, 0, 3)).toBe(false);
    expect(inOneCluster(pairs, 3, 3)).toBe(false);
    expect([...pairs.apartPartners.keys()]).toEqual([3, 4]);
  });
});

describe("clusters", () => {
  it("pairOrder walks breadth-first from the start along the pairs", () => {
    const partners = new Map([
      [0, [3, 1]],
      [1, [0, 2]],
      [2, [1]],
      [3, [0]],
    ]);
    expect(pairOrder(0, partners)).toEqual([0, 3, 1, 2]);
    expect(pairOrder(2, partners)).toEqual([2, 1, 0, 3]);
  });

  it("anchorRoom: the room with most fixed members, ties to the lower room, and how many rooms", () => {
    const people = roster(["-", "-", "-", "-", "-"]);
    const seating = seated(roomTable([null, null, null]), people, [
      [0, 2],
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    expect(anchorRoom([0, 1, 2, 3, 4], seating)).toEqual({ anchor: 1, fixedRooms: 2 });
    expect(anchorRoom([0, 2, 3], seating)).toEqual({ anchor: 2, fixedRooms: 2 });
    expect(anchorRoom([4], seating)).toEqual({ anchor: -1, fixedRooms: 0 });
  });

  it("pluralityValue: the most common value, ties to the smallest, null without any", () => {
    const value = ["b", "a", "b", "a", null, "c"];
    expect(pluralityValue([0, 1, 2], value)).toBe("b");
    expect(pluralityValue([0, 1, 2, 3], value)).toBe("a");
    expect(pluralityValue([4], value)).toBeNull();
    expect(pluralityValue([4, 5], value)).toBe("c");
  });

  it("clustersOf: members ascending, clusters in the order of their first member", () => {
    const people = roster(["-", "-", "-", "-", "-"]);
    const pairs = readPairs(
      {
        keepTogether: [
          ["p3", "p1"],
          ["p4", "p0"],
        ],
      },
      people,
    );
    expect([...clustersOf(pairs, 5).values()]).toEqual([
      [0, 4],
      [1, 3],
    ]);
  });
});

describe("buildUnits (step 5)", () => {
  it("free people alone first, then clusters; fixed people are in no unit", () => {
    const people = roster(["a", "L", "b", "-", "a"]);
    const seating = seated(roomTable([null, null]), people, [[3, 1]]);
    const pairs = readPairs({ keepTogether: [["p4", "p2"]] }, people);
    const { units, anchorOfRoot } = buildUnits(people, seating, pairs, "language", newTroubles());
    expect(units).toEqual([
      { root: 0, members: [0], anchor: -1, value: "a", leads: 0 },
      { root: 1, members: [1], anchor: -1, value: null, leads: 1 },
      { root: pairs.clusters.find(2), members: [2, 4], anchor: -1, value: "a", leads: 0 },
    ]);
    expect(anchorOfRoot.size).toBe(0);
  });

  it("a cluster follows its fixed members' room and notes members of another value", () => {
    const people = roster(["a", "b", "b", "c"]);
    const seating = seated(roomTable([null, null]), people, [[0, 1]]);
    const pairs = readPairs(
      {
        keepTogether: [
          ["p0", "p1"],
          ["p1", "p2"],
        ],
      },
      people,
    );
    const troubles = newTroubles();
    const { units, anchorOfRoot } = buildUnits(people, seating, pairs, "language", troubles);
    const cluster = units.find((unit) => unit.members.length > 1);
    expect(cluster).toMatchObject({ members: [1, 2], anchor: 1, value: "b" });
    expect([...anchorOfRoot.values()]).toEqual([1]);
    expect([...troubles.group]).toEqual([["a", "someone is kept with a keepTogether partner of language=b"]]);
  });

  it("a cluster fixed in several rooms is trouble even when nobody in it is left to place", () => {
    const people = roster(["-", "-"]);
    const seating = seated(roomTable([null, null]), people, [
      [0, 0],
      [1, 1],
    ]);
    const pairs = readPairs({ keepTogether: [["p0", "p1"]] }, people);
    const troubles = newTroubles();
    const { units } = buildUnits(people, seating, pairs, undefined, troubles);
    expect(units).toEqual([]);
    expect([...troubles.together.values()]).toEqual(["some of them are fixed in different rooms"]);
  });

  it("the first cause noted for a value stands", () => {
    const troubles = newTroubles();
    noteGroupTrouble(troubles, "a", "first");
    noteGroupTrouble(troubles, "a", "second");
    expect(troubles.group.get("a")).toBe("first");
  });
});
