import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEventPayload } from "../../shared/events.js";
import {
  connectClient,
  connectError,
  createWorkshop,
  newCommandId,
  openSocket,
  type TypedSocket,
} from "../helpers/client.js";
import { serverForThisTest, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
  workshop = await createWorkshop(server.url, "Handshake forum");
});
afterAll(() => server.close());

/** The socket's session:ready, or its connect_error as a rejection. */
function sessionReady(socket: TypedSocket): Promise<ServerEventPayload<"session:ready">> {
  return new Promise((resolve, reject) => {
    socket.once("session:ready", resolve);
    socket.once("connect_error", reject);
  });
}

/** The answer to the first request a browser on `origin` makes (the engine.io polling handshake). */
async function engineHandshake(url: string, origin: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
  const text = await response.text();
  return { status: response.status, body: response.status === 200 ? text : JSON.parse(text) };
}

async function refusalCode(auth: Record<string, unknown>): Promise<string | undefined> {
  return (await connectError(openSocket(server.url, auth))).data?.code;
}

describe("joining", () => {
  it("a join code admits a participant and tells them who they are", async () => {
    const guest = await connectClient(server.url, { joinCode: workshop.joinCode, displayName: "  Mai  " });
    expect(guest.session).toMatchObject({ workshopId: workshop.workshopId, role: "participant", displayName: "Mai" });
    expect(guest.session.sessionToken).toMatch(/^w[a-z0-9]{15}\./);
    expect(guest.mirror.state.workshop?.title).toBe("Handshake forum");
    guest.close();
  });

  it("the join code is forgiving about case, spaces and the dash", async () => {
    const spoken = `${workshop.joinCode.slice(0, 3).toLowerCase()} - ${workshop.joinCode.slice(3).toLowerCase()}`;
    const guest = await connectClient(server.url, { joinCode: spoken, displayName: "Aung" });
    expect(guest.session.role).toBe("participant");
    guest.close();
  });

  it("the facilitator key admits a facilitator", async () => {
    const host = await connectClient(server.url, { facilitatorKey: workshop.facilitatorKey, displayName: "Host" });
    expect(host.session.role).toBe("facilitator");
    host.close();
  });

  it("a session token resumes the same person, on a new connection", async () => {
    const guest = await connectClient(server.url, { joinCode: workshop.joinCode, displayName: "Resumer" });
    guest.close();
    const again = await connectClient(server.url, { sessionToken: guest.session.sessionToken });
    expect(again.session.participantId).toBe(guest.session.participantId);
    expect(again.session.displayName).toBe("Resumer");
    again.close();
  });

  it("a join retried with the same joinId (its first answer lost) resumes the same person", async () => {
    const joinId = "retry-join-0123456789abcdef";
    const first = await connectClient(server.url, { joinCode: workshop.joinCode, displayName: "Retry", joinId });
    first.close();
    const again = await connectClient(server.url, { joinCode: workshop.joinCode, displayName: "Retry", joinId });
    expect(again.session.participantId).toBe(first.session.participantId);
    expect(again.session.sessionToken).not.toBe(first.session.sessionToken);
    const names = [...again.mirror.state.participants.values()].filter((p) => p.displayName === "Retry");
    expect(names).toHaveLength(1);
    again.close();
  });

  it("names are NFC-normalised", async () => {
    const guest = await connectClient(server.url, { joinCode: workshop.joinCode, displayName: "Nga\u0300" });
    expect(guest.session.displayName).toBe("Ngà");
    guest.close();
  });
});

