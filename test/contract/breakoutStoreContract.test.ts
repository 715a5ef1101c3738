import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** Moves between rooms: capacity, order, counts, one event per move (rule ids S...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("breakout store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("S12 moves respect capacity in order, skip no-ops, log one event per move and keep counts", async () => {
    const command = (id: string) => ({ actorId: "p000000000000000", commandId: `move-${id}-0001` });
    const moves = [
      { participantId: "pa00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pb00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pd00000000000000", roomId: "mroom00000002", capacity: null },
    ];
    const outcome = await stores.breakout.moveParticipants(workshop.workshopId, command("a"), {
      roundId: "rround0000001",
      moves: moves,
      allOrNothing: false,
      resultTemplate: '{"moved":"__MOVED__","refused":"__REFUSED__"}',
    });
    expect(outcome).toMatchObject({ status: "applied", moved: 3, refused: ["pc00000000000000"] });
    expect(outcome.status === "applied" && outcome.result).toEqual({ moved: 3, refused: ["pc00000000000000"] });
    expect(await stores.breakout.getCounts(workshop.workshopId, "rround0000001")).toEqual({
      mroom00000001: 2,
      mroom00000002: 1,
    });
    expect(await stores.breakout.getAssignment(workshop.workshopId, "rround0000001", "pd00000000000000")).toBe(
      "mroom00000002",
    );
    expect(
      (await stores.breakout.getRoomMembers(workshop.workshopId, "rround0000001", "mroom00000001")).sort(),
    ).toEqual(["pa00000000000000", "pb00000000000000"]);
    const retry = await stores.breakout.moveParticipants(workshop.workshopId, command("a"), {
      roundId: "rround0000001",
      moves: [],
      allOrNothing: false,
      resultTemplate: "{}",
    });
    expect(retry).toEqual({ status: "duplicate", result: { moved: 3, refused: ["pc00000000000000"] } });
    // All-or-nothing refuses everything when one move does not fit.
    const full = await stores.breakout.moveParticipants(workshop.workshopId, command("b"), {
      roundId: "rround0000001",
      moves: [
        { participantId: "pd00000000000000", roomId: null, capacity: null },
        { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
      ],
      allOrNothing: true,
      resultTemplate: "{}",
    });
    expect(full).toEqual({ status: "full", refused: ["pc00000000000000"] });
    expect(await stores.breakout.getAssignment(workshop.workshopId, "rround0000001", "pd00000000000000")).toBe(
      "mroom00000002",
    );
    // Moving out frees a seat within the same command; a no-op move logs nothing.
    const version = await stores.workshops.currentVersion(workshop.workshopId);
    const swap = await stores.breakout.moveParticipants(workshop.workshopId, command("c"), {
      roundId: "rround0000001",
      moves: [
        { participantId: "pa00000000000000", roomId: null, capacity: null },
        { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
        { participantId: "pb00000000000000", roomId: "mroom00000001", capacity: 2 },
      ],
      allOrNothing: true,
      resultTemplate: "{}",
    });
    expect(swap).toMatchObject({ status: "applied", moved: 2 });
    const events = (await stores.workshops.eventsSince(workshop.workshopId, version)) ?? [];
    expect(
      events.map(
        (event) => event.type === "breakout:assigned" && [event.participantId, event.roomId, event.fromRoomId],
      ),
    ).toEqual([
      ["pa00000000000000", null, "mroom00000001"],
      ["pc00000000000000", "mroom00000001", null],
    ]);
    expect(await stores.breakout.getCounts(workshop.workshopId, "rround0000001")).toEqual({
      mroom00000001: 2,
      mroom00000002: 1,
    });
    expect(
      (await stores.breakout.getRoomMembers(workshop.workshopId, "rround0000001", "mroom00000001")).sort(),
    ).toEqual(["pb00000000000000", "pc00000000000000"]);
  });
});
