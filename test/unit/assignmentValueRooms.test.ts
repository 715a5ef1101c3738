import { describe, expect, it } from "vitest";
import {
  Claims,
  claimExtraRooms,
  claimFixedRooms,
  claimOneRoomEach,
  shareRoomsForHomeless,
} from "../../server/domain/breakout/assignment/claims.js";
import { readPairs } from "../../server/domain/breakout/assignment/pairs.js";
import { UNLIMITED } from "../../server/domain/breakout/assignment/rooms.js";
import { newTroubles } from "../../server/domain/breakout/assignment/troubles.js";
import { buildUnits } from "../../server/domain/breakout/assignment/units.js";
import {
  claimValueRooms,
  fixedValuesByRoom,
  noValueRooms,
  valueSizes,
} from "../../server/domain/breakout/assignment/valueRooms.js";
import { roomTable, roster, seated } from "../fixtures/assignmentState.js";

describe("counting values", () => {
  it("valueSizes counts fixed people and units of each value", () => {
    const people = roster(["a", "a", "b", "-", "b"]);
    const seating = seated(roomTable([null]), people, [[0, 0]]);
    const { units } = buildUnits(people, seating, readPairs({}, people), "language", newTroubles());
    expect([...valueSizes(people, seating, units)]).toEqual([
      ["a", 2],
      ["b", 2],
    ]);
  });

  it("fixedValuesByRoom counts fixed people of each value per room, rooms as first seen", () => {
    const people = roster(["a", "b", "a", "-", "c"]);
    const seating = seated(roomTable([null, null]), people, [
      [4, 1],
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expect([...fixedValuesByRoom(people, seating)].map(([room, counts]) => [room, [...counts]])).toEqual([
      [
        0,
        [
          ["a", 2],
          ["b", 1],
        ],
      ],
      [1, [["c", 1]]],
    ]);
  });
});

describe("claims", () => {
  it("a claim adds the room and its seats to the value; unclaimed rooms go biggest first, then by rank", () => {
    const rooms = roomTable([5, null, 5, 9], [3, 2, 1, 0]);
    const claims = new Claims(rooms);
    expect(claims.unclaimed()).toEqual([1, 3, 2, 0]);
    claims.claim(3, "a");
    claims.claim(0, "a");
    expect(claims.roomsOf.get("a")).toEqual([3, 0]);
    expect(claims.seatsOf.get("a")).toBe(14);
    expect(claims.unclaimed()).toEqual([1, 2]);
  });

  it("claimFixedRooms gives a room to the value most fixed there (ties: the smallest) and notes the rest", () => {
    const claims = new Claims(roomTable([null, null]));
    const troubles = newTroubles();
    claimFixedRooms(
      new Map([
        [
          1,
          new Map([
            ["b", 2],
            ["a", 2],
            ["c", 1],
          ]),
        ],
      ]),
      claims,
      troubles,
    );
    expect([...claims.roomsOf]).toEqual([["a", [1]]]);
    expect([...troubles.group.keys()]).toEqual(["b", "c"]);
    expect(troubles.group.get("b")).toBe("some of them are fixed in a room of another group");
  });

  it("claimOneRoomEach: a room per value without one, in the order given, until rooms run out", () => {
    const claims = new Claims(roomTable([null, null, null]));
    claims.claim(0, "b");
    const groups = [
      ["a", 9],
      ["b", 5],
      ["c", 3],
      ["d", 1],
    ] as const;
    expect(claimOneRoomEach(groups, [2, 1], claims)).toEqual({ next: 2, homeless: ["d"] });
    expect([...claims.roomsOf]).toEqual([
      ["b", [0]],
      ["a", [2]],
      ["c", [1]],
    ]);
  });

  it("claimExtraRooms: to the most crowded value while it is above the average or short of seats", () => {
    const rooms = roomTable([10, 10, 10, 10, 10]);
    const claims = new Claims(rooms);
    claims.claim(0, "a");
    claims.claim(1, "b");
    const groups = [
      ["a", 30],
      ["b", 12],
    ] as const;
    // average room: 50 people / 5 rooms = 10
    // a: 30 per room, then 15, then 10 with 30 seats for 30 (done); then b: 12 per room
    expect(claimExtraRooms(groups, [2, 3, 4], 0, 10, claims)).toBe(3);
    expect(claims.roomsOf.get("a")).toEqual([0, 2, 3]);
    expect(claims.roomsOf.get("b")).toEqual([1, 4]);
    // once nobody needs one, the rest stay open
    const relaxed = new Claims(rooms);
    relaxed.claim(0, "a");
    expect(claimExtraRooms([["a", 5]], [1, 2], 0, 10, relaxed)).toBe(0);
  });

  it("shareRoomsForHomeless: each value left over shares the room with fewest people expected", () => {
    const rooms = roomTable([null, null, null], [2, 0, 1]);
    const roomsOf = new Map([
      ["a", [0]],
      ["b", [1, 2]],
    ]);
    const sizes = new Map([
      ["a", 3],
      ["b", 8],
      ["c", 2],
      ["d", 2],
    ]);
    const troubles = newTroubles();
    troubles.group.set("c", "an earlier cause");
    shareRoomsForHomeless(["c", "d"], sizes, rooms, roomsOf, troubles);
    // projected: r0 3, r1 4, r2 4 → c to r0 (5), then d to r1 (rank 0 beats r2's rank 1)
    expect(roomsOf.get("c")).toEqual([0]);
    expect(roomsOf.get("d")).toEqual([1]);
    expect(troubles.group.get("c")).toBe("there are more groups than rooms");
    expect(troubles.group.get("d")).toBe("there are more groups than rooms");
  });

  it("shareRoomsForHomeless with no rooms at all gives nothing", () => {
    const roomsOf = new Map<string, number[]>();
    shareRoomsForHomeless(["a"], new Map([["a", 1]]), roomTable([]), roomsOf, newTroubles());
    expect(roomsOf.size).toBe(0);
  });
});

describe("claimValueRooms (step 6)", () => {
  it("gives values rooms in proportion to their size and leaves the rest open", () => {
    const people = roster([...Array(12).fill("a"), ...Array(6).fill("b"), ...Array(6).fill("-")]);
    const rooms = roomTable([null, null, null, null]);
    const seating = seated(rooms, people);
    const { units } = buildUnits(people, seating, readPairs({}, people), "language", newTroubles());
    const valueRooms = claimValueRooms(people, seating, units, rooms, newTroubles());
    expect(valueRooms.roomsOf.get("a")).toHaveLength(2);
    expect(valueRooms.roomsOf.get("b")).toHaveLength(1);
    expect(valueRooms.open).toHaveLength(1);
    for (const [value, owned] of valueRooms.roomsOf) expect([...valueRooms.roomSetOf.get(value)!]).toEqual(owned);
  });

  it("a room holding fixed people is their value's before any other is given", () => {
    const people = roster(["b", "a", "a", "a"]);
    const rooms = roomTable([null, null, 1]);
    const seating = seated(rooms, people, [[0, 2]]);
    const { units } = buildUnits(people, seating, readPairs({}, people), "language", newTroubles());
    const valueRooms = claimValueRooms(people, seating, units, rooms, newTroubles());
    expect(valueRooms.roomsOf.get("b")).toEqual([2]);
    // a: the biggest free room, then another, as 3 in one room is above the average (4 / 3)
    expect(valueRooms.roomsOf.get("a")).toEqual([0, 1]);
    expect(valueRooms.open).toEqual([]);
  });

  it("noValueRooms: no value owns a room and every room is open", () => {
    const rooms = roomTable([3, UNLIMITED]);
    expect(noValueRooms(rooms)).toEqual({ roomsOf: new Map(), roomSetOf: new Map(), open: [0, 1] });
  });
});
