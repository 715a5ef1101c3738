import { describe, expect, it } from "vitest";
import type { Role } from "../../shared/workshop.js";
import type { WorkshopState } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound } from "../helpers/breakout.js";
import { accepted, connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh } from "../helpers/liveEqualsFresh.js";

/**
 * Roster privacy on two nodes: with the roster private (the default), every payload a
 * participant's socket receives (session:ready, batches, counts, people counts, every answer:
 * syncs after lost batches and reconnects, breakout:room) is searched for every other
 * participant's display name and id. Only staff, people who chose to be listed (from then on)
 * and roommates in a room that shows names may appear.
 */

const cluster = useTwoNodes();

interface Captured {
  name: string;
  json: string;
}

interface Person {
  client: TestClient;
  name: string;
  id: string;
  received: Captured[];
}

async function join(url: string, joinCode: string, name: string): Promise<Person> {
  const received: Captured[] = [];
  const client = await connectClient(
    url,
    { joinCode, displayName: name },
    { capture: (event, payload) => received.push({ name: event, json: JSON.stringify(payload) }) },
  );
  cluster.track(client);
  return { client, name, id: client.session.participantId, received };
}

async function setRole(host: TestClient, person: Person, role: Role): Promise<void> {
  await accepted(host.send("participant:setRole", { commandId: newCommandId(), participantId: person.id, role }));
}

/** The payloads that named someone the viewer may not know of, with the name or id found. */
function leaks(viewer: Person, others: Person[]): string[] {
  const found: string[] = [];
  for (const captured of viewer.received) {
    for (const other of others) {
      if (captured.json.includes(other.id) || captured.json.includes(other.name)) {
        found.push(`${viewer.name} got ${other.name} in ${captured.name}: ${captured.json.slice(0, 300)}`);
      }
    }
  }
  return found;
}

/** Waits (patiently: two nodes on a shared 2-core box) until the person's copy satisfies `predicate`; says who and what on a timeout. */
async function waitFor(person: Person, predicate: (state: WorkshopState) => boolean): Promise<void> {
  try {
    await person.client.mirror.until(predicate, 30_000);
  } catch (error) {
    throw new Error(
      `${person.name}: ${predicate.toString()}: ${(error as Error).message}; knows ${namesKnownTo(person).join(", ")}`,
    );
  }
}

function namesKnownTo(person: Person): string[] {
  return [...person.client.mirror.state.participants.values()].map((participant) => participant.displayName).sort();
}

