import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../shared/events.js";
import type { HandshakeAuth } from "../../../shared/workshop.js";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket for the page, same origin. `auth` is a callback so that every (re)connect asks
 * for the current credentials: the first join uses the join code or facilitator key, every
 * later attempt the session token and the last applied version.
 */
export function createSocket(currentAuth: () => HandshakeAuth | Record<string, never>): AppSocket {
  return io({
    autoConnect: false,
    transports: ["websocket", "polling"],
    auth: (callback) => callback(currentAuth()),
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
}
