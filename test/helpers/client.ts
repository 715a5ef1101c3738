import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { onTestFinished, TestRunner } from "vitest";
import type {
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResult,
  ServerEventPayload,
  ServerToClientEvents,
} from "../../shared/events.js";
import type { Ack } from "../../shared/protocol.js";
import type { HandshakeAuth, ParticipantView, SessionView } from "../../shared/workshop.js";
import { WorkshopMirror } from "./mirror.js";

export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestClient {
  socket: TypedSocket;
  session: SessionView;
  /** The client's copy of the workshop, kept by the same rules a browser follows. */
  mirror: WorkshopMirror;
  send<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<Ack<CommandResult<C>>>;
  /** Closes it now (a test that needs it gone mid-way); every client is closed when its test ends anyway. */
  close(): void;
}

/**
 * Closes the socket when the running test ends, passed or failed, so a failing test leaves no
 * client reconnecting behind it. Made outside a test (a file's beforeAll) there is no test to
 * end: the afterAll of that file closes it.
 */
function closeWhenTestEnds(socket: TypedSocket): void {
  if (!TestRunner.getCurrentTest()) return;
  onTestFinished(() => {
    socket.close();
  });
}

export async function createWorkshop(url: string, title = "Test workshop") {
  const response = await fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status}`);
  return (await response.json()) as { workshopId: string; joinCode: string; facilitatorKey: string };
}

export const newCommandId = () => randomUUID();

/** Raw socket: connects or rejects with the connect_error (for refusal tests). Closed when the test ends. */
export function openSocket(
  url: string,
  auth: HandshakeAuth | Record<string, unknown>,
  extra: { extraHeaders?: Record<string, string>; transports?: ("websocket" | "polling")[] } = {},
): TypedSocket {
  const socket = io(url, {
    auth,
    transports: extra.transports ?? ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: extra.extraHeaders,
  }) as TypedSocket;
  closeWhenTestEnds(socket);
  return socket;
}

export function connectError(socket: TypedSocket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, expected a refusal")));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(error as Error & { data?: { code: string } });
    });
  });
}

/**
 * A real socket.io-client that joins, resumes with its token on every reconnect (to any of
 * `urls`), and keeps a mirror of the workshop. Resolves once the first session:ready arrived;
 * rejects with the connect_error of a refused handshake (the socket closed). Closed when the test ends.
 */
export async function connectClient(
  urls: string | string[],
  auth: HandshakeAuth,
  options: { reconnection?: boolean } = {},
): Promise<TestClient> {
  const targets = Array.isArray(urls) ? urls : [urls];
  const mirror = new WorkshopMirror();
  let session: SessionView | undefined;
  let attempt = 0;
  const socket = io(targets[0], {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: (cb) => cb(session ? { sessionToken: session.sessionToken, sinceVersion: mirror.version } : auth),
  }) as TypedSocket;
  closeWhenTestEnds(socket);
  // Spread reconnects over the nodes, as a load balancer would after a node died.
  socket.io.on("reconnect_attempt", () => {
    attempt++;
    const next = targets[attempt % targets.length] ?? targets[0];
    (socket.io as unknown as { uri: string }).uri = next as string;
    (socket.io.opts as { hostname?: string; port?: string }).port = new URL(next as string).port;
  });
  mirror.attach(socket);
  const send = <C extends CommandName>(name: C, payload: CommandPayload<C>) =>
    (socket.timeout(10_000) as unknown as Socket).emitWithAck(name, payload) as Promise<Ack<CommandResult<C>>>;
  mirror.resync = async (sinceVersion) => {
    const response = await send("workshop:sync", sinceVersion === undefined ? {} : { sinceVersion }).catch(() => null);
    return response?.ok ? response.data : null;
  };
  mirror.fetchRoom = async (roundId, roomId) => {
    const response = await send("breakout:room", { roundId, roomId }).catch(() => null);
    return response?.ok ? response.data : null;
  };
  const ready = await new Promise<ServerEventPayload<"session:ready">>((resolve, reject) => {
    socket.once("session:ready", resolve);
    socket.once("connect_error", (error) => {
      // Refused: nobody holds this socket, so it must not go on trying to reconnect.
      socket.close();
      reject(error);
    });
  });
  session = ready.session;
  return {
    socket,
    session,
    mirror,
    send,
    close: () => socket.close(),
  };
}

export function namesOf(participants: Iterable<ParticipantView>): string[] {
  return [...participants].map((participant) => participant.displayName).sort();
}
