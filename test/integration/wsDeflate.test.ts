import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { connectClient, createWorkshop, type TestClient } from "../helpers/client.js";
import { serverForThisTest } from "../helpers/server.js";

/** The extensions the server accepted on a plain WebSocket to Engine.IO (what a browser's offer gets), as it wrote them. */
async function negotiatedExtensions(url: string): Promise<string> {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once("upgrade", (response) => resolve(String(response.headers["sec-websocket-extensions"] ?? "")));
      socket.once("error", reject);
    });
  } finally {
    socket.close();
  }
}

/** Bytes the client's TCP socket has read so far (WebSocket frames as sent, compressed or not). */
function bytesRead(client: TestClient): number {
  const transport = client.socket.io.engine.transport as unknown as { ws?: { _socket?: { bytesRead: number } } };
  const read = transport.ws?._socket?.bytesRead;
  if (read === undefined) throw new Error("no WebSocket under the client");
  return read;
}

/** A workshop of `people` on a fresh server with `env`; what a co-facilitator's join cost in bytes, and the extensions. */
async function facilitatorJoin(env: Record<string, string>, people: number) {
  const server = await serverForThisTest({ env });
  const created = await createWorkshop(server.url);
  await Promise.all(
    Array.from({ length: people }, (_, index) =>
      connectClient(server.url, { joinCode: created.joinCode, displayName: `Participant number ${index}` }),
    ),
  );
  // Staff see every name: their snapshot grows with the forum (a participant's does not, under the private roster).
  const newcomer = await connectClient(
    server.url,
    { facilitatorKey: created.facilitatorKey, displayName: "Co-facilitator" },
    { reconnection: false },
  );
  // The same messages either way before counting: the snapshot, then the batches that bring
  // everyone's presence (the last joins' may still be on their way when the snapshot was read).
  await newcomer.mirror.until(
    (state) =>
      state.participants.size === people + 1 && [...state.participants.values()].every((person) => person.online),
  );
  return { extensions: await negotiatedExtensions(server.url), read: bytesRead(newcomer) };
}

describe("WebSocket compression (WS_DEFLATE_THRESHOLD_BYTES)", () => {
  it("off by default; when set, permessage-deflate is negotiated without context takeover and a large snapshot arrives in fewer bytes", async () => {
    const plain = await facilitatorJoin({}, 40);
    const deflated = await facilitatorJoin({ WS_DEFLATE_THRESHOLD_BYTES: "2048" }, 40);
    expect(plain.extensions).toBe("");
    expect(deflated.extensions).toMatch(/^permessage-deflate/);
    expect(deflated.extensions).toContain("server_no_context_takeover");
    // 41 names and the rest of the snapshot, deflated: well under half of the plain frames.
    expect(deflated.read).toBeLessThan(plain.read / 2);
  });
});
