import { describe, expect, it } from "vitest";
import { keptAfter, type RecentEvent } from "../../server/realtime/eventFeed.js";

/** The feed's kept events are in version order; a catch-up takes those after a version by bisection. */

function kept(versions: number[]): RecentEvent[] {
  return versions.map((v) => ({
    event: { v, type: "participant:presence", participantId: `p${String(v).padStart(15, "0")}`, online: v % 2 === 0 },
    audience: { everyone: true },
  }));
}

const all = () => true;

describe("keptAfter", () => {
  it("takes the events after a version, in order, whatever the gaps", () => {
    const recent = kept([3, 4, 5, 7, 9]);
    expect(keptAfter(recent, 4, all).map((event) => event.v)).toEqual([5, 7, 9]);
    expect(keptAfter(recent, 6, all).map((event) => event.v)).toEqual([7, 9]);
    expect(keptAfter(recent, 0, all).map((event) => event.v)).toEqual([3, 4, 5, 7, 9]);
    expect(keptAfter(recent, 9, all)).toEqual([]);
    expect(keptAfter(recent, 100, all)).toEqual([]);
    expect(keptAfter([], 3, all)).toEqual([]);
  });

  it("keeps only what passes, and equals filtering everything", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 200; round++) {
      const versions: number[] = [];
      let v = Math.floor(random() * 5);
      const length = Math.floor(random() * 40);
      for (let index = 0; index < length; index++) {
        v += 1 + Math.floor(random() * 3);
        versions.push(v);
      }
      const recent = kept(versions);
      const after = Math.floor(random() * (v + 3)) - 1;
      const even = (event: RecentEvent) => event.event.v % 2 === 0;
      const expected = recent.filter((event) => event.event.v > after && even(event)).map(({ event }) => event);
      expect(keptAfter(recent, after, even)).toEqual(expected);
    }
  });
});
