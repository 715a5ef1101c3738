import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

const [ana, ben, cai] = ["ana", "ben", "cai"].map((id) => person(id).participantId) as [string, string, string];
let commands = 0;
const ref = (actorId: string) => ({ actorId, commandId: `cmd${String(++commands).padStart(8, "0")}` });

/** The speaker queue's rules both stores must keep, rule ids H1... */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("hands store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  let w: string;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    w = workshop.workshopId;
    await stores.workshops.createWorkshop(workshop);
  });

  it("H1 hands wait in the order raised; raising again keeps the first place", async () => {
    expect(await stores.hands.raise(w, ref(ana), ana)).toEqual({
      status: "applied",
      change: { version: 1, participantId: ana, hand: { status: "waiting", position: 1 } },
    });
    await stores.hands.raise(w, ref(ben), ben);
    await stores.hands.raise(w, ref(cai), cai);
    expect(await stores.hands.raise(w, ref(ana), ana)).toEqual({
      status: "unchanged",
      change: { version: 3, participantId: ana, hand: { status: "waiting", position: 1 } },
    });
    expect(await stores.hands.hands(w)).toEqual({ version: 3, called: [], waiting: [ana, ben, cai] });
  });

  it("H2 a command is applied at most once: its retry gets the first result and changes nothing", async () => {
    const raise = ref(ana);
    const first = await stores.hands.raise(w, raise, ana);
    await stores.hands.lower(w, ref(ana), ana);
    expect(await stores.hands.raise(w, raise, ana)).toEqual({
      status: "duplicate",
      change: first.status === "none" ? null : first.change,
    });
    expect(await stores.hands.hands(w)).toEqual({ version: 2, called: [], waiting: [] });
  });

  it("H3 call takes the first waiting hand, or a given one, in the order called; lower takes either", async () => {
    for (const who of [ana, ben, cai]) await stores.hands.raise(w, ref(who), who);
    expect(await stores.hands.call(w, ref("host"), null)).toEqual({
      status: "applied",
      change: { version: 4, participantId: ana, hand: { status: "called", position: null } },
    });
    expect((await stores.hands.call(w, ref("host"), cai)).status).toBe("applied");
    expect(await stores.hands.hands(w)).toEqual({ version: 5, called: [ana, cai], waiting: [ben] });
    // Calling a called hand changes nothing; someone without a hand, or nobody waiting, is `none`.
    expect((await stores.hands.call(w, ref("host"), ana)).status).toBe("unchanged");
    expect(await stores.hands.call(w, ref("host"), person("dee").participantId)).toEqual({ status: "none" });
    expect(await stores.hands.lower(w, ref(ana), ana)).toEqual({
      status: "applied",
      change: { version: 6, participantId: ana, hand: null },
    });
    expect((await stores.hands.lower(w, ref(ben), ben)).status).toBe("applied");
    expect(await stores.hands.call(w, ref("host"), null)).toEqual({ status: "none" });
    expect((await stores.hands.lower(w, ref(ben), ben)).status).toBe("unchanged");
    // A called hand raised again stays called.
    expect((await stores.hands.raise(w, ref(cai), cai)).status).toBe("unchanged");
    expect(await stores.hands.hands(w)).toEqual({ version: 7, called: [cai], waiting: [] });
  });

  it("H4 a drop lowers without a command record; positions close up behind it", async () => {
    for (const who of [ana, ben, cai]) await stores.hands.raise(w, ref(who), who);
    expect(await stores.hands.drop(w, ana)).toBe(true);
    expect(await stores.hands.drop(w, ana)).toBe(false);
    expect((await stores.hands.raise(w, ref(cai), cai)).status === "unchanged").toBe(true);
    const again = await stores.hands.raise(w, ref(cai), cai);
    expect(again.status !== "none" && again.change.hand).toEqual({ status: "waiting", position: 2 });
  });

  it("H5 every change tells subscribers the new version; an unchanged step tells nobody", async () => {
    const seen: number[] = [];
    const unsubscribe = await stores.hands.subscribeHands(w, (version) => seen.push(version));
    await stores.hands.raise(w, ref(ana), ana);
    await stores.hands.raise(w, ref(ana), ana);
    await stores.hands.lower(w, ref(ben), ben);
    await stores.hands.call(w, ref("host"), null);
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([1, 2]);
    await unsubscribe();
  });

  it("H6 a deleted workshop takes its queue with it, and no hand is raised in it again", async () => {
    await stores.hands.raise(w, ref(ana), ana);
    await stores.workshops.purgeWorkshop(w);
    expect(await stores.hands.hands(w)).toEqual({ version: 0, called: [], waiting: [] });
    await expect(stores.hands.raise(w, ref(ben), ben)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stores.hands.drop(w, ana).catch(() => "refused")).toBe("refused");
  });

  it("H7 reaction windows reach every subscriber of the workshop as counts, and nothing is stored", async () => {
    const heard: number[][] = [];
    const unsubscribe = await stores.reactions.subscribeReactions(w, (counts) => heard.push(counts));
    await stores.reactions.publishReactions(w, [3, 0, 1, 0, 2]);
    await stores.reactions.publishReactions(w, [0, 1, 0, 0, 0]);
    await expect
      .poll(() => heard, { timeout: 5000 })
      .toEqual([
        [3, 0, 1, 0, 2],
        [0, 1, 0, 0, 0],
      ]);
    await unsubscribe();
  });
});
