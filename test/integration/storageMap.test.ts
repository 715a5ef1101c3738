import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RoundView } from "../../shared/breakout.js";
import { openRound, planRound } from "../helpers/breakout.js";
import { connectClient, connectError, newCommandId, openSocket, type TestClient } from "../helpers/client.js";
import { scanRedis } from "../helpers/redisScan.js";
import { scriptedWorkshop } from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

/**
 * docs/SECURITY.md's "What stays where" is the promise of what the server keeps: a scan of a
 * real Redis after a scripted workshop must find exactly its rows (and no key it does not list).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(async () => {
  await server.close();
});

/** The key patterns of the table (the first backticked token of each row). */
function documentedPatterns(): Array<{ pattern: string; rare: boolean }> {
  const doc = readFileSync("docs/SECURITY.md", "utf8");
  const section = doc.slice(doc.indexOf("## What stays where"));
  return [...section.matchAll(/^\| `([^`]+)` \|(.*)$/gm)].map((match) => ({
    pattern: match[1] as string,
    rare: (match[2] as string).includes("*rare*"),
  }));
}

/** A key as the table writes it: ids replaced by their placeholder. */
function patternOf(key: string): string {
  return key
    .replace(/^wk:\{w[a-z0-9]{15}\}/, "wk:{W}")
    .replace(/:poll:o[a-z0-9]{11}:/, ":poll:<P>:")
    .replace(/:round:r[a-z0-9]{11}:/, ":round:<R>:")
    .replace(/:room:m[a-z0-9]{11}$/, ":room:<M>")
    .replace(/:notes:(plenary|m[a-z0-9]{11}):/, ":notes:<doc>:")
    .replace(/:qna:upvoters:q[a-z0-9]{11}$/, ":qna:upvoters:<Q>")
    .replace(/:chat:(plenary|m[a-z0-9]{11})$/, ":chat:<channel>")
    .replace(/:cmds:\d+$/, ":cmds:<day>")
    .replace(/^rate:\{[0-9a-f]{32}\}:(create|joinfail|join):\d+$/, "rate:{<address>}:$1:<window>")
    .replace(/:rate:join:\d+$/, ":rate:join:<window>")
    .replace(/^joincode:[A-Z0-9]{6}$/, "joincode:<CODE>")
    .replace(/^node:n[0-9a-f]{12}:workshops$/, "node:<node>:workshops");
}

describe("docs/SECURITY.md 'What stays where' matches a real Redis", () => {
  it("a scripted workshop stores exactly the keys the table lists, and the end leaves no voter salt", async () => {
    const world = await scriptedWorkshop(server.url);
    const { host, people } = world;
    // What the report's script does not touch: tags, a banner and a help request in a running
    // round, a board setting, a document opened to all, a snapshot, a support request and the
    // support setting, raised hands, a chat message, a join retried by join id, a wrong join code.
    const person = people[0] as TestClient;
    await host.send("participant:setTags", {
      commandId: newCommandId(),
      participantId: person.session.participantId,
      tags: { language: "th" },
    });
    // Two hands in the plenary: one called to speak, one waiting.
    for (const raiser of people.slice(0, 2)) {
      expect((await raiser.send("hands:raise", { commandId: newCommandId() })).ok).toBe(true);
    }
    expect((await host.send("hands:call", { commandId: newCommandId() })).ok).toBe(true);
    const round = await planRound(host, [{ name: "Help desk" }]);
    const room = (round.rooms[0] as RoundView["rooms"][number]).roomId;
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [person.session.participantId],
      roomId: room,
    });
    await openRound(host, round);
    expect((await person.send("help:request", { commandId: newCommandId(), text: "Can someone join us?" })).ok).toBe(
      true,
    );
    await host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "Five minutes left" });
    await host.send("qna:settings", { commandId: newCommandId(), boardId: "plenary", preModeration: false });
    await host.send("notes:setAccess", { commandId: newCommandId(), docId: "plenary", openToAll: true });
    await host.send("notes:snapshot", { commandId: newCommandId(), docId: "plenary", name: "Before the end" });
    expect((await person.send("support:request", { commandId: newCommandId(), contact: "app" })).ok).toBe(true);
    await host.send("support:settings", { commandId: newCommandId(), countToFacilitators: true });
    expect((await person.send("chat:send", { commandId: newCommandId(), channelId: room, text: "Hello" })).ok).toBe(
      true,
    );
    const joined = await connectClient(server.url, {
      joinCode: (await server.stores.workshops.getWorkshop(world.workshopId))?.joinCode as string,
      displayName: "Retried join",
      joinId: "join-id-0123456789abcdef",
    });
    expect((await connectError(openSocket(server.url, { joinCode: "ZZZZZZ", displayName: "Wrong" }))).data?.code).toBe(
      "INVALID_JOIN_CODE",
    );

    const prefix = server.config.REDIS_KEY_PREFIX;
    const scan = await scanRedis(inject("redisUrl"), prefix);
    const found = new Set(scan.map((key) => patternOf(key.key.slice(prefix.length))));
    const documented = documentedPatterns();
    expect(documented.length).toBeGreaterThan(30);
    // Every key found is a documented one...
    expect([...found].filter((pattern) => !documented.some((row) => row.pattern === pattern))).toEqual([]);
    // ...and every documented key (but the rare ones) is found.
    expect(documented.filter((row) => !row.rare && !found.has(row.pattern)).map((row) => row.pattern)).toEqual([]);
    // Types as documented.
    const doc = readFileSync("docs/SECURITY.md", "utf8");
    for (const key of scan) {
      const pattern = patternOf(key.key.slice(prefix.length));
      const row = new RegExp(`^\\| \`${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\` \\| (\\w+) \\|`, "m").exec(
        doc,
      );
      expect(row?.[1], pattern).toBe(key.type);
    }

    expect((await host.send("workshop:end", { commandId: newCommandId() })).ok).toBe(true);
    const after = await scanRedis(inject("redisUrl"), prefix);
    expect(after.map((key) => patternOf(key.key.slice(prefix.length)))).not.toContain("wk:{W}:votersalt");
    joined.close();
    world.close();
  });
});
