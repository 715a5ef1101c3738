import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundView } from "../../shared/breakout.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** The refusals of hands and reactions, each with its stable code (one process, the memory store). */
describe("hands and reactions refuse what they must, with stable codes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { REACTIONS_PER_SECOND: "1", REACTIONS_BURST: "3" } });
  });
  afterAll(() => server.close());

  const code = async (answer: Promise<{ ok: boolean; error?: { code: string } }>) => {
    const settled = await answer;
    return settled.ok ? "ok" : settled.error?.code;
  };

  it("junk, someone else's hand, an empty queue, a hand that is not there", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [ana, ben] = people as [TestClient, TestClient];
    const junk: Array<[string, unknown]> = [
      ["hands:raise", { commandId: newCommandId(), participantId: ben.session.participantId }],
      ["hands:raise", {}],
      ["hands:lower", { commandId: newCommandId(), participantId: "<script>" }],
      ["hands:call", { commandId: newCommandId(), participantId: 42 }],
      ["hands:queue", { all: true }],
      ["reactions:send", { kind: "bomb" }],
      ["reactions:send", { kind: "applause", commandId: newCommandId() }],
      ["reactions:send", { kind: ["applause"] }],
    ];
    for (const [name, payload] of junk) {
      expect(await code(ana.send(name as "hands:raise", payload as never)), name).toBe("BAD_REQUEST");
    }
    expect(await code(host.send("hands:call", { commandId: newCommandId() }))).toBe("INVALID_STATE");
    expect(
      await code(host.send("hands:call", { commandId: newCommandId(), participantId: ana.session.participantId })),
    ).toBe("NOT_FOUND");
    await ben.send("hands:raise", { commandId: newCommandId() });
    expect(
      await code(ana.send("hands:lower", { commandId: newCommandId(), participantId: ben.session.participantId })),
    ).toBe("FORBIDDEN");
    expect(await code(ana.send("hands:call", { commandId: newCommandId() }))).toBe("FORBIDDEN");
    // The queue is unchanged by every refusal.
    expect(await ben.send("hands:queue", {})).toMatchObject({
      ok: true,
      data: { waiting: 1, mine: { status: "waiting", position: 1 } },
    });
  });

  it("reactions past the per-connection limit are RATE_LIMITED; from inside a running room, and hands too, INVALID_STATE", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [ana, ben] = people as [TestClient, TestClient];
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i++) codes.push(await code(ana.send("reactions:send", { kind: "heart" })));
    expect(codes.slice(0, 3)).toEqual(["ok", "ok", "ok"]);
    expect(codes).toContain("RATE_LIMITED");

    const round = await planRound(host, [{ name: "Room" }]);
    const roomId = (round.rooms[0] as RoundView["rooms"][number]).roomId;
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [ben.session.participantId],
      roomId,
    });
    await openRound(host, round);
    await ben.mirror.until((state) => state.breakout.round?.status === "open");
    expect(await code(ben.send("reactions:send", { kind: "applause" }))).toBe("INVALID_STATE");
    expect(await code(ben.send("hands:raise", { commandId: newCommandId() }))).toBe("INVALID_STATE");
  });
});
