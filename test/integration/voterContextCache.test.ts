import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../server/domain/commands.js";
import { DomainError } from "../../server/domain/errors.js";
import { ServerKeys } from "../../server/security/serverKeys.js";
import { Authorizer } from "../../server/services/authorizer.js";
import { PollService } from "../../server/services/pollService.js";
import { VoterContextCache } from "../../server/services/voterContextCache.js";
import { VoterKeyring } from "../../server/services/voterKeyring.js";
import { WorkshopService } from "../../server/services/workshopService.js";
import type { Stores } from "../../server/store/stores.js";
import type { CommandName } from "../../shared/events.js";
import type { WorkshopId } from "../../shared/ids.js";
import { PollDefinitionSchema } from "../../shared/poll.js";
import { closeStores, factories } from "../helpers/contractStores.js";
import { storedBallotOf } from "../helpers/polls.js";
import { TEST_ANONYMITY_KEY } from "../helpers/server.js";

afterAll(closeStores);

const definition = PollDefinitionSchema.parse({
  kind: "single",
  question: "Which?",
  options: [
    { optionId: "a", label: "A" },
    { optionId: "b", label: "B" },
  ],
  anonymous: false,
  resultsVisibility: "live",
  scope: { kind: "plenary" },
});

let commandSeq = 0;
const command = (who: Actor) => ({ actorId: who.participantId, commandId: `c-${++commandSeq}` });

/**
 * Waits for a snapshot read the cache started: each turn awaits a real store call, so the
 * read gets its turn (no timers). Bounded: a cache that never loads fails the test.
 */
async function loaded<T>(stores: Stores, workshopId: WorkshopId, read: () => T | null): Promise<T> {
  for (let turn = 0; turn < 1000; turn++) {
    const value = read();
    if (value !== null) return value;
    await stores.workshops.currentVersion(workshopId);
  }
  throw new Error("the cache never loaded");
}

