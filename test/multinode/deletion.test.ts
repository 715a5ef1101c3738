import { describe, expect, it } from "vitest";
import { sendChat } from "../helpers/chat.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { createPoll, singleChoice } from "../helpers/polls.js";
import { ask, loadBoard } from "../helpers/qna.js";
import { testRedis } from "../helpers/redisBackend.js";
import { scanRedis } from "../helpers/redisScan.js";

const cluster = useTwoNodes();

/** Every key under the nodes' prefix that names the workshop, in its name or its content. */
async function traces(prefix: string, workshopId: string): Promise<string[]> {
  return (await scanRedis(testRedis(), prefix))
    .filter((key) => key.key.includes(workshopId) || key.records.some((record) => record.includes(workshopId)))
    .map((key) => key.key);
}

function revocation(client: TestClient): Promise<{ reason: string; disconnected: boolean }> {
  return new Promise((resolve) => {
    client.socket.once("session:revoked", (payload) => {
      client.socket.once("disconnect", () => resolve({ reason: payload.reason, disconnected: true }));
    });
  });
}

describe("deleting a workshop now, on two nodes", () => {
  it("every key goes, everyone on both nodes is told and disconnected, and nothing of it works again", async () => {
    const { a, b, keyPrefix } = await cluster.start();
    const created = await createWorkshop(a.url, "To be deleted");
    const host = await connectClient(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const people = await Promise.all(
      [a.url, b.url, b.url].map((url, index) =>
        connectClient(url, { joinCode: created.joinCode, displayName: `P${index}` }),
      ),
    );
    cluster.track(host, ...people);
    await host.mirror.until((state) => state.participants.size === 4);
    const poll = await createPoll(host, singleChoice({ anonymous: true }));
    for (const person of people) {
      await person.send("poll:vote", {
        commandId: newCommandId(),
        pollId: poll.pollId,
        ballot: { kind: "single", optionId: "red" },
      });
      await loadBoard(person);
    }
    await ask(people[1] as TestClient, "Will this be kept?", true);
    await sendChat(people[2] as TestClient, "plenary", "Will this chat be kept?");
    expect((await traces(keyPrefix, created.workshopId)).length).toBeGreaterThan(10);

    // Only a facilitator may.
    expect(await people[0]?.send("workshop:delete", { commandId: newCommandId() })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    const told = [host, ...people].map(revocation);
    const deleted = await host.send("workshop:delete", { commandId: newCommandId() }).catch(() => null);
    // The deleting facilitator may be cut off before the ack arrives; the revocation says it worked.
    if (deleted) expect(deleted).toEqual({ ok: true, data: { workshopId: created.workshopId } });
    for (const outcome of await Promise.all(told))
      expect(outcome).toEqual({ reason: "workshop_deleted", disconnected: true });
    expect(await traces(keyPrefix, created.workshopId)).toEqual([]);

    // Nothing works again: the join code, the sessions, a retried delete.
    const joined = await connectClient(b.url, { joinCode: created.joinCode, displayName: "Late" }).catch(
      (error: { data?: { code: string } }) => error.data?.code,
    );
    expect(joined).toBe("INVALID_JOIN_CODE");
    const resumed = await connectClient(a.url, { sessionToken: people[2]?.session.sessionToken as string }).catch(
      (error: { data?: { code: string } }) => error.data?.code,
    );
    expect(resumed).toBe("NOT_FOUND");
    const again = await fetch(`${b.url}/api/workshops/${created.workshopId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${host.session.sessionToken}` },
    });
    expect(again.status).toBe(404);
    expect(await traces(keyPrefix, created.workshopId)).toEqual([]);
  });

  it("after the end, a facilitator deletes it over REST with their session token; others may not", async () => {
    const { a, b, keyPrefix } = await cluster.start();
    const created = await createWorkshop(a.url, "Ended then deleted");
    const host = await connectClient(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const person = await connectClient(b.url, { joinCode: created.joinCode, displayName: "P" });
    cluster.track(host, person);
    expect((await host.send("workshop:end", { commandId: newCommandId() })).ok).toBe(true);
    const remove = (url: string, token: string) =>
      fetch(`${url}/api/workshops/${created.workshopId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await remove(b.url, person.session.sessionToken)).status).toBe(403);
    expect((await fetch(`${b.url}/api/workshops/${created.workshopId}`, { method: "DELETE" })).status).toBe(401);
    expect((await traces(keyPrefix, created.workshopId)).length).toBeGreaterThan(3);
    expect((await remove(b.url, host.session.sessionToken)).status).toBe(204);
    expect(await traces(keyPrefix, created.workshopId)).toEqual([]);
    expect((await remove(a.url, host.session.sessionToken)).status).toBe(404);
  });
});
