import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** Shared timers (rule ids S...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("timer store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("S14 round timers: due ones are listed oldest first, cleared ones are gone", async () => {
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000003", 2000, "exact");
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000004", 1000, "exact");
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000005", 9000, "exact");
    // "earliest" never moves a time later.
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000003", 7000, "earliest");
    const due = (await stores.timers.dueTimers(5000, 10)).filter((timer) => timer.workshopId === workshop.workshopId);
    expect(due.map((timer) => timer.subjectId)).toEqual(["rround0000004", "rround0000003"]);
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000004", 8000, "exact");
    await stores.timers.clearTimer(workshop.workshopId, "rround0000003");
    const later = (await stores.timers.dueTimers(5000, 10)).filter((timer) => timer.workshopId === workshop.workshopId);
    expect(later).toEqual([]);
  });

  it("S14b a deleted workshop's timers all go, and only its", async () => {
    const other = workshopRecord();
    await stores.workshops.createWorkshop(other);
    await stores.timers.scheduleTimer(workshop.workshopId, "rround0000001", 1000, "exact");
    await stores.timers.scheduleTimer(workshop.workshopId, "idle", 2000, "exact");
    await stores.timers.scheduleTimer(other.workshopId, "idle", 2000, "exact");
    await stores.timers.clearWorkshopTimers(workshop.workshopId);
    const due = await stores.timers.dueTimers(10_000, 100);
    expect(due.filter((timer) => timer.workshopId === workshop.workshopId)).toEqual([]);
    expect(due.filter((timer) => timer.workshopId === other.workshopId)).toEqual([
      { workshopId: other.workshopId, subjectId: "idle" },
    ]);
  });
});