describe.each(Object.keys(factories) as Array<keyof typeof factories>)("voter context cache: %s", (kind) => {
  let stores: Stores;
  let workshops: WorkshopService;
  let polls: PollService;
  let authorizer: Authorizer;
  let host: Actor;
  let people: Actor[];
  let workshopId: WorkshopId;
  let joinCode: string;

  beforeEach(async () => {
    stores = await factories[kind]();
    authorizer = new Authorizer(stores);
    workshops = new WorkshopService(stores, authorizer, { retentionMs: 30 * 24 * 60 * 60 * 1000 });
    const keyring = new VoterKeyring(stores.workshops, new ServerKeys(TEST_ANONYMITY_KEY));
    polls = new PollService(stores, workshops, authorizer, keyring);
    const created = await workshops.create("Cache");
    const facilitator = (await workshops.joinAsFacilitator(created.facilitatorKey, "Host")).session;
    workshopId = created.workshopId;
    joinCode = created.joinCode;
    host = { workshopId, participantId: facilitator.participantId };
    people = [];
    for (const name of ["Ana", "Bo", "Cy"]) {
      const session = await workshops.joinWithCode(created.joinCode, name);
      people.push({ workshopId, participantId: session.participantId });
    }
  });

  const person = (index: number) => people[index] as Actor;
  /** As the command wrapper does before every handler. */
  const as = (name: CommandName, who: Actor) => authorizer.authorize(name, who);
  const vote = (who: Actor, pollId: string, optionId = "a") =>
    polls.vote(who, command(who), { commandId: `v-${++commandSeq}`, pollId, ballot: { kind: "single", optionId } });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it("C1 a copy moved along the log event by event equals a fresh snapshot at the same version", async () => {
    const cache = new VoterContextCache(stores.workshops);
    cache.follow(workshopId);
    const start = await loaded(stores, workshopId, () => cache.pollsView(workshopId));
    const poll = await polls.create(await as("poll:create", host), command(host), {
      commandId: "p1",
      definition,
      open: true,
    });
    await workshops.setRole(await as("participant:setRole", host), command(host), {
      commandId: "r1",
      participantId: person(0).participantId,
      role: "note-taker",
    });
    await workshops.remove(await as("participant:remove", host), command(host), {
      commandId: "x1",
      participantId: person(1).participantId,
    });
    const events = await stores.workshops.eventsSince(workshopId, start.version);
    // Delivered in two batches, overlapping (a feed may repeat what the snapshot already has).
    cache.eventsDelivered(workshopId, (events ?? []).slice(0, 2));
    cache.eventsDelivered(workshopId, events ?? []);
    const fresh = await stores.workshops.fullSnapshot(workshopId);
    if (!fresh) throw new Error("no snapshot");
    const view = cache.pollsView(workshopId);
    expect(view?.version).toBe(fresh.version);
    expect(view?.polls).toEqual(fresh.polls);
    for (const who of [host, ...people]) {
      const context = cache.voterContext(workshopId, who.participantId, poll.pollId);
      const record = fresh.participants.find((p) => p.participantId === who.participantId);
      const active = record?.status === "active" ? record : null;
      expect(context?.actor?.role ?? null).toBe(active?.role ?? null);
      expect(context?.actor?.status ?? null).toBe(active?.status ?? null);
      expect(context?.poll).toEqual(poll);
    }
  });

  it("C2 a gap, a workshop update or an unknown event drops the copy; the next look reads it again", async () => {
    const cache = new VoterContextCache(stores.workshops);
    cache.follow(workshopId);
    const start = await loaded(stores, workshopId, () => cache.pollsView(workshopId));
    await polls.create(await as("poll:create", host), command(host), { commandId: "p1", definition, open: false });
    await polls.create(await as("poll:create", host), command(host), { commandId: "p2", definition, open: false });
    const events = (await stores.workshops.eventsSince(workshopId, start.version)) ?? [];
    cache.eventsDelivered(workshopId, events.slice(1));
    expect(cache.pollsView(workshopId)).toBeNull();
    const again = await loaded(stores, workshopId, () => cache.pollsView(workshopId));
    expect(again.polls).toHaveLength(2);
    cache.eventsDelivered(workshopId, [
      { v: again.version + 1, type: "notes:access", access: { docId: "plenary", openToAll: true } },
    ] as never);
    expect(cache.pollsView(workshopId)?.version).toBe(again.version + 1);
    cache.eventsDelivered(workshopId, [{ v: again.version + 2, type: "some:future-event" }] as never);
    expect(cache.pollsView(workshopId)).toBeNull();
    cache.unfollow(workshopId);
    expect(cache.voterContext(workshopId, host.participantId, "opoll00000001")).toBeNull();
  });

  it("C3 removal, then a vote decided from a copy that has not heard of it: refused, nothing counted", async () => {
    polls.follow(workshopId);
    const poll = await polls.create(await as("poll:create", host), command(host), {
      commandId: "p1",
      definition,
      open: true,
    });
    await loaded(
      stores,
      workshopId,
      () => polls.pollsView(workshopId)?.polls.find((p) => p.pollId === poll.pollId) ?? null,
    );
    // The copy is current: this vote takes the one-round-trip path.
    expect(await codeOf(vote(person(0), poll.pollId))).toBe("ok");
    // Removed after the copy was made; the copy is told nothing (a slow feed).
    await workshops.remove(await as("participant:remove", host), command(host), {
      commandId: "x1",
      participantId: person(1).participantId,
    });
    expect(await codeOf(vote(person(1), poll.pollId))).toBe("SESSION_REVOKED");
    expect(await storedBallotOf(stores, workshopId, poll, person(1).participantId)).toBeNull();
    // Someone who joined after the copy was made is not refused for it: decided fresh.
    const late = await workshops.joinWithCode(joinCode, "Late");
    expect(await codeOf(vote({ workshopId, participantId: late.participantId }, poll.pollId, "b"))).toBe("ok");
    const tally = await stores.polls.getTally(workshopId, poll.pollId);
    expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 2, "*|o:a": 1, "*|o:b": 1 });
  });

  it("C4 a poll closed after the copy was made refuses the vote; a retry of a counted vote gets its first answer", async () => {
    polls.follow(workshopId);
    const poll = await polls.create(await as("poll:create", host), command(host), {
      commandId: "p1",
      definition,
      open: true,
    });
    await loaded(
      stores,
      workshopId,
      () => polls.pollsView(workshopId)?.polls.find((p) => p.pollId === poll.pollId) ?? null,
    );
    const counted = command(person(0));
    const payload = {
      commandId: counted.commandId,
      pollId: poll.pollId,
      ballot: { kind: "single", optionId: "a" },
    } as const;
    const first = await polls.vote(person(0), counted, payload);
    await polls.close(await as("poll:close", host), command(host), { commandId: "c1", pollId: poll.pollId });
    expect(await codeOf(vote(person(2), poll.pollId))).toBe("POLL_CLOSED");
    expect(await polls.vote(person(0), counted, payload)).toEqual(first);
    expect((await stores.polls.getTally(workshopId, poll.pollId)).counters.get("*|n")).toBe(1);
  });
});
