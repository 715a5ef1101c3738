import { describe, expect, inject, it } from "vitest";
import { currentRoomOf } from "../../shared/workshopState.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { nextChat } from "../helpers/chat.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { scanRedis } from "../helpers/redisScan.js";
import { reportText } from "../helpers/reportWorkshop.js";

const cluster = useTwoNodes();

/** Every message a client receives from now on, as the JSON it came as. */
function record(client: TestClient): string[] {
  const received: string[] = [];
  client.socket.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
  return received;
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`refused: ${settled.error.code}`);
  return settled.data;
}

async function codeOf(answer: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> {
  const settled = await answer;
  return settled.ok ? "ok" : (settled.error?.code ?? "?");
}

/**
 * Six participants on two nodes (P0, P2, P4 on node a; P1, P3, P5 on node b): P0-P2 in Red (names
 * hidden), P3-P4 in Blue (names shown), P5 in the plenary; the round running, everyone's copy
 * showing their room (so every node's feed judges them in it).
 */
async function chatWorld() {
  const { a, b, keyPrefix } = await cluster.start();
  const world = await workshopWithPeople([a.url, b.url], 6, "P");
  const people = world.people as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  cluster.track(world.host, ...people);
  const round = await planRound(world.host, [{ name: "Red" }, { name: "Blue", namesVisible: true }]);
  const red = round.rooms[0]?.roomId as string;
  const blue = round.rooms[1]?.roomId as string;
  const move = (clients: TestClient[], roomId: string) =>
    ok(
      world.host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: clients.map((client) => client.session.participantId),
        roomId,
      }),
    );
  await move(people.slice(0, 3), red);
  await move(people.slice(3, 5), blue);
  await openRound(world.host, round);
  const roomOf = [red, red, red, blue, blue, null];
  await Promise.all(
    people.map((client, index) =>
      client.mirror.until((state) => currentRoomOf(state, client.session.participantId) === roomOf[index], 15_000),
    ),
  );
  return { host: world.host, people, red, blue, roundId: round.roundId, keyPrefix, a };
}

