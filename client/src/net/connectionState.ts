import type { HandshakeAuth } from "../../../shared/workshop.js";
import type { AppSocket } from "./socket.js";

/** First way in (join code or facilitator key); the session token replaces it after `session:ready`. */
export type FirstAuth = Exclude<HandshakeAuth, { sessionToken: string }>;

/**
 * What every part of this tab's connection reads: the one socket, how it gets in, whether the
 * session is over, and which connection an answer belongs to. One object, so that the modules
 * that share it (connect, resync, fetches, ending) all see the same values.
 */
export const connection: {
  socket: AppSocket | null;
  firstAuth: FirstAuth | null;
  /** The session is over in this tab (left, removed, ended): never reconnect. */
  stopped: boolean;
  /** Bumped on every (dis)connection: an answer that arrives for an older connection is dropped. */
  epoch: number;
  /** A resync is in flight: batches are held until it is done, and room fetches wait for it. */
  syncing: boolean;
} = { socket: null, firstAuth: null, stopped: false, epoch: 0, syncing: false };
