import { describe, expect, it } from "vitest";
import { type Attached, FollowedWorkshops } from "../../server/realtime/followedWorkshops.js";

interface State extends Attached {
  serial: number;
}

/** A FollowedWorkshops whose starts the test settles by hand, recording every stop. */
function harness() {
  const starts: Array<{ serial: number; resolve: () => void; reject: (error: Error) => void }> = [];
  const stops: Array<{ serial: number; replaced: boolean }> = [];
  let serial = 0;
  const followed = new FollowedWorkshops<State>({
    create: () => ({ sockets: new Set(), serial: ++serial }),
    start: (_workshopId, state) =>
      new Promise<void>((resolve, reject) => starts.push({ serial: state.serial, resolve, reject })),
    stop: (_workshopId, state, replaced) => stops.push({ serial: state.serial, replaced }),
  });
  return { followed, starts, stops };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("FollowedWorkshops: which local sockets need a workshop followed", () => {
  it("starts once for every socket that attaches meanwhile; each waits for that start", async () => {
    const { followed, starts } = harness();
    let firstReady = false;
    let secondReady = false;
    void followed.attach("w1", "s1").then(() => (firstReady = true));
    void followed.attach("w1", "s2").then(() => (secondReady = true));
    await settle();
    expect(starts).toHaveLength(1);
    expect([firstReady, secondReady]).toEqual([false, false]);
    starts[0]?.resolve();
    await settle();
    expect([firstReady, secondReady]).toEqual([true, true]);
  });

  it("a failed start fails every socket waiting on it, and the next socket starts afresh", async () => {
    const { followed, starts, stops } = harness();
    const first = followed.attach("w1", "s1");
    const second = followed.attach("w1", "s2");
    starts[0]?.reject(new Error("timed out"));
    await expect(first).rejects.toThrow("timed out");
    await expect(second).rejects.toThrow("timed out");
    expect(followed.has("w1")).toBe(false);
    expect(stops).toEqual([{ serial: 1, replaced: false }]);

    const third = followed.attach("w1", "s3");
    expect(starts).toHaveLength(2);
    starts[1]?.resolve();
    await third;
    // The failed sockets' sessions end and detach: the new follow is not theirs to take away.
    followed.detach("w1", "s1");
    followed.detach("w1", "s2");
    await settle();
    expect(followed.get("w1")?.sockets).toEqual(new Set(["s3"]));
    expect(stops).toHaveLength(1);
  });

  it("a socket that never attached (its session failed before this feed) takes nothing away", async () => {
    const { followed, starts, stops } = harness();
    const attached = followed.attach("w1", "s1");
    starts[0]?.resolve();
    await attached;
    followed.detach("w1", "never-attached");
    followed.detach("w2", "s1");
    await settle();
    expect(followed.get("w1")?.sockets).toEqual(new Set(["s1"]));
    expect(stops).toEqual([]);
  });

  it("the last socket to leave stops the follow once, after a start still under way has settled", async () => {
    const { followed, starts, stops } = harness();
    const attached = followed.attach("w1", "s1");
    followed.detach("w1", "s1");
    expect(followed.has("w1")).toBe(false);
    // A new socket meanwhile makes a new state; the old one's start settles later.
    void followed.attach("w1", "s2");
    expect(stops).toEqual([]);
    starts[0]?.resolve();
    await attached;
    await settle();
    expect(stops).toEqual([{ serial: 1, replaced: true }]);
    starts[1]?.resolve();
    await settle();
    followed.detach("w1", "s2");
    followed.detach("w1", "s2");
    await settle();
    expect(stops).toEqual([
      { serial: 1, replaced: true },
      { serial: 2, replaced: false },
    ]);
  });
});
