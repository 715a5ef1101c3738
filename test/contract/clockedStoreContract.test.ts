import { afterAll, describe, expect, it } from "vitest";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** Rules that depend on the clock: rate windows, command record days, join limits (rule ids S...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("clocked store rules: %s", (kind) => {
  it("S17 rate counters: every caller's hits in one count over a sliding window; scopes and names apart", async () => {
    const minute = 60_000;
    const hour = 60 * minute;
    // A window in the future: Redis expires counters by its own clock.
    const start = (Math.floor(Date.now() / hour) + 100) * hour;
    let now = start;
    const stores = await factories[kind]({ now: () => now });
    const scope = `address-${Math.random()}`;
    const joins = (increment: number) => ({ name: "join", windowMs: minute, increment });
    expect(await stores.rates.countInWindows(scope, [joins(0)])).toEqual([0]);
    expect(await stores.rates.countInWindows(scope, [joins(1)])).toEqual([1]);
    expect(
      await stores.rates.countInWindows(scope, [joins(2), { name: "fail", windowMs: hour, increment: 1 }]),
    ).toEqual([3, 1]);
    expect(await stores.rates.countInWindows(`${scope}-other`, [joins(0)])).toEqual([0]);
    // A quarter into the next window, three quarters of the last one still count: no fresh start at a boundary.
    now = start + minute + minute / 4;
    expect(
      await stores.rates.countInWindows(scope, [joins(0), { name: "fail", windowMs: hour, increment: 0 }]),
    ).toEqual([2, 1]);
    expect(await stores.rates.countInWindows(scope, [joins(1)])).toEqual([3]);
    now = start + 3 * minute;
    expect(await stores.rates.countInWindows(scope, [joins(0)])).toEqual([0]);
  });

  it("S18 a retry is recognised for 24 to 48 hours: the next UTC day still, not the day after", async () => {
    const day = 24 * 60 * 60 * 1000;
    // A day in the future: Redis expires the day's records by its own clock, at the end of the next day.
    const start = (Math.floor(Date.now() / day) + 10) * day + 60_000;
    let now = start;
    const stores = await factories[kind]({ now: () => now });
    const workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
    const ref = { actorId: person("alice").participantId, commandId: "retry-me" };
    expect(
      await stores.workshops.commit(workshop.workshopId, ref, { writes: [], events: [], result: { first: true } }),
    ).toMatchObject({ status: "applied" });
    now = start + day - 120_000;
    expect(
      await stores.workshops.commit(workshop.workshopId, ref, { writes: [], events: [], result: { first: false } }),
    ).toEqual({
      status: "duplicate",
      result: { first: true },
    });
    now = start + day + 120_000;
    expect(await stores.workshops.commandResult(workshop.workshopId, ref)).toEqual({ first: true });
    now = start + 2 * day;
    expect(await stores.workshops.commandResult(workshop.workshopId, ref)).toBeNull();
    // Another person's command with the same id is another command.
    expect(
      await stores.workshops.commandResult(workshop.workshopId, { ...ref, actorId: person("bob").participantId }),
    ).toBeNull();
  });

  it("S19 a workshop's join limit is checked and counted with the join: over it nothing is written; a retried join is no new one", async () => {
    const minute = 60_000;
    const start = (Math.floor(Date.now() / minute) + 100) * minute;
    let now = start;
    const stores = await factories[kind]({ now: () => now });
    const workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
    const limit = { perWindow: 2, windowMs: minute };
    const join = (id: string, joinId?: string) =>
      stores.workshops.addParticipant(workshop.workshopId, {
        record: person(id),
        sessionTokenHash: `token-${id}-${Math.random()}`,
        joinId: joinId,
        joinLimit: limit,
      });
    expect(await join("a", "join-id-aaaaaaaaaaaaaaaa")).toMatchObject({ participantId: person("a").participantId });
    expect(await join("b")).toMatchObject({ participantId: person("b").participantId });
    expect(await join("c")).toEqual({ limited: true });
    // The first person's retried join resumes them: not counted, not refused.
    expect(await join("a2", "join-id-aaaaaaaaaaaaaaaa")).toMatchObject({ participantId: person("a").participantId });
    expect(await stores.workshops.getParticipant(workshop.workshopId, person("c").participantId)).toBeNull();
    expect(await stores.workshops.currentVersion(workshop.workshopId)).toBe(2);
    // Two windows later there is room again.
    now = start + 2 * minute;
    expect(await join("c")).toMatchObject({ participantId: person("c").participantId });
  });
});
