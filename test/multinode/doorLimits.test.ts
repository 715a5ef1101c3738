import { describe, expect, it } from "vitest";
import { connectClient, connectError, createWorkshop, openSocket } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";

const cluster = useTwoNodes();

function refusalOf(url: string, auth: Parameters<typeof connectClient>[1]): Promise<string | undefined> {
  return connectError(openSocket(url, auth)).then((error) => error.data?.code);
}

async function create(url: string): Promise<number> {
  const response = await fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Limits" }),
  });
  return response.status;
}

describe("abuse limits at the door hold across nodes", () => {
  it("join-code guessing from one address is RATE_LIMITED after the limit on both nodes, even with a valid code", async () => {
    const { a, b } = await cluster.start({ RATE_JOIN_FAILURES_PER_HOUR: "4" });
    const created = await createWorkshop(a.url);
    // A valid join first: successes do not count as guesses.
    const early = await connectClient(b.url, { joinCode: created.joinCode, displayName: "Early" });
    cluster.track(early);
    const wrong = ["ZZZZZZ", "YYYYYY", "XXXXXX", "WWWWWW"];
    for (const [index, joinCode] of wrong.entries()) {
      expect(await refusalOf(index % 2 === 0 ? a.url : b.url, { joinCode, displayName: "Guesser" })).toBe(
        "INVALID_JOIN_CODE",
      );
    }
    for (const url of [a.url, b.url]) {
      expect(await refusalOf(url, { joinCode: "VVVVVV", displayName: "Guesser" })).toBe("RATE_LIMITED");
      expect(await refusalOf(url, { joinCode: created.joinCode, displayName: "Guesser" })).toBe("RATE_LIMITED");
    }
    // A session already in keeps working.
    expect((await early.send("workshop:sync", {})).ok).toBe(true);
  });

  it("workshop creation is RATE_LIMITED (429) per address across both nodes", async () => {
    const { a, b } = await cluster.start({ RATE_CREATE_PER_HOUR: "3" });
    expect([await create(a.url), await create(b.url), await create(a.url)]).toEqual([201, 201, 201]);
    const refused = await fetch(`${b.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "One too many" }),
    });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(await create(a.url)).toBe(429);
  });

  it("a workshop takes at most so many new people a minute, over both nodes; a person at most so many connections", async () => {
    const { a, b } = await cluster.start({ RATE_JOINS_PER_WORKSHOP_PER_MINUTE: "3", MAX_CONNECTIONS_PER_PERSON: "2" });
    const created = await createWorkshop(a.url);
    const joined = [];
    for (const url of [a.url, b.url, a.url]) {
      joined.push(await connectClient(url, { joinCode: created.joinCode, displayName: `P${joined.length}` }));
    }
    cluster.track(...joined);
    expect(await refusalOf(b.url, { joinCode: created.joinCode, displayName: "Fourth" })).toBe("RATE_LIMITED");
    // Another workshop is not affected.
    const other = await createWorkshop(b.url);
    cluster.track(await connectClient(a.url, { joinCode: other.joinCode, displayName: "Elsewhere" }));
    // A second tab of P0 is fine; a third is refused clearly, on either node.
    const token = joined[0]?.session.sessionToken as string;
    cluster.track(await connectClient(b.url, { sessionToken: token }));
    expect(await refusalOf(a.url, { sessionToken: token })).toBe("TOO_MANY_CONNECTIONS");
    expect(await refusalOf(b.url, { sessionToken: token })).toBe("TOO_MANY_CONNECTIONS");
  });
});
