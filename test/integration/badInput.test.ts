import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandNames } from "../../shared/events.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let host: TestClient;
let guest: TestClient;
beforeAll(async () => {
  // Junk goes over one connection per command (the per-connection rate limit), all of one person.
  server = await startServer({ store: "redis", env: { MAX_CONNECTIONS_PER_PERSON: "1000" } });
  const created = await createWorkshop(server.url);
  host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  guest = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Guest" });
});
afterAll(async () => {
  for (const sender of junkSenders.values()) (await sender).close();
  host.close();
  guest.close();
  await server.close();
});

const junkSenders = new Map<string, Promise<TestClient>>();
function junkSender(name: string): Promise<TestClient> {
  let sender = junkSenders.get(name);
  if (!sender) {
    // Shared by the tests of this file (one per command), closed by its afterAll.
    sender = connectClient(server.url, { sessionToken: guest.session.sessionToken }, { keptAcrossTests: true });
    junkSenders.set(name, sender);
  }
  return sender;
}

/** Emits anything at all, as a hostile or buggy client could, and waits for the ack. */
function rawEmit(client: TestClient, event: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => {
    (client.socket as unknown as { emit: (...a: unknown[]) => void }).emit(event, ...args, resolve);
  });
}

/** The server still answers the well-behaved client: nothing crashed or stalled. */
async function expectServerHealthy(): Promise<void> {
  expect(await host.send("workshop:sync", {})).toMatchObject({ ok: true });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe("every handler survives junk (invariant 2)", () => {
  const junkPayloads: Array<[string, unknown]> = [
    ["a string", "hello"],
    ["a number", 42],
    ["null", null],
    ["an array", [1, 2, 3]],
    ["wrong field types", { commandId: 7, participantId: false, role: ["x"] }],
    [
      "an extra field",
      { commandId: "abcdefgh1234", participantId: "p000000000000000", role: "participant", admin: true },
    ],
    ["a __proto__ key", JSON.parse('{"commandId":"abcdefgh1234","__proto__":{"role":"facilitator"}}')],
    ["a constructor key", { constructor: { prototype: { polluted: true } } }],
    ["a bad command id", { commandId: "../../etc", participantId: "p000000000000000", role: "participant" }],
    ["a huge string inside the limit", { commandId: "x".repeat(30_000) }],
  ];

  for (const name of commandNames) {
    it.each(junkPayloads)(`${name} with %s gets BAD_REQUEST`, async (_label, payload) => {
      // A connection of its own per command, so the flood guard does not answer first.
      const sender = await junkSender(name);
      const answer = (await rawEmit(sender, name, payload)) as { ok: boolean; error?: { code: string } };
      // workshop:sync accepts {} shapes only; everything here is malformed for it too.
      expect(answer).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    });
  }

  it("no prototype was polluted", () => {
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("two payload arguments are refused", async () => {
    expect(await rawEmit(guest, "workshop:sync", {}, {})).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
  });

  it("an unknown event with an ack gets UNKNOWN_EVENT; without one it is ignored", async () => {
    expect(await rawEmit(guest, "admin:takeover", {})).toEqual({
      ok: false,
      error: { code: "UNKNOWN_EVENT", message: "no such command" },
    });
    (guest.socket as unknown as { emit: (...a: unknown[]) => void }).emit("admin:takeover", { x: 1 });
    await expectServerHealthy();
    expect(guest.socket.connected).toBe(true);
  });

  it("a command without an ack callback, or with a non-function last argument, crashes nothing and does nothing", async () => {
    const emit = (guest.socket as unknown as { emit: (...a: unknown[]) => void }).emit.bind(guest.socket);
    const before = await server.stores.workshops.currentVersion(host.session.workshopId);
    emit("session:leave", { commandId: newCommandId() });
    emit("session:leave", { commandId: newCommandId() }, "not a function");
    emit("workshop:end");
    await expectServerHealthy();
    expect(guest.socket.connected).toBe(true);
    expect(await server.stores.workshops.currentVersion(host.session.workshopId)).toBe(before);
  });

  it("a payload over the message size limit closes only that connection; the server stays up", async () => {
    const created = await createWorkshop(server.url);
    const big = await connectClient(
      server.url,
      { joinCode: created.joinCode, displayName: "Big" },
      { reconnection: false },
    );
    const closed = new Promise<string>((resolve) => big.socket.once("disconnect", resolve));
    (big.socket as unknown as { emit: (...a: unknown[]) => void }).emit(
      "workshop:sync",
      { pad: "z".repeat(200_000) },
      () => undefined,
    );
    expect(await closed).toMatch(/close|error/);
    await expectServerHealthy();
  });

  it("a flood of commands is cut off with RATE_LIMITED, then recovers", async () => {
    const created = await createWorkshop(server.url);
    const flooder = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Flood" });
    const answers = await Promise.all(Array.from({ length: 80 }, () => flooder.send("workshop:sync", {})));
    const limited = answers.filter((answer) => !answer.ok && answer.error.code === "RATE_LIMITED").length;
    expect(limited).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(40);
    await expect
      .poll(async () => (await flooder.send("workshop:sync", {})).ok, { timeout: 5000, interval: 200 })
      .toBe(true);
    flooder.close();
  });
});

describe("REST input", () => {
  async function post(body: string, contentType = "application/json") {
    const response = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
  }

  it.each([
    ["no title", "{}", 400, "BAD_REQUEST"],
    ["a blank title", '{"title":"   "}', 400, "BAD_REQUEST"],
    ["a title with control characters", '{"title":"a\\u0000b"}', 400, "BAD_REQUEST"],
    ["an extra field", '{"title":"ok","owner":"x"}', 400, "BAD_REQUEST"],
    ["malformed JSON", '{"title":', 400, "BAD_REQUEST"],
    ["a body over 16 KB", JSON.stringify({ title: "t".repeat(20_000) }), 413, "PAYLOAD_TOO_LARGE"],
  ])("%s", async (_label, body, status, code) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
  });

  it("creates a workshop with a readable join code and a long facilitator key", async () => {
    const answer = await post('{"title":"Asia Regional Forum - Day 1"}');
    expect(answer.status).toBe(201);
    const created = answer.body as unknown as { workshopId: string; joinCode: string; facilitatorKey: string };
    expect(created.joinCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(created.facilitatorKey.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(created).sort()).toEqual(["facilitatorKey", "joinCode", "retentionDays", "workshopId"]);
    const stored = await server.stores.workshops.getWorkshop(created.workshopId);
    expect(JSON.stringify(stored)).not.toContain(created.facilitatorKey);
  });
});