describe("chat on two nodes", () => {
  it("a participant receives their room's and the plenary's messages only; facilitators every room's", async () => {
    const { host, people, red, blue, a } = await chatWorld();
    const [p0, p1, p2, p3, p4, p5] = people;
    const everyone = [host, ...people];
    const received = new Map(everyone.map((client) => [client, record(client)]));

    const RED = "canary-red-5d1f: only Red may read this";
    const BLUE = "canary-blue-8a2c: only Blue may read this";
    const PLENARY = "canary-plenary-3e77: everyone reads this";
    const redArrives = [p1, p2, host].map((client) => nextChat(client, (m) => m.text === RED));
    const blueArrives = [p4, host].map((client) => nextChat(client, (m) => m.text === BLUE));
    const plenaryArrives = everyone.map((client) => nextChat(client, (m) => m.text === PLENARY));
    const sentRed = await ok(p0.send("chat:send", { commandId: newCommandId(), channelId: red, text: RED }));
    const sentBlue = await ok(p3.send("chat:send", { commandId: newCommandId(), channelId: blue, text: BLUE }));
    const sentPlenary = await ok(
      p5.send("chat:send", { commandId: newCommandId(), channelId: "plenary", text: `  ${PLENARY}\n` }),
    );
    // Trimmed; names as the roster allows: Red hides names, Blue shows them, the plenary is private.
    expect(sentPlenary).toMatchObject({ channelId: "plenary", seq: 1, text: PLENARY, author: null, hidden: null });
    expect(sentRed).toMatchObject({ channelId: red, seq: 1, author: null });
    expect(sentBlue).toMatchObject({ channelId: blue, seq: 1, author: "P3" });
    for (const message of await Promise.all(redArrives)) expect(message).toEqual(sentRed);
    for (const message of await Promise.all(blueArrives)) expect(message).toEqual(sentBlue);
    await Promise.all(plenaryArrives);
    // A staff member is named in the plenary.
    const fromHost = await ok(host.send("chat:send", { commandId: newCommandId(), channelId: "plenary", text: "Hi" }));
    expect(fromHost.author).toBe("Host");
    await nextChat(p5, (m) => m.seq === fromHost.seq);

    // Nobody else ever received a word of another room's chat, in any payload, on either node.
    const leaks: string[] = [];
    for (const [client, messages] of received) {
      const all = messages.join("\n");
      const inRed = [p0, p1, p2].includes(client);
      const inBlue = [p3, p4].includes(client);
      if (client !== host && !inRed && all.includes("canary-red")) leaks.push(`${client.session.displayName}: red`);
      if (client !== host && !inBlue && all.includes("canary-blue")) leaks.push(`${client.session.displayName}: blue`);
    }
    expect(leaks).toEqual([]);

    // Another room's chat is refused, read or written; facilitators read any.
    expect(await codeOf(p0.send("chat:history", { channelId: blue }))).toBe("FORBIDDEN");
    expect(await codeOf(p5.send("chat:history", { channelId: red }))).toBe("FORBIDDEN");
    expect(await codeOf(p0.send("chat:send", { commandId: newCommandId(), channelId: blue, text: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect((await ok(host.send("chat:history", { channelId: red }))).messages).toEqual([sentRed]);
    expect((await ok(p2.send("chat:history", { channelId: "plenary" }))).latestSeq).toBe(2);

    // Moved to Blue: Red's messages stop reaching P0; Blue's start.
    const move = await ok(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: (p0.mirror.state.breakout.round?.roundId ?? "") as string,
        participantIds: [p0.session.participantId],
        roomId: blue,
      }),
    );
    expect(move.moved).toBe(1);
    await p0.mirror.until((state) => currentRoomOf(state, p0.session.participantId) === blue, 15_000);
    const afterMove = record(p0);
    const LATER_RED = "canary-red-later-0b9e";
    const laterArrives = nextChat(p1, (m) => m.text === LATER_RED);
    await ok(p2.send("chat:send", { commandId: newCommandId(), channelId: red, text: LATER_RED }));
    const blueToP0 = nextChat(p0, (m) => m.text === "Welcome");
    await ok(p4.send("chat:send", { commandId: newCommandId(), channelId: blue, text: "Welcome" }));
    await Promise.all([laterArrives, blueToP0]);
    expect(afterMove.join("\n")).not.toContain("canary-red");
    expect(await codeOf(p0.send("chat:history", { channelId: red }))).toBe("FORBIDDEN");

    // Not in the report, in any format or scope, unless a facilitator includes it.
    const { workshopId, sessionToken } = host.session;
    const reports = await Promise.all(
      (["md", "html", "json", "csv"] as const).flatMap((format) =>
        [undefined, `room:${red}`].map((scope) => reportText(a.url, workshopId, sessionToken, format, scope)),
      ),
    );
    for (const report of reports) expect(report).not.toMatch(/canary-|Welcome/);
  });

  it("a facilitator on one node hides a message for everyone on both; its words leave Redis; a lead hides in their room only", async () => {
    const { host, people, red, blue, roundId, keyPrefix } = await chatWorld();
    const [p0, p1, p2, p3] = people;
    const HURTFUL = "canary-hurtful-6c0d: words to be removed";
    const sent = await ok(p1.send("chat:send", { commandId: newCommandId(), channelId: red, text: HURTFUL }));
    await Promise.all([p0, p2].map((client) => nextChat(client, (m) => m.seq === sent.seq && m.text === HURTFUL)));

    const hiddenEverywhere = [p0, p1, p2].map((client) => nextChat(client, (m) => m.seq === sent.seq && !!m.hidden));
    // Participants may not hide (the policy table); the facilitator may.
    expect(
      await codeOf(
        p0.send("chat:hide", { commandId: newCommandId(), channelId: red, seq: sent.seq, reason: "I dislike it" }),
      ),
    ).toBe("FORBIDDEN");
    const command = { commandId: newCommandId(), channelId: red, seq: sent.seq, reason: "Hurtful to others" };
    const hidden = await ok(host.send("chat:hide", command));
    expect(hidden).toEqual({ ...sent, text: null, author: null, hidden: { reason: "Hurtful to others" } });
    for (const message of await Promise.all(hiddenEverywhere)) expect(message).toEqual(hidden);
    // Retried: the same answer, nothing changes.
    expect(await ok(host.send("chat:hide", command))).toEqual(hidden);
    expect((await ok(p2.send("chat:history", { channelId: red }))).messages).toEqual([hidden]);
    const stored = await scanRedis(inject("redisUrl"), keyPrefix);
    expect(JSON.stringify(stored)).not.toContain("canary-hurtful");

    // A room's lead hides in their own room, not in another's.
    await ok(
      host.send("breakout:setLead", {
        commandId: newCommandId(),
        roundId,
        roomId: red,
        participantId: p2.session.participantId,
      }),
    );
    const inRed = await ok(p0.send("chat:send", { commandId: newCommandId(), channelId: red, text: "Spam" }));
    const inBlue = await ok(p3.send("chat:send", { commandId: newCommandId(), channelId: blue, text: "Fine" }));
    await p2.mirror.until((state) => state.breakout.round?.rooms[0]?.leadId === p2.session.participantId, 15_000);
    expect(
      (await ok(p2.send("chat:hide", { commandId: newCommandId(), channelId: red, seq: inRed.seq, reason: "Spam" })))
        .hidden,
    ).toEqual({ reason: "Spam" });
    expect(
      await codeOf(
        p2.send("chat:hide", { commandId: newCommandId(), channelId: blue, seq: inBlue.seq, reason: "Spam" }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(host.send("chat:hide", { commandId: newCommandId(), channelId: red, seq: 99, reason: "x" })),
    ).toBe("NOT_FOUND");
  });

  it("sending is rate-limited per person with RATE_LIMITED; a retry gets its first message; junk is refused with a stable code", async () => {
    const { people } = await chatWorld();
    const p5 = people[5];
    const commands = Array.from({ length: 6 }, () => newCommandId());
    const answers = [];
    for (const [index, commandId] of commands.entries()) {
      answers.push(await p5.send("chat:send", { commandId, channelId: "plenary", text: `Message ${index}` }));
    }
    expect(answers.map((answer) => (answer.ok ? "ok" : answer.error.code))).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
      "RATE_LIMITED",
    ]);
    // A retried command is its first message, past the limit too; nothing is stored twice.
    const retried = await ok(
      p5.send("chat:send", { commandId: commands[0] as string, channelId: "plenary", text: "Message 0" }),
    );
    expect(answers[0]).toEqual({ ok: true, data: retried });
    expect((await ok(p5.send("chat:history", { channelId: "plenary" }))).messages).toHaveLength(5);

    const junk: unknown[] = [
      { commandId: newCommandId(), channelId: "plenary", text: "x".repeat(501) },
      { commandId: newCommandId(), channelId: "plenary", text: "   " },
      { commandId: newCommandId(), channelId: "plenary", text: "a\u202Eb" },
      { commandId: newCommandId(), channelId: "../etc", text: "x" },
      { commandId: newCommandId(), channelId: "plenary", text: "x", extra: true },
      { commandId: "bad id!", channelId: "plenary", text: "x" },
      { channelId: "plenary", text: 42 },
      "plenary",
      null,
    ];
    for (const payload of junk) {
      expect(await codeOf(people[0].send("chat:send", payload as never)), JSON.stringify(payload)).toBe("BAD_REQUEST");
    }
    for (const payload of [{ channelId: "plenary", beforeSeq: -1 }, { channelId: "plenary", limit: 500 }, {}]) {
      expect(await codeOf(people[0].send("chat:history", payload as never))).toBe("BAD_REQUEST");
    }
    expect(
      await codeOf(people[0].send("chat:hide", { commandId: newCommandId(), channelId: "plenary", seq: 1 } as never)),
    ).toBe("BAD_REQUEST");
    // Still connected and served.
    expect((await ok(people[0].send("chat:history", { channelId: "plenary" }))).latestSeq).toBe(5);
  });
});
