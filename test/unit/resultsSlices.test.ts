import { describe, expect, it } from "vitest";
import { type Send, writeInSlices } from "../../server/realtime/pollResultsFeed.js";
import type { PollResultsUpdate } from "../../shared/poll.js";

/** The slicer never looks inside a results message: any update stands for one here. */
const update = (pollId: string, tallyVersion: number) =>
  ({ pollId, tallyVersion, results: { kind: "single", combined: { voters: 0, counts: [] } } }) as PollResultsUpdate;

/** Runs writeInSlices and records, in order, every write and every turn it gave away. */
async function record(sends: Send[], sliceSockets: number, recheck = (_send: Send, ids: string[]) => ids) {
  const log: Array<{ turn: true } | { socketIds: string[]; pollId: string }> = [];
  await writeInSlices(
    sends,
    sliceSockets,
    (socketIds, written) => log.push({ socketIds, pollId: written.pollId }),
    async () => {
      log.push({ turn: true });
    },
    recheck,
  );
  return log;
}

/** The writes between two turns, each slice's socket ids in order. */
function slices(log: Awaited<ReturnType<typeof record>>): string[][] {
  const result: string[][] = [[]];
  for (const entry of log) {
    if ("turn" in entry) result.push([]);
    else result[result.length - 1]?.push(...entry.socketIds);
  }
  return result;
}

describe("results ticks written in slices", () => {
  it("every socket once, in order, at most a slice per turn; a group that fits is written whole", async () => {
    const a = { socketIds: ["a1", "a2", "a3"], update: update("p1", 7) };
    const b = { socketIds: ["b1", "b2", "b3", "b4", "b5"], update: update("p2", 3) };
    const c = { socketIds: ["c1", "c2"], update: update("p3", 1) };
    const log = await record([a, b, c], 4);
    expect(slices(log)).toEqual([
      ["a1", "a2", "a3", "b1"],
      ["b2", "b3", "b4", "b5"],
      ["c1", "c2"],
    ]);
    // Whole groups are passed as they are, so the emit can address the workshop's room when that is everyone.
    expect(log[0]).toEqual({ socketIds: a.socketIds, pollId: "p1" });
    expect((log[0] as { socketIds: string[] }).socketIds).toBe(a.socketIds);
    // Each piece carries its own group's message.
    expect(
      log
        .filter((entry) => "pollId" in entry && entry.pollId === "p2")
        .flatMap((entry) => ("socketIds" in entry ? entry.socketIds : [])),
    ).toEqual(b.socketIds);
  });

  it("a tick that fits in one slice is written in the same turn", async () => {
    const log = await record([{ socketIds: ["s1", "s2"], update: update("p1", 1) }], 250);
    expect(log.some((entry) => "turn" in entry)).toBe(false);
    expect(slices(log)).toEqual([["s1", "s2"]]);
  });

  it("each piece is written only to the sockets the recheck still allows; the rest go on", async () => {
    const refused = new Set(["s3", "s6"]);
    const seen: string[][] = [];
    const log = await record(
      [{ socketIds: ["s1", "s2", "s3", "s4", "s5", "s6"], update: update("p1", 2) }],
      2,
      (_send, ids) => {
        seen.push(ids);
        return ids.filter((id) => !refused.has(id));
      },
    );
    expect(seen).toEqual([
      ["s1", "s2"],
      ["s3", "s4"],
      ["s5", "s6"],
    ]);
    expect(slices(log)).toEqual([["s1", "s2"], ["s4"], ["s5"]]);
  });

  it("a piece the recheck empties is not written at all", async () => {
    const log = await record([{ socketIds: ["s1", "s2", "s3"], update: update("p1", 2) }], 1, (_send, ids) =>
      ids.filter((id) => id !== "s2"),
    );
    expect(log.filter((entry) => "socketIds" in entry)).toEqual([
      { socketIds: ["s1"], pollId: "p1" },
      { socketIds: ["s3"], pollId: "p1" },
    ]);
  });
});
