import { describe, expect, it } from "vitest";
import type { WorkshopState } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound } from "../helpers/breakout.js";
import { accepted, connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh } from "../helpers/liveEqualsFresh.js";

/**
 * The people list on demand (docs/PROTOCOL.md "The people list"), on two nodes with an open
 * roster: a participant who does not watch the list is sent no other participant's join or
 * presence (every payload searched), only counts, staff and, while a round runs, their roommates;
 * a watcher is sent everyone, live; opening the list mid-storm meets the stream exactly (the copy
 * equals a fresh snapshot), and closing it drops everyone again.
 */

const cluster = useTwoNodes();

interface Person {
  client: TestClient;
  name: string;
  id: string;
  received: string[];
}

async function join(url: string, joinCode: string, name: string, watchRoster: boolean): Promise<Person> {
  const received: string[] = [];
  const client = await connectClient(
    url,
    { joinCode, displayName: name },
    { watchRoster, capture: (event, payload) => received.push(`${event} ${JSON.stringify(payload)}`) },
  );
  cluster.track(client);
  return { client, name, id: client.session.participantId, received };
}

function names(state: WorkshopState): string[] {
  return [...state.participants.values()].map((person) => person.displayName).sort();
}

function mentions(person: Person, others: Person[]): string[] {
  return person.received.flatMap((payload) =>
    others
      .filter((other) => payload.includes(other.id) || payload.includes(other.name))
      .map((other) => `${other.name} in ${payload.slice(0, 200)}`),
  );
}