describe("refused handshakes carry a stable code in connect_error data", () => {
  it.each([
    ["no auth at all", {}, "UNAUTHORIZED"],
    ["an unknown join code", { joinCode: "ZZZZZZ", displayName: "X" }, "INVALID_JOIN_CODE"],
    ["a join code with confusable letters", { joinCode: "O0I1AB", displayName: "X" }, "INVALID_JOIN_CODE"],
    ["an empty name", { joinCode: "ZZZZZZ", displayName: "   " }, "INVALID_DISPLAY_NAME"],
    ["a name with a control character", { joinCode: "ZZZZZZ", displayName: "a\u0007b" }, "INVALID_DISPLAY_NAME"],
    ["a name with a bidi override", { joinCode: "ZZZZZZ", displayName: "abc\u202Egnp.exe" }, "INVALID_DISPLAY_NAME"],
    ["a name that is too long", { joinCode: "ZZZZZZ", displayName: "n".repeat(41) }, "INVALID_DISPLAY_NAME"],
    [
      "a wrong facilitator key",
      { facilitatorKey: `fk.w000000000000000.${"x".repeat(43)}`, displayName: "X" },
      "UNAUTHORIZED",
    ],
    // A workshop that does not exist (any more: deleted) is said plainly; an unknown token of one that does is not recognised.
    ["a session token of no workshop", { sessionToken: `w000000000000000.${"y".repeat(43)}` }, "NOT_FOUND"],
    ["two ways in at once", { joinCode: "ZZZZZZ", sessionToken: "w000000000000000.abc" }, "UNAUTHORIZED"],
    ["an old protocol", { joinCode: "ZZZZZZ", displayName: "X", protocol: 0 }, "PROTOCOL_MISMATCH"],
  ])("%s", async (_label, auth, code) => {
    expect(await refusalCode(auth)).toBe(code);
  });

  it("an unknown session token of an existing workshop", async () => {
    expect(await refusalCode({ sessionToken: `${workshop.workshopId}.${"y".repeat(43)}` })).toBe("UNAUTHORIZED");
  });

  it("the right key of another workshop is refused", async () => {
    const other = await createWorkshop(server.url, "Other");
    const forged = other.facilitatorKey.replace(other.workshopId, workshop.workshopId);
    expect(await refusalCode({ facilitatorKey: forged, displayName: "X" })).toBe("UNAUTHORIZED");
  });

  it("a removed person's token is refused with SESSION_REVOKED; an ended workshop with WORKSHOP_ENDED", async () => {
    const own = await createWorkshop(server.url, "Short-lived");
    const host = await connectClient(server.url, { facilitatorKey: own.facilitatorKey, displayName: "Host" });
    const guest = await connectClient(server.url, { joinCode: own.joinCode, displayName: "Guest" });
    expect(
      await host.send("participant:remove", { commandId: newCommandId(), participantId: guest.session.participantId }),
    ).toMatchObject({ ok: true });
    expect(await refusalCode({ sessionToken: guest.session.sessionToken })).toBe("SESSION_REVOKED");
    expect(await host.send("workshop:end", { commandId: newCommandId() })).toMatchObject({ ok: true });
    expect(await refusalCode({ joinCode: own.joinCode, displayName: "Late" })).toBe("WORKSHOP_ENDED");
    expect(await refusalCode({ facilitatorKey: own.facilitatorKey, displayName: "Late" })).toBe("WORKSHOP_ENDED");
    expect(await refusalCode({ sessionToken: host.session.sessionToken })).toBe("WORKSHOP_ENDED");
  });
});

describe("origin allowlist (allowRequest)", () => {
  it("refuses a cross-origin browser handshake, on both transports", async () => {
    for (const transport of ["websocket", "polling"] as const) {
      const socket = openSocket(
        server.url,
        { joinCode: workshop.joinCode, displayName: "Evil" },
        { extraHeaders: { origin: "http://evil.example" }, transports: [transport] },
      );
      const error = await connectError(socket);
      expect(error.data?.code).toBeUndefined();
      expect(error.message).toMatch(/error/i);
    }
  });

  it("accepts same-origin and listed origins, and only those", async () => {
    const sameOrigin = openSocket(
      server.url,
      { joinCode: workshop.joinCode, displayName: "Same" },
      { extraHeaders: { origin: server.url }, transports: ["polling"] },
    );
    expect((await sessionReady(sameOrigin)).session).toMatchObject({
      workshopId: workshop.workshopId,
      role: "participant",
      displayName: "Same",
    });
    expect(sameOrigin.connected).toBe(true);

    const listed = await serverForThisTest({ env: { ALLOWED_ORIGINS: "https://forum.example.org" } });
    const created = await createWorkshop(listed.url);
    for (const transport of ["websocket", "polling"] as const) {
      const partner = openSocket(
        listed.url,
        { joinCode: created.joinCode, displayName: "Partner" },
        { extraHeaders: { origin: "https://forum.example.org" }, transports: [transport] },
      );
      expect((await sessionReady(partner)).session, transport).toMatchObject({
        workshopId: created.workshopId,
        role: "participant",
        displayName: "Partner",
      });
      expect(partner.connected, transport).toBe(true);
    }
    expect((await engineHandshake(listed.url, "https://forum.example.org")).status).toBe(200);

    // Listing one origin lets in that one, not every other.
    const unlisted = openSocket(
      listed.url,
      { joinCode: created.joinCode, displayName: "Elsewhere" },
      { extraHeaders: { origin: "https://other.example.org" }, transports: ["polling"] },
    );
    const error = await connectError(unlisted);
    expect(error.data?.code).toBeUndefined();
    expect(unlisted.connected).toBe(false);
    // What the browser gets: engine.io's Forbidden (code 4), with the server's reason.
    expect(await engineHandshake(listed.url, "https://other.example.org")).toEqual({
      status: 403,
      body: { code: 4, message: "origin not allowed" },
    });
  });
});
