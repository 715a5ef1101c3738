import { describe, expect, it } from "vitest";
import { connectClient, connectError, createWorkshop, openSocket } from "../helpers/client.js";
import { serverForThisTest } from "../helpers/server.js";

describe("draining a node (SIGTERM's first step)", () => {
  it("readiness fails at once, new sockets are refused with UNAVAILABLE, open ones are closed so their clients move on", async () => {
    const server = await serverForThisTest({ store: "memory" });
    const created = await createWorkshop(server.url);
    const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const closed = new Promise<string>((resolve) => host.socket.once("disconnect", resolve));

    const drained = server.app.drain(5000);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ reason: "shutting down" });
    // Closed at the transport: a client reconnects by itself (to another node, behind a balancer).
    expect(await closed).toBe("transport close");
    const late = openSocket(server.url, { joinCode: created.joinCode, displayName: "Late" });
    expect((await connectError(late)).data).toMatchObject({ code: "UNAVAILABLE" });
    await drained;
    expect(server.app.io.of("/").sockets.size).toBe(0);
  });
});
