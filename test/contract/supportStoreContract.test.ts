import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import { newSupportRequest } from "../../server/domain/support/requests.js";
import type { Stores } from "../../server/store/stores.js";
import type { SupportChanged } from "../../server/store/support/port.js";
import type { SupportRequestView } from "../../shared/support.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

const alice = person("alice");

function request(id: string): SupportRequestView {
  return newSupportRequest({
    requestId: `s${id.padEnd(11, "0")}`,
    person: { participantId: alice.participantId, displayName: alice.displayName },
    where: null,
    note: "",
    contact: "app",
    now: 1000,
  });
}

/** The support rules both stores must keep, rule ids S1... */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("support store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("S1 requests are written compare-and-set and at most once per command", async () => {
    const first = request("one");
    const ref = { actorId: alice.participantId, commandId: "c".repeat(16) };
    const write = { kind: "request" as const, requestId: first.requestId, expected: null, next: first };
    expect(await stores.support.commitSupport(workshop.workshopId, ref, { writes: [write], result: "first" })).toEqual({
      status: "applied",
      version: 0,
      result: "first",
    });
    expect(await stores.support.commitSupport(workshop.workshopId, ref, { writes: [write], result: "again" })).toEqual({
      status: "duplicate",
      result: "first",
    });
    const other = { actorId: alice.participantId, commandId: "d".repeat(16) };
    expect(await stores.support.commitSupport(workshop.workshopId, other, { writes: [write], result: null })).toEqual({
      status: "conflict",
    });
    const taken = { ...first, status: "taken" as const, rev: 1 };
    await stores.support.commitSupport(workshop.workshopId, other, {
      writes: [{ kind: "request", requestId: first.requestId, expected: first, next: taken }],
      result: null,
    });
    expect(await stores.support.getRequest(workshop.workshopId, first.requestId)).toEqual(taken);
    expect(await stores.support.listRequests(workshop.workshopId)).toEqual([taken]);
    expect(await stores.support.getRequest(workshop.workshopId, "snothere00000")).toBeNull();
  });

  it("S2 the settings are absent until set, then compare-and-set", async () => {
    expect(await stores.support.getSettings(workshop.workshopId)).toBeNull();
    const ref = { actorId: alice.participantId, commandId: "e".repeat(16) };
    await stores.support.commitSupport(workshop.workshopId, ref, {
      writes: [{ kind: "settings", expected: null, next: { countToFacilitators: true } }],
      result: null,
    });
    expect(await stores.support.getSettings(workshop.workshopId)).toEqual({ countToFacilitators: true });
    const stale = { actorId: alice.participantId, commandId: "f".repeat(16) };
    expect(
      await stores.support.commitSupport(workshop.workshopId, stale, {
        writes: [{ kind: "settings", expected: null, next: { countToFacilitators: false } }],
        result: null,
      }),
    ).toEqual({ status: "conflict" });
  });

  it("S3 every change tells subscribers which records changed (ids only); a write-less commit tells nobody", async () => {
    const seen: SupportChanged[] = [];
    const unsubscribe = await stores.support.subscribeSupport(workshop.workshopId, (changed) => seen.push(changed));
    const first = request("two");
    await stores.support.commitSupport(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "g".repeat(16) },
      { writes: [{ kind: "request", requestId: first.requestId, expected: null, next: first }], result: null },
    );
    await stores.support.commitSupport(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "h".repeat(16) },
      { writes: [], result: null },
    );
    await stores.support.commitSupport(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "i".repeat(16) },
      { writes: [{ kind: "settings", expected: null, next: { countToFacilitators: true } }], result: null },
    );
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toEqual([
      { requestIds: [first.requestId], settings: false },
      { requestIds: [], settings: true },
    ]);
    await unsubscribe();
  });

  it("S4 a purged workshop keeps nothing, and refuses new writes", async () => {
    const first = request("three");
    await stores.support.commitSupport(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "j".repeat(16) },
      { writes: [{ kind: "request", requestId: first.requestId, expected: null, next: first }], result: null },
    );
    await stores.workshops.purgeWorkshop(workshop.workshopId);
    expect(await stores.support.listRequests(workshop.workshopId)).toEqual([]);
    expect(await stores.support.getRequest(workshop.workshopId, first.requestId)).toBeNull();
    await expect(
      stores.support.commitSupport(
        workshop.workshopId,
        { actorId: alice.participantId, commandId: "k".repeat(16) },
        { writes: [{ kind: "request", requestId: first.requestId, expected: null, next: first }], result: null },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
