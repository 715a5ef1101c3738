import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, createWorkshop, newCommandId } from "../helpers/client.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis", env: { LOG_LEVEL: "debug" } });
});
afterAll(() => server.close());

describe("observability", () => {
  it("healthz is alive, readyz names the store", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "alive" });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: "ready", store: "redis" });
  });

  it("metrics count connections, commands by name and outcome, and command latency", async () => {
    const created = await createWorkshop(server.url);
    const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    await host.send("workshop:sync", {});
    await host.send("participant:remove", { commandId: newCommandId(), participantId: "p000000000000000" });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^workshop_connections 1$/m);
    expect(text).toContain('workshop_commands_total{command="workshop:sync",outcome="ok"} 1');
    expect(text).toContain('workshop_commands_total{command="participant:remove",outcome="NOT_FOUND"} 1');
    expect(text).toMatch(/workshop_command_duration_seconds_bucket\{le="0\.1",command="workshop:sync"\} 1/);
    expect(text).toContain('workshop_handshakes_total{outcome="ok"}');
    expect(text).toMatch(/^workshop_resyncs_total\{kind="snapshot"\} [1-9]/m);
    expect(text).toMatch(/^workshop_store_up 1$/m);
    expect(text).toMatch(/^workshop_store_call_duration_seconds_count\{answered="true"\} [1-9]/m);
    // The process's own, under the names dashboards expect.
    for (const name of [
      "process_cpu_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(text).toMatch(new RegExp(`^${name} `, "m"));
    }
    // Every sample line parses as Prometheus text: a name, optional labels, a number.
    for (const line of text.split("\n").filter((entry) => entry && !entry.startsWith("#"))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/);
    }
    // Every log line says which node wrote it.
    expect(server.logLines.length).toBeGreaterThan(0);
    for (const line of server.logLines) expect(JSON.parse(line)).toHaveProperty("nodeId");
    host.close();
  });

  it("logs never contain display names, titles, join codes, session tokens or facilitator keys", async () => {
    const canary = "Canary\u00e9Zq81";
    const created = await createWorkshop(server.url, `Title ${canary}`);
    const host = await connectClient(server.url, {
      facilitatorKey: created.facilitatorKey,
      displayName: `Host ${canary}`,
    });
    const guest = await connectClient(server.url, { joinCode: created.joinCode, displayName: `Guest ${canary}` });
    await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: guest.session.participantId,
      role: "note-taker",
    });
    await host.send("participant:remove", { commandId: newCommandId(), participantId: guest.session.participantId });
    const refused = await connectClient(server.url, { sessionToken: guest.session.sessionToken }).catch(() => null);
    expect(refused).toBeNull();
    host.close();
    // The join link (its path carries the join code) and a report's query are asked for over HTTP too.
    await fetch(`${server.url}/join/${created.joinCode}?from=${canary}`);
    await fetch(`${server.url}/api/workshops/${created.workshopId}/report?format=md&timeZone=${canary}`, {
      headers: { authorization: `Bearer ${host.session.sessionToken}` },
    });
    const logs = server.logLines.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    // Access lines exist, without paths that could carry a secret.
    expect(logs).toContain('"path":"app page"');
    expect(logs).toContain(`"path":"/api/workshops/${created.workshopId}/report"`);
    for (const secret of [
      canary,
      created.joinCode,
      created.facilitatorKey,
      host.session.sessionToken,
      guest.session.sessionToken,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
