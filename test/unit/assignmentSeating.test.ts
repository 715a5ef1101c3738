import { describe, expect, it } from "vitest";
import { MinHeap } from "../../server/domain/breakout/assignment/minHeap.js";
import { orderKey, placementOrder } from "../../server/domain/breakout/assignment/order.js";
import { seededRandom } from "../../server/domain/breakout/assignment/random.js";
import {
  leastCrowdedRoom,
  pickRoom,
  roomsToAvoid,
  roomWithMostSpace,
} from "../../server/domain/breakout/assignment/roomChoice.js";
import { roomTable, roster, seated, unit } from "../fixtures/assignmentState.js";

describe("MinHeap", () => {
  it("pops in ascending order, repeats included", () => {
    const heap = new MinHeap();
    const random = seededRandom(3);
    const items = Array.from({ length: 200 }, () => Math.floor(random() * 50));
    for (const item of items) heap.push(item);
    const popped: number[] = [];
    while (heap.peek() !== undefined) popped.push(heap.pop()!);
    expect(popped).toEqual([...items].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });
});

describe("Seating", () => {
  it("place counts people and leads, orders rooms by load then rank, and records the placement", () => {
    const people = roster(["L", "-", "-"]);
    const seating = seated(roomTable([2, null], [1, 0]), people);
    expect(seating.order).toEqual([1, 0]);
    seating.place(0, 1);
    seating.place(1, 1);
    expect(seating.load).toEqual([0, 2]);
    expect(seating.leadsIn).toEqual([0, 1]);
    // load × rooms + rank
    expect(seating.order).toEqual([1, 4]);
    expect(seating.spaceIn(0)).toBe(2);
    expect([...seating.placement]).toEqual([
      ["p0", "r1"],
      ["p1", "r1"],
    ]);
  });

  it("fix seats someone for good, past capacity; the first seat counts", () => {
    const people = roster(["-", "-"]);
    const seating = seated(roomTable([1, 1]), people, [
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(seating.isFixed).toEqual([true, true]);
    expect(seating.roomOf).toEqual([0, 0]);
    expect(seating.spaceIn(0)).toBe(-1);
  });
});

describe("placementOrder (step 7)", () => {
  it("orderKey: anchored clusters, spread leads, clusters, people with a value, everyone else", () => {
    const anchored = unit({ members: [0, 1], anchor: 0 });
    const lead = unit({ leads: 1, value: "a" });
    const untaggedLead = unit({ leads: 1 });
    const cluster = unit({ members: [0, 1] });
    const tagged = unit({ value: "a" });
    const free = unit({});
    const keys = [anchored, lead, untaggedLead, cluster, tagged, free].map((u) => orderKey(u, true));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(keys.length);
    // without leadPerRoom a lead is like anyone else
    expect(orderKey(lead, false)).toBe(orderKey(tagged, false));
  });

  it("keeps every unit once, buckets by key, clusters largest first, and does not touch its input", () => {
    const units = [
      unit({ root: 1 }),
      unit({ root: 2, members: [2, 3] }),
      unit({ root: 4, members: [4, 5, 6] }),
      unit({ root: 7, value: "a" }),
      unit({ root: 8, anchor: 1 }),
    ];
    const before = [...units];
    const ordered = placementOrder(units, seededRandom(1), false);
    expect(units).toEqual(before);
    expect(ordered.map((u) => u.root)).toEqual([8, 4, 2, 7, 1]);
  });

  it("shuffles within a bucket by the seed", () => {
    const units = Array.from({ length: 30 }, (_, i) => unit({ root: i }));
    const a = placementOrder(units, seededRandom(1), false).map((u) => u.root);
    expect(placementOrder(units, seededRandom(1), false).map((u) => u.root)).toEqual(a);
    expect(placementOrder(units, seededRandom(2), false).map((u) => u.root)).not.toEqual(a);
  });
});

describe("room choice", () => {
  it("roomsToAvoid: the rooms of placed keepApart partners, or null", () => {
    const people = roster(["-", "-", "-", "-"]);
    const seating = seated(roomTable([null, null, null]), people, [[1, 2]]);
    const partners = new Map([
      [0, [1, 3]],
      [3, [0]],
    ]);
    expect(roomsToAvoid([0], partners, seating)).toEqual(new Set([2]));
    expect(roomsToAvoid([3], partners, seating)).toBeNull();
    expect(roomsToAvoid([2], partners, seating)).toBeNull();
  });

  it("pickRoom: least crowded with space in the first tier that has one; ties by rank", () => {
    const people = roster(["-", "-", "-", "-"]);
    const rooms = roomTable([1, null, null, null], [3, 2, 1, 0]);
    const seating = seated(rooms, people, [[0, 3]]);
    expect(pickRoom(seating, [[0, 1, 2, 3]], 1, null, false)).toBe(2);
    expect(pickRoom(seating, [[3], [0, 1]], 1, null, false)).toBe(3);
    expect(pickRoom(seating, [[0], [1]], 2, null, false)).toBe(1);
    expect(pickRoom(seating, [[0]], 2, null, false)).toBe(-1);
  });

  it("pickRoom: rooms to avoid come last, after every tier, but are taken rather than nothing", () => {
    const people = roster(["-", "-"]);
    const seating = seated(roomTable([null, null, null]), people);
    expect(pickRoom(seating, [[0], [1, 2]], 1, new Set([0]), false)).toBe(1);
    expect(pickRoom(seating, [[0], [1]], 1, new Set([0, 1]), false)).toBe(0);
  });

  it("pickRoom: when spreading leads, fewer leads first, then fewer people", () => {
    const people = roster(["L", "-", "-", "L"]);
    const seating = seated(roomTable([null, null]), people, [
      [0, 0],
      [1, 1],
      [2, 1],
    ]);
    expect(pickRoom(seating, [[0, 1]], 1, null, false)).toBe(0);
    expect(pickRoom(seating, [[0, 1]], 1, null, true)).toBe(1);
  });

  it("roomWithMostSpace: most free seats in the first tier with any, ties by rank", () => {
    const people = roster(["-"]);
    const rooms = roomTable([3, 5, 5, 0], [0, 2, 1, 3]);
    const seating = seated(rooms, people);
    expect(roomWithMostSpace(seating, [[0, 1, 2]], rooms.rank)).toBe(2);
    expect(roomWithMostSpace(seating, [[3], [0]], rooms.rank)).toBe(0);
    expect(roomWithMostSpace(seating, [[3]], rooms.rank)).toBe(-1);
  });

  it("leastCrowdedRoom gives what pickRoom gives over every room, as rooms fill", () => {
    const random = seededRandom(11);
    const capacities = Array.from({ length: 12 }, () => (random() < 0.5 ? null : Math.floor(random() * 6)));
    const people = roster(Array(60).fill("-"));
    const rooms = roomTable(capacities, [5, 3, 11, 0, 8, 1, 10, 2, 9, 4, 7, 6]);
    const seating = seated(rooms, people);
    seating.trackCrowding();
    for (let person = 0; person < 60; person++) {
      const expected = pickRoom(seating, [rooms.all], 1, null, false);
      expect(leastCrowdedRoom(seating)).toBe(expected);
      if (expected < 0) break;
      // also place some people elsewhere, so the heap holds stale entries
      seating.place(person, person % 3 === 0 ? rooms.all.find((room) => seating.spaceIn(room) > 0)! : expected);
    }
  });
});