describe("roster privacy (two nodes)", () => {
  it("a participant's socket never carries another participant's name or id, except staff, the listed and named roommates", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    // Staff first: their names are for everyone to see.
    const guide = await join(b.url, created.joinCode, "Guide Safeguarding");
    const scribe = await join(a.url, created.joinCode, "Scribe Notes");
    await setRole(host, guide, "safeguarding-lead");
    await setRole(host, scribe, "note-taker");

    const names = ["Amina Quartz", "Bilal Umber", "Chloe Sienna", "Dawit Ochre", "Esra Cobalt", "Farid Teal"];
    const people: Person[] = [];
    for (const [index, name] of names.entries()) {
      people.push(await join(index % 2 === 0 ? a.url : b.url, created.joinCode, name));
    }
    const [amina, bilal, chloe, dawit, esra, farid] = people as [Person, Person, Person, Person, Person, Person];
    await host.mirror.until((state) => state.participants.size === 9);
    expect(host.mirror.state.workshop?.rosterPrivate).toBe(true);

    // A participant sees themself and staff by name, and everyone as a count.
    await waitFor(amina, (state) => state.people.active === 9 && state.people.online === 9);
    expect(namesKnownTo(amina)).toEqual(["Amina Quartz", "Guide Safeguarding", "Host", "Scribe Notes"]);
    // Staff see everyone.
    await waitFor(guide, (state) => state.participants.size === 9);
    await waitFor(scribe, (state) => state.participants.size === 9);

    // Bilal chooses to be listed: from then on everyone sees him, online.
    const beforeListing = new Map(people.map((person) => [person, person.received.length]));
    await accepted(bilal.client.send("participant:setListed", { commandId: newCommandId(), listed: true }));
    await waitFor(amina, (state) => state.participants.get(bilal.id)?.online === true);

    // A round: one room that shows names, one that does not.
    const named = await planRound(host, [
      { name: "Named room", namesVisible: true },
      { name: "Quiet room", namesVisible: false },
    ]);
    const [namedRoom, quietRoom] = named.rooms.map((room) => room.roomId) as [string, string];
    await accepted(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: named.roundId,
        participantIds: [amina.id, chloe.id, farid.id],
        roomId: namedRoom,
      }),
    );
    await accepted(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: named.roundId,
        participantIds: [dawit.id, esra.id, bilal.id],
        roomId: quietRoom,
      }),
    );
    await openRound(host, named);

    // In the named room people see each other; in the quiet room only a head-count.
    await waitFor(amina, (state) => state.participants.has(chloe.id) && state.participants.has(farid.id));
    await waitFor(farid, (state) => state.participants.has(amina.id) && state.participants.has(chloe.id));
    await waitFor(dawit, (state) => state.breakout.counts[quietRoom] === 3);
    expect(namesKnownTo(dawit)).toEqual(["Bilal Umber", "Dawit Ochre", "Guide Safeguarding", "Host", "Scribe Notes"]);
    expect([...dawit.client.mirror.state.breakout.assignments.keys()]).toEqual([dawit.id]);

    // Lost batches (a catch-up), and a reconnect to the other node, while things change.
    amina.client.mirror.dropBatches = 1;
    dawit.client.mirror.dropBatches = 1;
    esra.client.socket.disconnect();
    await accepted(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: named.roundId,
        participantIds: [esra.id],
        roomId: namedRoom,
      }),
    );
    await accepted(host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "Five minutes" }));
    esra.client.socket.connect();
    // A lost batch is noticed at the next one: once both lost theirs, send everyone one more.
    await expect.poll(() => amina.client.mirror.dropBatches + dawit.client.mirror.dropBatches).toBe(0);
    await accepted(host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "Four minutes" }));
    await waitFor(esra, (state) => state.participants.has(amina.id));
    await waitFor(amina, (state) => state.participants.has(esra.id));

    // The round ends: roommates are no longer shown.
    await accepted(host.send("breakout:end", { commandId: newCommandId(), roundId: named.roundId, immediate: true }));
    await waitFor(amina, (state) => !state.participants.has(chloe.id));
    await accepted(host.send("workshop:setAnonymityDefault", { commandId: newCommandId(), anonymousByDefault: false }));
    for (const person of people) await expectLiveEqualsFresh(person.client, person.name);
    expect(namesKnownTo(amina)).toEqual(["Amina Quartz", "Bilal Umber", "Guide Safeguarding", "Host", "Scribe Notes"]);
    expect(amina.client.mirror.state.people).toMatchObject({ active: 9, online: 9 });

    // Every payload every participant received: only whom they may know of.
    const namedRoommates = new Set([amina, chloe, farid, esra]);
    const everyLeak = people.flatMap((viewer) => {
      const hidden = people.filter(
        (other) => other !== viewer && other !== bilal && !(namedRoommates.has(viewer) && namedRoommates.has(other)),
      );
      // Before Bilal listed himself, his name was not theirs to know either.
      const unlisted = { ...viewer, received: viewer.received.slice(0, beforeListing.get(viewer)) };
      return [...leaks(viewer, hidden), ...(viewer === bilal ? [] : leaks(unlisted, [bilal]))];
    });
    expect(everyLeak).toEqual([]);
    // The search finds names where they may be: Amina's room showed names, Bilal listed himself.
    expect(leaks(amina, [chloe, farid, bilal]).length).toBeGreaterThan(0);
    expect(leaks(dawit, [bilal]).length).toBeGreaterThan(0);
    // Each kind of payload was looked at.
    const kinds = new Set(people.flatMap((person) => person.received.map((captured) => captured.name)));
    for (const kind of [
      "session:ready",
      "workshop:events",
      "breakout:counts",
      "answer to workshop:sync",
      "answer to breakout:room",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    closeAll([host, ...people.map((person) => person.client), guide.client, scribe.client]);
  });

  it("with the roster open everyone is listed as before, and closing it again hides them", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    const amina = await join(a.url, created.joinCode, "Amina Quartz");
    const bilal = await join(b.url, created.joinCode, "Bilal Umber");
    await waitFor(amina, (state) => state.people.active === 3);
    expect(namesKnownTo(amina)).toEqual(["Amina Quartz", "Host"]);

    await accepted(host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false }));
    await waitFor(amina, (state) => state.participants.get(bilal.id)?.online === true);
    const carol = await join(b.url, created.joinCode, "Chloe Sienna");
    await waitFor(amina, (state) => state.participants.has(carol.id));
    expect(namesKnownTo(carol)).toEqual(["Amina Quartz", "Bilal Umber", "Chloe Sienna", "Host"]);
    for (const person of [amina, bilal, carol]) await expectLiveEqualsFresh(person.client, person.name);

    await accepted(host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: true }));
    await waitFor(amina, (state) => !state.participants.has(bilal.id));
    expect(namesKnownTo(amina)).toEqual(["Amina Quartz", "Host"]);
    for (const person of [amina, bilal, carol]) await expectLiveEqualsFresh(person.client, person.name);
  });

  it("only facilitators change the setting, and a person lists only themself", async () => {
    const { a } = await cluster.start();
    const created = await createWorkshop(a.url);
    const amina = await join(a.url, created.joinCode, "Amina Quartz");
    const refused = await amina.client.send("workshop:setRosterPrivacy", {
      commandId: newCommandId(),
      rosterPrivate: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const profile = await accepted(
      amina.client.send("participant:setListed", { commandId: newCommandId(), listed: true }),
    );
    expect(profile).toMatchObject({ participantId: amina.id, listed: true });
  });
});
