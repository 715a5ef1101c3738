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
 * rejects with the connect_error of a refused handshake (the socket closed). Closed when the test
 * ends, unless `keptAcrossTests` (a client a file shares between its tests; the file closes it).
 */
/** Handshake refusals after which a session is over: it must not try again. */
const FINAL_REFUSALS = new Set([
  "SESSION_REVOKED",
  "WORKSHOP_ENDED",
  "NOT_FOUND",
  "UNAUTHORIZED",
  "PROTOCOL_MISMATCH",
  "BAD_REQUEST",
]);

export async function connectClient(
  urls: string | string[],
  auth: HandshakeAuth,
  options: {
    reconnection?: boolean;
    keptAcrossTests?: boolean;
    /** Told every event this socket receives and every answer to its commands, from the first (privacy tests). */
    capture?: (name: string, payload: unknown) => void;
    /**
     * Starts with the people list open (`watchRoster`: every person of an open roster, live), as
     * most tests of who sees whom assume; false: as a phone that never opens it (the default of
     * the protocol and the browser).
     */
    watchRoster?: boolean;
  } = {},
): Promise<TestClient> {
  const targets = Array.isArray(urls) ? urls : [urls];
  const mirror = new WorkshopMirror();
  mirror.state.watchesRoster = options.watchRoster ?? true;
  let session: SessionView | undefined;
  let attempt = 0;
  const socket = io(targets[0], {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: (cb) => {
      const watchRoster = mirror.state.watchesRoster;
      cb(
        session
          ? { sessionToken: session.sessionToken, sinceVersion: mirror.version, watchRoster }
          : { watchRoster, ...auth },
      );
    },
  }) as TypedSocket;
  if (!options.keptAcrossTests) closeWhenTestEnds(socket);
  const { capture } = options;
  if (capture) socket.onAny((name: string, payload: unknown) => capture(name, payload));
  // Spread reconnects over the nodes, as a load balancer would after a node died.
  socket.io.on("reconnect_attempt", () => {
    attempt++;
    const next = targets[attempt % targets.length] ?? targets[0];
    (socket.io as unknown as { uri: string }).uri = next as string;
    (socket.io.opts as { hostname?: string; port?: string }).port = new URL(next as string).port;
  });
  mirror.attach(socket);
  const send = async <C extends CommandName>(name: C, payload: CommandPayload<C>) => {
    const answer = (await (socket.timeout(10_000) as unknown as Socket).emitWithAck(name, payload)) as Ack<
      CommandResult<C>
    >;
    capture?.(`answer to ${name}`, answer);
    return answer;
  };
  mirror.resync = async (sinceVersion) => {
    const response = await send("workshop:sync", sinceVersion === undefined ? {} : { sinceVersion }).catch(() => null);
    return response?.ok ? response.data : null;
  };
  mirror.askRoster = async (watching) => {
    const response = await send("roster:watch", { watching }).catch(() => null);
    return response?.ok ? response.data : null;
  };
  mirror.fetchRoom = async (roundId, roomId) => {
    const response = await send("breakout:room", { roundId, roomId }).catch(() => null);
    return response?.ok ? response.data : null;
  };
  const ready = await new Promise<ServerEventPayload<"session:ready">>((resolve, reject) => {
    const refused = (error: Error) => {
      socket.off("session:ready", admitted);
      // Refused: nobody holds this socket, so it must not go on trying to reconnect.
      socket.close();
      reject(error);
    };
    // Only the first connection decides: a later refusal is a resume's, handled below.
    const admitted = (payload: ServerEventPayload<"session:ready">) => {
      socket.off("connect_error", refused);
      resolve(payload);
    };
    socket.once("session:ready", admitted);
    socket.once("connect_error", refused);
  });
  session = ready.session;
  let closedByTest = false;
  const close = socket.close.bind(socket);
  socket.close = () => {
    closedByTest = true;
    return close();
  };
  // socket.io does not retry a disconnect the server asked for (a dropped slow reader, a node
  // shutting down); the browser does, unless the session was revoked.
  socket.on("disconnect", (reason) => {
    if (reason !== "io server disconnect" || mirror.revoked !== null) return;
    setTimeout(() => {
      if (!socket.active && socket.io.opts.reconnection !== false && !closedByTest) socket.connect();
    }, 200);
  });
  // After a refused resume, socket.io stops trying: like the browser (client/src/net/connectErrors.ts),
  // try again after a passing refusal (the store away, a limit), and stop for good after a final one.
  socket.on("connect_error", (error) => {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (code !== undefined && FINAL_REFUSALS.has(code)) return;
    setTimeout(() => {
      if (!socket.active && socket.io.opts.reconnection !== false && !closedByTest) socket.connect();
    }, 200);
  });
  return {
    socket,
    session,
    mirror,
    send,
    close: () => socket.close(),
  };
}

/** The data of an accepted answer; a refusal throws with its code (tests that expect the command to pass). */
export async function accepted<T>(
  answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>,
): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`refused: ${settled.error.code}`);
  return settled.data;
}

export function namesOf(participants: Iterable<ParticipantView>): string[] {
  return [...participants].map((participant) => participant.displayName).sort();
}
