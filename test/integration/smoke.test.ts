import { describe, expect, it } from "vitest";
import { connectClient, createWorkshop, namesOf } from "../helpers/client.js";
import { serverForThisTest } from "../helpers/server.js";

describe.each(["memory", "redis"] as const)("smoke (%s)", (store) => {
  it("joins and sees each other", async () => {
    const server = await serverForThisTest({ store });
    const created = await createWorkshop(server.url);
    const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const guest = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Guest" });
    await host.mirror.until(
      (state) => state.participants.size === 2 && [...state.participants.values()].every((p) => p.online),
    );
    expect(namesOf(host.mirror.state.participants.values())).toEqual(["Guest", "Host"]);
    await guest.mirror.until((state) => state.participants.size === 2);
    host.close();
    guest.close();
  });
});
