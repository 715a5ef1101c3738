import { describe, expect, it } from "vitest";
import type { PollTally } from "../../server/domain/polls/records.js";
import { noteTally, type Send, takeIncluded, votersFirst } from "../../server/realtime/pollResultsFeed.js";
import { decodeTallyNotice, TALLY_NOTICE_MAX_FIELDS } from "../../server/store/polls/tallyNotice.js";
import type { PollId, PollResultsUpdate } from "../../shared/poll.js";

const update = (pollId: string, tallyVersion: number) =>
  ({ pollId, tallyVersion, results: { kind: "single", combined: { voters: 0, counts: [] } } }) as PollResultsUpdate;

const tally = (tallyVersion: number, voters: number): PollTally => ({
  tallyVersion,
  counters: new Map([["*|n", voters]]),
});

describe("voters first in a results tick", () => {
  it("moves the voters' sockets of every send ahead of all others, each socket once, same message", () => {
    const a: Send = { socketIds: ["a1", "a2", "a3"], update: update("p1", 7) };
    const b: Send = { socketIds: ["b1", "b2"], update: update("p1", 7), key: "room-b" };
    const c: Send = { socketIds: ["c1", "c2"], update: update("p2", 3) };
    const ordered = votersFirst([a, b, c], new Set(["a3", "b2", "c1", "gone"]));
    expect(ordered.map((send) => [send.socketIds, send.update.pollId, send.key])).toEqual([
      [["a3"], "p1", undefined],
      [["b2"], "p1", "room-b"],
      [["c1"], "p2", undefined],
      [["a1", "a2"], "p1", undefined],
      [["b1"], "p1", "room-b"],
      [["c2"], "p2", undefined],
    ]);
    expect(ordered.flatMap((send) => send.socketIds).sort()).toEqual(["a1", "a2", "a3", "b1", "b2", "c1", "c2"]);
  });

  it("leaves the sends as they are when nobody voted, and a send of voters only whole", () => {
    const a: Send = { socketIds: ["a1", "a2"], update: update("p1", 1) };
    expect(votersFirst([a], new Set())).toEqual([a]);
    expect(votersFirst([a], new Set(["a1", "a2"]))).toEqual([a]);
  });

  it("takes the voters a tally includes and keeps those counted after it for a later tick", () => {
    const voters = new Map<PollId, Map<string, number>>([
      [
        "p1",
        new Map([
          ["s1", 4],
          ["s2", 5],
          ["s3", 6],
        ]),
      ],
      ["p2", new Map([["s4", 1]])],
    ]);
    const included = new Set<string>();
    takeIncluded(voters, "p1", 5, included);
    expect([...included].sort()).toEqual(["s1", "s2"]);
    expect([...(voters.get("p1")?.keys() ?? [])]).toEqual(["s3"]);
    takeIncluded(voters, "p1", 6, included);
    takeIncluded(voters, "p3", 9, included);
    expect(voters.has("p1")).toBe(false);
    expect(voters.get("p2")?.get("s4")).toBe(1);
  });
});

describe("tallies carried by ballot notifications", () => {
  it("keeps the newest per poll, whatever the order they arrive in; one without a tally means read", () => {
    const tallies = new Map<PollId, PollTally | null>();
    noteTally(tallies, "p1", tally(3, 3));
    noteTally(tallies, "p1", tally(2, 2));
    expect(tallies.get("p1")?.tallyVersion).toBe(3);
    noteTally(tallies, "p1", tally(5, 4));
    expect(tallies.get("p1")?.tallyVersion).toBe(5);
    noteTally(tallies, "p1", null);
    noteTally(tallies, "p1", tally(9, 9));
    expect(tallies.get("p1")).toBeNull();
    noteTally(tallies, "p2", null);
    expect(tallies.get("p2")).toBeNull();
  });

  it("decodes the script's notice (whose ballot changed included), older notices, a bare poll id, and refuses junk", () => {
    const counted = {
      tallyVersion: 3,
      counters: new Map([
        ["*|n", 2],
        ["*|o:a", 2],
      ]),
    };
    expect(decodeTallyNotice('["opoll00000001",["*|n","2","*|o:a","2","#v","3"],"k1",true]')).toEqual({
      pollId: "opoll00000001",
      tally: counted,
      change: { voterKey: "k1", voted: true },
    });
    expect(decodeTallyNotice('["opoll00000001",false,"k1",false]')).toEqual({
      pollId: "opoll00000001",
      tally: null,
      change: { voterKey: "k1", voted: false },
    });
    expect(decodeTallyNotice('["opoll00000001",["*|n","2","*|o:a","2","#v","3"]]')).toEqual({
      pollId: "opoll00000001",
      tally: counted,
      change: null,
    });
    expect(decodeTallyNotice('["opoll00000001"]')).toEqual({ pollId: "opoll00000001", tally: null, change: null });
    expect(decodeTallyNotice("opoll00000001")).toEqual({ pollId: "opoll00000001", tally: null, change: null });
    expect(decodeTallyNotice('["opoll00000001",["*|n"]]')).toEqual({
      pollId: "opoll00000001",
      tally: null,
      change: null,
    });
    expect(decodeTallyNotice('["opoll00000001",["*|n","x"]]')).toEqual({
      pollId: "opoll00000001",
      tally: null,
      change: null,
    });
    for (const junk of ["", "[", "[1]", '[""]', "{}", "not a poll", '{"pollId":"opoll00000001"}']) {
      expect(decodeTallyNotice(junk)).toBeNull();
    }
    expect(TALLY_NOTICE_MAX_FIELDS).toBeGreaterThanOrEqual(111);
  });
});
