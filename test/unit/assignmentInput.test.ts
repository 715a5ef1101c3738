import { describe, expect, it } from "vitest";
import { resolveFixedSeats } from "../../server/domain/breakout/assignment/fixed.js";
import { shuffleInPlace } from "../../server/domain/breakout/assignment/random.js";
import { indexRooms, normalizeCapacity, UNLIMITED } from "../../server/domain/breakout/assignment/rooms.js";
import { addPerson, indexPeople } from "../../server/domain/breakout/assignment/roster.js";
import { roomTable, roster } from "../fixtures/assignmentState.js";

/** A random source that replays these draws, then fails the test if asked for more. */
function draws(...values: number[]): () => number {
  let next = 0;
  return () => {
    if (next >= values.length) throw new Error("drew more than expected");
    return values[next++]!;
  };
}

describe("shuffleInPlace", () => {
  it("draws once per item but the first, from the end", () => {
    const items = ["a", "b", "c", "d"];
    shuffleInPlace(items, draws(0, 0, 0));
    // i=3 swaps with 0, i=2 with 0, i=1 with 0
    expect(items).toEqual(["b", "c", "d", "a"]);
  });

  it("keeps everyone when the draws stray outside [0, 1)", () => {
    for (const stray of [1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const items = [1, 2, 3, 4, 5];
      shuffleInPlace(items, () => stray);
      expect([...items].sort()).toEqual([1, 2, 3, 4, 5]);
    }
  });
});

describe("normalizeCapacity", () => {
  it("turns every capacity into a whole number of seats in [0, UNLIMITED]", () => {
    expect(normalizeCapacity(null)).toBe(UNLIMITED);
    expect(normalizeCapacity(Number.POSITIVE_INFINITY)).toBe(UNLIMITED);
    expect(normalizeCapacity(Number.NaN)).toBe(0);
    expect(normalizeCapacity(-3)).toBe(0);
    expect(normalizeCapacity(2.7)).toBe(2);
    expect(normalizeCapacity(12)).toBe(12);
  });

  it("keeps UNLIMITED a small integer, so seat arithmetic never leaves V8's small integers", () => {
    expect(UNLIMITED).toBe(2 ** 30 - 1);
    expect(UNLIMITED + UNLIMITED).toBeLessThan(2 ** 31);
  });
});

describe("indexRooms (step 1)", () => {
  it("numbers rooms in order, counts a repeated id once with its first capacity", () => {
    const rooms = indexRooms(
      [
        { roomId: "a", capacity: 3 },
        { roomId: "b", capacity: null },
        { roomId: "a", capacity: 99 },
      ],
      () => 0.5,
    );
    expect(rooms.ids).toEqual(["a", "b"]);
    expect(rooms.capacity).toEqual([3, UNLIMITED]);
    expect([...rooms.indexOf]).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    expect(rooms.all).toEqual([0, 1]);
  });

  it("ranks the rooms by a shuffle that takes one draw per room but the first", () => {
    const slots = Array.from({ length: 5 }, (_, i) => ({ roomId: `r${i}`, capacity: null }));
    const rooms = indexRooms(slots, draws(0.9, 0.1, 0.6, 0.3));
    expect([...rooms.rank].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(rooms.rank).toEqual([2, 3, 1, 0, 4]);
    expect(indexRooms([], draws()).rank).toEqual([]);
  });
});

describe("indexPeople (step 2)", () => {
  const person = (participantId: string, tags: Record<string, string> = {}, isLead = false) => ({
    participantId,
    isLead,
    tags,
  });

  it("numbers people in order; a repeated id is the first entry", () => {
    const people = indexPeople([person("x", {}, true), person("y"), person("x", {}, false)], undefined);
    expect(people.ids).toEqual(["x", "y"]);
    expect(people.isLead).toEqual([true, false]);
    expect(people.indexOf.get("y")).toBe(1);
  });

  it("reads the grouping tag's value; no tag, an empty one, or no grouping is null", () => {
    const list = [person("a", { language: "th" }), person("b", { language: "" }), person("c", { region: "x" })];
    expect(indexPeople(list, "language").value).toEqual(["th", null, null]);
    expect(indexPeople(list, undefined).value).toEqual([null, null, null]);
  });

  it("addPerson appends one person to every column", () => {
    const people = roster(["a"]);
    expect(addPerson(people, "new", true, "b")).toBe(1);
    expect(people).toEqual({
      ids: ["p0", "new"],
      isLead: [false, true],
      value: ["a", "b"],
      indexOf: new Map([
        ["p0", 0],
        ["new", 1],
      ]),
    });
  });
});

describe("resolveFixedSeats (step 3)", () => {
  it("gives [person, room] in the map's order and adds someone fixed but not on the roster", () => {
    const people = roster(["a", "b"]);
    const seats = resolveFixedSeats(
      new Map([
        ["p1", "r1"],
        ["outsider", "r0"],
        ["p0", "r0"],
      ]),
      people,
      roomTable([2, 2]),
    );
    expect(seats).toEqual([
      [1, 1],
      [2, 0],
      [0, 0],
    ]);
    expect(people.ids).toEqual(["p0", "p1", "outsider"]);
    expect(people.isLead[2]).toBe(false);
    expect(people.value[2]).toBeNull();
  });

  it("drops a seat in a room that does not exist, and never adds that person", () => {
    const people = roster(["-"]);
    const seats = resolveFixedSeats(
      new Map([
        ["p0", "nowhere"],
        ["ghost", "nowhere"],
      ]),
      people,
      roomTable([null]),
    );
    expect(seats).toEqual([]);
    expect(people.ids).toEqual(["p0"]);
    expect(resolveFixedSeats(undefined, people, roomTable([null]))).toEqual([]);
  });
});
