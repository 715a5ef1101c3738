import type { Logger } from "../logger.js";
import { refusal } from "./handshake.js";
import { whenAnswered } from "./inflight.js";
import type { WorkshopServer, WorkshopSocket } from "./types.js";

/**
 * Shutting a node down without dropping anyone's work (SIGTERM in a rolling restart): from the
 * first moment `/readyz` says not ready (the balancer stops sending people here) and new
 * sockets are refused with UNAVAILABLE (a client tries again, and lands elsewhere); each open
 * socket is closed once the commands it sent are answered, at the transport, so its client
 * reconnects by itself (to another node) and catches up with what it missed; a command still
 * on the wire is sent again by the client with its commandId and applied once. Bounded by
 * `graceMs`: a stuck command cannot hold the node.
 */
export class Drain {
  private startedAt: number | null = null;

  constructor(
    private readonly io: WorkshopServer,
    private readonly logger: Logger,
  ) {}

  get draining(): boolean {
    return this.startedAt !== null;
  }

  /** An io middleware, first in line: no new socket while draining. */
  readonly refuseNewSockets = (_socket: WorkshopSocket, next: (error?: Error) => void): void => {
    if (this.draining) next(refusal("UNAVAILABLE", "this node is shutting down; connect again"));
    else next();
  };

  /** Moves everyone off this node; resolves when no socket is left or `graceMs` passed. */
  async run(graceMs: number): Promise<void> {
    if (this.startedAt !== null) return;
    const startedAt = Date.now();
    this.startedAt = startedAt;
    const sockets = [...this.io.of("/").sockets.values()];
    this.logger.info({ sockets: sockets.length, graceMs }, "draining: not ready, moving every connection");
    for (const socket of sockets) whenAnswered(socket, graceMs, () => socket.conn.close());
    while (this.io.of("/").sockets.size > 0 && Date.now() - startedAt < graceMs) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    this.logger.info(
      { left: this.io.of("/").sockets.size, tookMs: Date.now() - startedAt },
      "drained: every connection moved or the grace time passed",
    );
  }
}
