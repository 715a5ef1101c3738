import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { WorkshopServer, WorkshopSocket } from "./types.js";

/**
 * A client that stops reading (a frozen tab, a phone whose radio died without closing the
 * connection) makes the server hold everything sent to it: the kernel's buffers fill, then the
 * WebSocket library's, then Engine.IO's packet queue, without end until the ping timeout, and a
 * forum of thousands would carry that for each of them. This job measures what waits for each
 * socket and drops the one past the limit; its client resumes and catches up once it reads again.
 */
export function startSlowClientGuard(
  io: WorkshopServer,
  options: { maxBufferedBytes: number; checkMs: number },
  logger: Logger,
  metrics: Metrics,
) {
  const timer = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      const buffered = bufferedBytes(socket);
      if (buffered <= options.maxBufferedBytes) continue;
      metrics.slowClientsDropped.inc();
      logger.warn(
        { connectionId: socket.data.connectionId, bufferedBytes: buffered },
        "dropped a client that stopped reading",
      );
      socket.disconnect(true);
    }
  }, options.checkMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** What Engine.IO and the WebSocket hold for a socket, not yet handed to the kernel (approximate, in bytes). */
export function bufferedBytes(socket: WorkshopSocket): number {
  // Engine.IO (6.x) keeps these private: its packet queue while the transport is busy, and the
  // `ws` socket under a WebSocket transport. Pinned versions; test/faults checks they still say it.
  const connection = socket.conn as unknown as {
    writeBuffer?: Array<{ data?: unknown }>;
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let bytes = connection.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of connection.writeBuffer ?? []) {
    const { data } = packet;
    bytes += typeof data === "string" ? data.length : data instanceof Uint8Array ? data.byteLength : 16;
  }
  return bytes;
}
