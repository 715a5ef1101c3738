import { describe, expect, it } from "vitest";
import type { Membership } from "../../server/domain/membership.js";
import type { PollTally } from "../../server/domain/polls/records.js";
import type { Logger } from "../../server/logger.js";
import type { Metrics } from "../../server/metrics.js";
import { PollResultsFeed } from "../../server/realtime/pollResultsFeed.js";
import type { WorkshopServer } from "../../server/realtime/types.js";
import type { PollResultsReader } from "../../server/services/delivery/pollResultsReader.js";
import type { TallyListener } from "../../server/store/polls/port.js";
import type { PollResultsUpdate, PollView } from "../../shared/poll.js";

const WORKSHOP = "w1";
const POLL = { pollId: "p1", status: "open" } as PollView;

/**
 * A results feed over a fake store: the test sets the tally a read finds and delivers the
 * store's ballot notices when it likes (they travel on another connection than reads, so a read
 * can find a tally whose notice has not arrived yet). Every socket may see the results.
 */
function feedOverFakeStore() {
  let stored = 0;
  let onTally: TallyListener = () => undefined;
  const received = new Map<string, number[]>();
  const members = new Map<string, Membership>();
  const update = (tallyVersion: number) =>
    ({
      pollId: POLL.pollId,
      tallyVersion,
      results: { kind: "single", combined: { voters: 0, counts: [] } },
    }) as PollResultsUpdate;
  const reader = {
    follow: () => undefined,
    unfollow: () => undefined,
    eventsDelivered: () => undefined,
    followTallies: async (_workshopId: string, listener: TallyListener) => {
      onTally = listener;
      return async () => undefined;
    },
    copy: () => ({ round: null, polls: [POLL] }),
    current: async () => ({ round: null, polls: [POLL] }),
    results: async (_workshopId: string, _poll: PollView, _round: unknown, known?: PollTally) =>
      update(known?.tallyVersion ?? stored),
    recipient: (membership: Membership) => ({ manages: true, viewer: { participantId: membership.participantId } }),
    waitsForBallot: () => false,
  } as unknown as PollResultsReader;
  const io = {
    of: () => ({ adapter: { rooms: new Map() } }),
    local: {
      to: (socketIds: string | string[]) => ({
        emit: (_event: string, sent: PollResultsUpdate) => {
          for (const socketId of [socketIds].flat())
            received.set(socketId, [...(received.get(socketId) ?? []), sent.tallyVersion]);
        },
      }),
    },
  } as unknown as WorkshopServer;
  const logger = { warn: () => undefined } as unknown as Logger;
  const metrics = { pollResultBroadcasts: { inc: () => undefined } } as unknown as Metrics;
  const feed = new PollResultsFeed(
    io,
    reader,
    { memberOf: (_workshopId, socketId) => members.get(socketId), membersOf: () => members, membersNow: () => members },
    0,
    logger,
    metrics,
  );
  return {
    feed,
    received,
    async join(socketId: string) {
      members.set(socketId, { participantId: socketId } as Membership);
      await feed.attach(WORKSHOP, socketId);
    },
    store(tallyVersion: number) {
      stored = tallyVersion;
    },
    notice(tallyVersion: number) {
      onTally(POLL.pollId, { tallyVersion, counters: new Map() }, null);
    },
  };
}

const ticks = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("live results: nobody is left behind a tally this node read", () => {
  it("a tally read for one socket that is newer than what everyone has goes to everyone", async () => {
    const world = feedOverFakeStore();
    await world.join("host");
    world.store(4);
    world.notice(4);
    await ticks();
    expect(world.received.get("host")).toEqual([4]);

    // Votes moved the tally to 6; their notices are still on their way when a socket joins
    // and the tick reads the tally for it.
    world.store(6);
    await world.join("newcomer");
    world.feed.socketReady(WORKSHOP, "newcomer");
    await ticks();
    world.notice(5);
    world.notice(6);
    await ticks();
    expect(world.received.get("newcomer")?.at(-1)).toBe(6);
    // Before the fix the host stayed at 4: the read set "last sent" to 6 for everyone, so the
    // late notices looked old and no tick sent the host the tally it never had.
    expect(world.received.get("host")?.at(-1)).toBe(6);
    await world.feed.close();
  });

  it("notices older than what everyone was sent send nothing again", async () => {
    const world = feedOverFakeStore();
    await world.join("host");
    world.store(3);
    world.notice(3);
    await ticks();
    world.notice(2);
    await ticks();
    expect(world.received.get("host")).toEqual([3]);
    await world.feed.close();
  });
});
