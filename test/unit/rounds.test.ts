import { describe, expect, it } from "vitest";
import {
  advanceRound,
  closeRoom,
  endRound,
  extendRound,
  nextTransitionAt,
  openRound,
  planRound,
  roundChangeEvent,
  setLead,
} from "../../server/domain/breakout/rounds.js";
import { audienceOf, canSee, type PeopleContext } from "../../shared/audience.js";
import { type RoundView, withRoundStatus } from "../../shared/breakout.js";
import type { WorkshopEvent } from "../../shared/workshop.js";

const plan = (overrides: Partial<Parameters<typeof planRound>[0]> = {}) =>
  planRound({
    roundId: "rround0000001",
    number: 1,
    rooms: [
      { roomId: "mroom00000001", name: "A" },
      { roomId: "mroom00000002", name: "B", capacity: 10, topic: "Forced labour" },
    ],
    durationSeconds: 600,
    now: 0,
    current: null,
    ...overrides,
  });

describe("round lifecycle", () => {
  it("planned -> open -> closing at the warning -> closed at the end", () => {
    const planned = plan();
    expect(planned).toMatchObject({ status: "planned", warningSeconds: 60, endsAt: null });
    const open = openRound(planned, 1000);
    expect(open.endsAt).toBe(601_000);
    expect(nextTransitionAt(open)).toBe(541_000);
    expect(advanceRound(open, 540_999)).toBeNull();
    const closing = advanceRound(open, 541_000) as RoundView;
    expect(closing.status).toBe("closing");
    expect(nextTransitionAt(closing)).toBe(601_000);
    expect(advanceRound(closing, 601_000)?.status).toBe("closed");
    // A node that wakes up late still closes it (skipping closing).
    expect(advanceRound(open, 700_000)?.status).toBe("closed");
  });

  it("refuses a second round while one is not closed, and duplicate room names", () => {
    expect(() => plan({ current: plan() })).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() =>
      plan({
        rooms: [
          { roomId: "mroom00000001", name: "Same" },
          { roomId: "mroom00000002", name: "same" },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => openRound(openRound(plan(), 0), 0)).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
  });

  it("extend adds time (and reopens a closing round); end counts down or ends at once", () => {
    const open = openRound(plan(), 0);
    expect(extendRound(open, 300, 10_000).endsAt).toBe(900_000);
    const closing = endRound(open, 100_000, false);
    expect(closing).toMatchObject({ status: "closing", endsAt: 160_000 });
    expect(extendRound(closing, 300, 100_000)).toMatchObject({ status: "open", endsAt: 460_000 });
    expect(endRound(open, 100_000, true)).toMatchObject({ status: "closed", endsAt: 100_000 });
    expect(endRound(plan(), 5, false).status).toBe("closed");
  });

  it("a lead leads one room; closed rooms are marked", () => {
    const led = setLead(setLead(plan(), "mroom00000001", "plead00000000000"), "mroom00000002", "plead00000000000");
    expect(led.rooms.map((room) => room.leadId)).toEqual([null, "plead00000000000"]);
    expect(closeRoom(plan(), "mroom00000002").rooms[1]?.closed).toBe(true);
    expect(() => closeRoom(plan(), "mnope00000000")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("a change of status or clock alone is told without the rooms; one that touches a room carries the round", () => {
    const planned = plan();
    const open = openRound(planned, 1000);
    const closing = endRound(open, 100_000, false);
    const extended = extendRound(closing, 300, 100_000);
    for (const [before, next] of [
      [planned, open],
      [open, closing],
      [closing, extended],
      [closing, advanceRound(closing, 700_000) as RoundView],
    ] as const) {
      const event = roundChangeEvent(before, next);
      expect(event).toEqual({
        type: "breakout:roundStatus",
        roundId: next.roundId,
        status: next.status,
        durationSeconds: next.durationSeconds,
        warningSeconds: next.warningSeconds,
        endsAt: next.endsAt,
      });
      // Applied to the round a client holds, it gives exactly the stored round.
      if (event.type !== "breakout:roundStatus") throw new Error("expected a status event");
      expect(withRoundStatus(before, event)).toEqual(next);
      // Another round's status leaves a round alone.
      expect(withRoundStatus({ ...before, roundId: "rother0000001" }, event)).toEqual({
        ...before,
        roundId: "rother0000001",
      });
    }
    expect(roundChangeEvent(open, closeRoom(open, "mroom00000002"))).toMatchObject({ type: "breakout:round" });
    expect(roundChangeEvent(open, setLead(open, "mroom00000001", "plead00000000000"))).toMatchObject({
      type: "breakout:round",
    });
    // A different round (planned after the last closed) is always whole.
    expect(roundChangeEvent(plan(), plan({ roundId: "rround0000002", number: 2 }))).toMatchObject({
      type: "breakout:round",
    });
  });
});

describe("isolation rule", () => {
  // These rules are about rooms: the roster is open and watched here (test/unit/rosterPrivacy.test.ts has it private).
  const open = { rosterPrivate: false, roomNamesVisible: false, watchesRoster: true };
  const inA = { participantId: "pa00000000000000", role: "participant" as const, roomId: "mroom00000001", ...open };
  const inPlenary = { participantId: "pp00000000000000", role: "participant" as const, roomId: null, ...open };
  const facilitator = { participantId: "pf00000000000000", role: "facilitator" as const, roomId: null, ...open };
  const people: PeopleContext = { rosterPrivate: false, listedToAll: () => false, roomOf: () => null };
  const help = (roomId: string): WorkshopEvent => ({
    v: 1,
    type: "help:updated",
    help: {
      helpId: "hhelp00000001",
      roundId: "r",
      roomId,
      text: "",
      status: "open",
      createdAt: 0,
      takenBy: null,
      updatedAt: 0,
    },
  });

  it("room events reach the room and facilitators only; plenary events reach everyone", () => {
    expect(canSee(inA, audienceOf(help("mroom00000001"), people))).toBe(true);
    expect(canSee(inA, audienceOf(help("mroom00000002"), people))).toBe(false);
    expect(canSee(inPlenary, audienceOf(help("mroom00000001"), people))).toBe(false);
    expect(canSee(facilitator, audienceOf(help("mroom00000002"), people))).toBe(true);
    const presence: WorkshopEvent = {
      v: 2,
      type: "participant:presence",
      participantId: "px00000000000000",
      online: true,
    };
    expect(canSee(inA, audienceOf(presence, people))).toBe(true);
  });

  it("a move is seen by the person, both rooms and facilitators", () => {
    const move: WorkshopEvent = {
      v: 3,
      type: "breakout:assigned",
      roundId: "r",
      participantId: "pp00000000000000",
      roomId: "mroom00000002",
      fromRoomId: "mroom00000001",
    };
    expect(canSee(inPlenary, audienceOf(move, people))).toBe(true);
    expect(canSee(inA, audienceOf(move, people))).toBe(true);
    expect(
      canSee({ ...inA, participantId: "pz00000000000000", roomId: "mroom00000009" }, audienceOf(move, people)),
    ).toBe(false);
  });
});
