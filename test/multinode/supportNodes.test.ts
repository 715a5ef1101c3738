import { describe, expect, it } from "vitest";
import type { SupportRequestView } from "../../shared/support.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { reportText } from "../helpers/reportWorkshop.js";

const cluster = useTwoNodes();

/** Every message a client receives from now on, as the JSON it came as. */
function record(client: TestClient): Array<{ event: string; json: string }> {
  const received: Array<{ event: string; json: string }> = [];
  client.socket.onAny((event: string, ...args: unknown[]) => received.push({ event, json: JSON.stringify(args) }));
  return received;
}

/** The next `support:changed` a client receives that matches. */
function nextChange(
  client: TestClient,
  matches: (request: SupportRequestView) => boolean,
): Promise<SupportRequestView> {
  return new Promise((resolve) => {
    const listener = ({ request }: { request: SupportRequestView }) => {
      if (!matches(request)) return;
      client.socket.off("support:changed", listener);
      resolve(request);
    };
    client.socket.on("support:changed", listener);
  });
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`refused: ${settled.error.code}`);
  return settled.data;
}

const NOTE = "canary-note-4b1e: the story brought it back";
const FROM_PERSON = "canary-person-77c2: can we talk";
const FROM_LEAD = "canary-lead-19ad: I am here, take your time";

