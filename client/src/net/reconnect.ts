import { browserOnline, socketStatus } from "../state/session.js";
import { connection } from "./connectionState.js";

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryCount = 0;

/**
 * Connects again after a growing, jittered pause, for the cases socket.io does not retry by itself
 * (a refused handshake, a disconnect the server asked for).
 */
export function scheduleRetry(): void {
  if (retryTimer !== undefined || connection.stopped) return;
  const delay = Math.min(30_000, 1000 * 2 ** retryCount) * (0.5 + Math.random() / 2);
  retryCount++;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    const { socket } = connection;
    if (!connection.stopped && socket && !socket.connected) socket.connect();
  }, delay);
}

export function clearRetry(): void {
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
}

/** A connection got through: the next trouble starts again from the shortest pause. */
export function resetRetries(): void {
  retryCount = 0;
}

/** The browser's own online flag; coming back online retries at once instead of waiting for the backoff. */
export function watchConnectivity(): void {
  addEventListener("online", () => {
    browserOnline.value = true;
    const { socket } = connection;
    if (connection.stopped || !socket || socket.connected) return;
    clearRetry();
    retryCount = 0;
    if (socketStatus.value === "gaveUp" || !socket.active) socket.connect();
    // Waiting out socket.io's backoff (up to 10 s): start over now instead.
    else socket.disconnect().connect();
  });
  addEventListener("offline", () => {
    browserOnline.value = false;
    // A WebSocket can look open long after the network is gone (until the 45 s heartbeat gives up),
    // and everything sent meanwhile waits in the void. The browser knows better: drop the transport,
    // so the app says "offline" and socket.io reconnects (and resyncs) as soon as it can.
    if (!connection.stopped && connection.socket?.connected) connection.socket.io.engine?.close();
  });
}