describe("the people list on demand (two nodes, open roster)", () => {
  it("only watchers are sent everyone; opening mid-storm meets the stream, closing drops them; roommates are sent during a round", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    await accepted(host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false }));

    const quiet = await join(a.url, created.joinCode, "Quiet Amber", false);
    const watcher = await join(b.url, created.joinCode, "Watcher Birch", true);
    const opener = await join(a.url, created.joinCode, "Opener Cedar", false);

    // A join storm over both nodes; the opener opens the list in the middle of it.
    const crowd: Person[] = [];
    const storm = (async () => {
      for (let index = 0; index < 24; index++) {
        crowd.push(await join(index % 2 === 0 ? a.url : b.url, created.joinCode, `Crowd ${index} Dune`, false));
      }
    })();
    await expect.poll(() => crowd.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    await opener.client.mirror.watchRoster(true);
    await storm;
    const everyone = 1 + 3 + crowd.length;

    await watcher.client.mirror.until((state) => state.participants.size === everyone, 30_000);
    await opener.client.mirror.until((state) => state.participants.size === everyone, 30_000);
    await quiet.client.mirror.until((state) => state.people.active === everyone, 30_000);
    expect(opener.client.mirror.rosterAsks).toBeGreaterThanOrEqual(1);
    // The quiet one knows the count, themself and staff: nobody else was sent to them, and the
    // batches they could see nothing of came at most about every two seconds (server/realtime/eventFeed.ts).
    expect(names(quiet.client.mirror.state)).toEqual(["Host", "Quiet Amber"]);
    expect(quiet.client.mirror.batches).toBeLessThan(watcher.client.mirror.batches);
    expect(mentions(quiet, [watcher, opener, ...crowd])).toEqual([]);
    for (const person of [quiet, watcher, opener]) await expectLiveEqualsFresh(person.client, person.name);

    // Presence is live for a watcher, and still not sent to the quiet one.
    const leaver = crowd[3] as Person;
    leaver.client.close();
    await watcher.client.mirror.until((state) => state.participants.get(leaver.id)?.online === false, 30_000);
    await opener.client.mirror.until((state) => state.participants.get(leaver.id)?.online === false, 30_000);
    await quiet.client.mirror.until((state) => state.people.online === everyone - 1, 30_000);

    // Closing the list drops everyone it brought, and later joins are no longer sent.
    await opener.client.mirror.watchRoster(false);
    expect(names(opener.client.mirror.state)).toEqual(["Host", "Opener Cedar"]);
    const openerHeard = opener.received.length;
    const late = await join(b.url, created.joinCode, "Late Elm", false);
    await watcher.client.mirror.until((state) => state.participants.has(late.id), 30_000);
    await opener.client.mirror.until((state) => state.people.active === everyone + 1, 30_000);
    expect(mentions({ ...opener, received: opener.received.slice(openerHeard) }, [late])).toEqual([]);

    // A round: the quiet one is sent their roommates (names, presence) while it runs, then no more.
    const round = await planRound(host, [{ name: "Room one" }, { name: "Room two" }]);
    const [roomOne, roomTwo] = round.rooms.map((room) => room.roomId) as [string, string];
    const mates = [crowd[0], crowd[1]] as Person[];
    await accepted(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [quiet.id, ...mates.map((mate) => mate.id)],
        roomId: roomOne,
      }),
    );
    await accepted(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: crowd.slice(4, 10).map((person) => person.id),
        roomId: roomTwo,
      }),
    );
    await openRound(host, round);
    await quiet.client.mirror.until((state) => mates.every((mate) => state.participants.has(mate.id)), 30_000);
    expect(names(quiet.client.mirror.state)).toEqual(["Crowd 0 Dune", "Crowd 1 Dune", "Host", "Quiet Amber"]);
    await expectLiveEqualsFresh(quiet.client, "quiet in a room");
    (mates[0] as Person).client.close();
    await quiet.client.mirror.until((state) => state.participants.get(mates[0]?.id ?? "")?.online === false, 30_000);

    await accepted(host.send("breakout:end", { commandId: newCommandId(), roundId: round.roundId, immediate: true }));
    await quiet.client.mirror.until((state) => !state.participants.has(mates[1]?.id ?? ""), 30_000);
    expect(names(quiet.client.mirror.state)).toEqual(["Host", "Quiet Amber"]);
    // Never anyone from the other room, nor anyone before the round.
    expect(mentions(quiet, [watcher, opener, late, ...crowd.filter((person) => !mates.includes(person))])).toEqual([]);
    for (const person of [quiet, watcher, opener]) await expectLiveEqualsFresh(person.client, person.name);
    closeAll([host, quiet.client, watcher.client, opener.client, late.client, ...crowd.map((person) => person.client)]);
  });

  it("a reconnect with the list open starts from the whole roster; toggling while people join on the other node ends exact", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    await accepted(host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false }));
    const toggler = await join(a.url, created.joinCode, "Toggler Fig", false);
    const joiners = (async () => {
      for (let index = 0; index < 16; index++) await join(b.url, created.joinCode, `Joiner ${index} Gum`, false);
    })();
    for (let round = 0; round < 6; round++) await toggler.client.mirror.watchRoster(round % 2 === 0);
    await joiners;
    await toggler.client.mirror.watchRoster(true);
    await toggler.client.mirror.until((state) => state.participants.size === 18, 30_000);
    await expectLiveEqualsFresh(toggler.client, "after toggling");

    // Reconnect (to the other node) with the list open: the handshake carries it.
    const asked = toggler.client.mirror.rosterAsks;
    toggler.client.socket.disconnect();
    toggler.client.socket.connect();
    await expect.poll(() => toggler.client.mirror.sessions, { timeout: 30_000 }).toBe(2);
    const more = await join(a.url, created.joinCode, "After Hazel", false);
    await toggler.client.mirror.until((state) => state.participants.has(more.id), 30_000);
    await expectLiveEqualsFresh(toggler.client, "after the reconnect");
    expect(toggler.client.mirror.rosterAsks).toBe(asked);
  });

  it("a join storm: first states cut from a shared read are caught up by the node's feed, so nobody resyncs and every copy is exact", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    await accepted(host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false }));
    // Settings changes keep the log moving while everyone joins at once, a quarter watching the list.
    let talking = true;
    const changes = (async () => {
      for (let index = 0; talking; index++) {
        await accepted(
          host.send("workshop:setAnonymityDefault", { commandId: newCommandId(), anonymousByDefault: index % 2 === 0 }),
        );
      }
    })();
    const crowd = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        join(index % 2 === 0 ? a.url : b.url, created.joinCode, `Storm ${index} Ivy`, index % 4 === 0),
      ),
    );
    talking = false;
    await changes;
    for (const person of crowd) {
      await person.client.mirror.until((state) => state.people.active === 41, 30_000);
    }
    const gapped = crowd.filter((person) => person.client.mirror.gaps > 0);
    // On a failure, what each one who saw a gap received, in order (versions only).
    const trail = (person: Person) =>
      person.received.map((payload) => payload.replace(/"events":\[.*?\](,|})/g, "$1").slice(0, 160));
    expect(gapped.map((person) => [person.name, person.client.mirror.sessions, ...trail(person)])).toEqual([]);
    for (const person of crowd.slice(0, 8)) await expectLiveEqualsFresh(person.client, person.name);
  });
});