describe("private support on two nodes", () => {
  it("a request reaches every safeguarding lead and no one else; the conversation is the person's and their lead's", async () => {
    const { a, b } = await cluster.start({ LOG_LEVEL: "debug" });
    const world = await workshopWithPeople([a.url, b.url], 6, "Guest");
    cluster.track(world.host, ...world.people);
    const [leadOnA, leadOnB, noteTaker, asker, bystander, coHost] = world.people as [
      TestClient,
      TestClient,
      TestClient,
      TestClient,
      TestClient,
      TestClient,
    ];
    const { host } = world;
    const setRole = (client: TestClient, role: "safeguarding-lead" | "note-taker" | "facilitator") =>
      ok(
        host.send("participant:setRole", {
          commandId: newCommandId(),
          participantId: client.session.participantId,
          role,
        }),
      );
    await setRole(leadOnA, "safeguarding-lead");
    await setRole(leadOnB, "safeguarding-lead");
    await setRole(noteTaker, "note-taker");
    await setRole(coHost, "facilitator");
    await ok(host.send("support:settings", { commandId: newCommandId(), countToFacilitators: true }));
    const round = await planRound(host, [{ name: "Circle of Hope" }]);
    await ok(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [asker.session.participantId, bystander.session.participantId],
        roomId: round.rooms[0]?.roomId ?? null,
      }),
    );
    await openRound(host, round);
    // The role changes reach every node's feed before the request does.
    for (const client of world.people)
      await client.mirror.until(
        (state) => state.participants.get(coHost.session.participantId)?.role === "facilitator",
      );

    const everyone = [host, ...world.people];
    const received = new Map(everyone.map((client) => [client, record(client)]));
    const bothLeadsSee = (status: SupportRequestView["status"]) =>
      Promise.all([leadOnA, leadOnB].map((lead) => nextChange(lead, (request) => request.status === status)));

    const waiting = bothLeadsSee("waiting");
    const asked = await ok(asker.send("support:request", { commandId: newCommandId(), note: NOTE, contact: "app" }));
    for (const request of await waiting) {
      expect(request).toMatchObject({
        requestId: asked.requestId,
        note: NOTE,
        where: "Circle of Hope",
        person: { participantId: asker.session.participantId },
      });
    }
    // A double tap asks once.
    expect((await ok(asker.send("support:request", { commandId: newCommandId(), contact: "room" }))).requestId).toBe(
      asked.requestId,
    );

    const taken = nextChange(asker, (request) => request.status === "taken");
    await ok(leadOnB.send("support:take", { commandId: newCommandId(), requestId: asked.requestId }));
    expect((await taken).lead?.participantId).toBe(leadOnB.session.participantId);
    const second = await leadOnA.send("support:take", { commandId: newCommandId(), requestId: asked.requestId });
    expect(second.ok ? "ok" : second.error.code).toBe("CONFLICT");
    for (const [client, code] of [
      [host, "FORBIDDEN"],
      [bystander, "FORBIDDEN"],
    ] as const) {
      const refused = await client.send("support:take", { commandId: newCommandId(), requestId: asked.requestId });
      expect(refused.ok ? "ok" : refused.error.code).toBe(code);
    }
    // Someone else's request does not exist for a bystander or a facilitator.
    for (const client of [bystander, host, noteTaker]) {
      const message = await client.send("support:message", {
        commandId: newCommandId(),
        requestId: asked.requestId,
        text: "let me in",
      });
      expect(message.ok ? "ok" : message.error.code).toBe("NOT_FOUND");
      expect((await ok(client.send("support:list", {}))).requests).toEqual([]);
    }
    expect((await ok(host.send("support:list", {}))).count).toEqual({ waiting: 0, taken: 1 });

    const leadHears = nextChange(leadOnB, (request) => request.messages.length === 1);
    await ok(
      asker.send("support:message", { commandId: newCommandId(), requestId: asked.requestId, text: FROM_PERSON }),
    );
    expect((await leadHears).messages).toEqual([expect.objectContaining({ from: "person", text: FROM_PERSON })]);
    const askerHears = nextChange(asker, (request) => request.messages.length === 2);
    await ok(
      leadOnB.send("support:message", { commandId: newCommandId(), requestId: asked.requestId, text: FROM_LEAD }),
    );
    expect((await askerHears).messages.map((message) => message.text)).toEqual([FROM_PERSON, FROM_LEAD]);
    const otherLeadList = await ok(leadOnA.send("support:list", {}));
    expect(otherLeadList.requests).toEqual([
      expect.objectContaining({ requestId: asked.requestId, status: "taken", messages: [] }),
    ]);

    const closed = bothLeadsSee("closed");
    await ok(asker.send("support:close", { commandId: newCommandId(), requestId: asked.requestId }));
    expect((await closed).map((request) => request.closedBy)).toEqual(["person", "person"]);
    // The last count reached both facilitators, one on each node.
    for (const facilitator of [host, coHost]) {
      await expect
        .poll(
          () =>
            received
              .get(facilitator)
              ?.filter((entry) => entry.event === "support:count")
              .at(-1)?.json,
        )
        .toBe(JSON.stringify([{ count: { waiting: 0, taken: 0 }, countToFacilitators: true }]));
    }

    // Nobody but the person and the leads received anything of it; the other lead never the conversation.
    const secrets = [NOTE, FROM_PERSON, FROM_LEAD, asked.requestId];
    for (const client of [host, coHost, noteTaker, bystander]) {
      const log = received.get(client) ?? [];
      expect(log.filter((entry) => entry.event === "support:changed")).toEqual([]);
      for (const secret of secrets) expect(log.some((entry) => entry.json.includes(secret))).toBe(false);
      for (const entry of log.filter((item) => item.event === "support:count")) {
        expect(entry.json).not.toContain(asker.session.participantId);
      }
    }
    const otherLead = (received.get(leadOnA) ?? []).map((entry) => entry.json).join("\n");
    expect(otherLead).toContain(NOTE);
    expect(otherLead).not.toContain(FROM_PERSON);
    expect(otherLead).not.toContain(FROM_LEAD);

    // Not in any report or export, and not in the logs at debug level.
    const workshopId = host.session.workshopId;
    const token = host.session.sessionToken;
    const downloads = await Promise.all([
      ...(["md", "html", "json", "csv"] as const).map((format) => reportText(a.url, workshopId, token, format)),
      ...(["json", "csv"] as const).map(async (format) => {
        const response = await fetch(`${b.url}/api/workshops/${workshopId}/qna/export?format=${format}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        return response.text();
      }),
    ]);
    const logs = a.output() + b.output();
    expect(logs).toContain('"command":"support:message"');
    for (const text of [...downloads, logs]) {
      for (const secret of [NOTE, FROM_PERSON, FROM_LEAD, asker.session.displayName]) {
        expect(text.includes(secret)).toBe(false);
      }
    }
  });
});
