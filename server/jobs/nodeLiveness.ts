import type { Logger } from "../logger.js";
import type { Stores } from "../store/stores.js";

export interface NodeLivenessOptions {
  heartbeatMs: number;
  /** A node silent for this long is dead: its connections are closed by whoever notices first. */
  deadAfterMs: number;
}

/**
 * Presence lives in the store, so a node that dies (kill -9) leaves its connections marked
 * open. Every node beats a heartbeat and reaps the connections of nodes that stopped beating;
 * reaping is idempotent, so two nodes doing it at once is harmless.
 */
export function startNodeLiveness(
  stores: Stores,
  nodeId: string,
  options: NodeLivenessOptions,
  logger: Logger,
  /** Whether a connection id is one of this node's open sockets, to repair disconnects the store missed. */
  isLiveConnection: (connectionId: string) => boolean,
) {
  let beats = 0;
  /** Connections found missing on the last repair pass: reaped only if still missing on the next. */
  let suspects = new Set<string>();
  const beat = async () => {
    try {
      const now = Date.now();
      await stores.presence.heartbeat(nodeId, now);
      // Every few beats, close what the store still thinks is open here but is not.
      if (++beats % 6 === 0) {
        // A handshake stores its connection before the socket is listed, and a socket can
        // connect while the pass runs: only what is missing on two passes in a row is stale.
        const missingNow = new Set<string>();
        const repaired = await stores.presence.reapNode(nodeId, (connectionId) => {
          if (isLiveConnection(connectionId)) return true;
          missingNow.add(connectionId);
          return !suspects.has(connectionId);
        });
        suspects = missingNow;
        if (repaired > 0) logger.info({ repaired }, "closed connections whose disconnect was missed");
      }
      for (const deadNodeId of await stores.presence.deadNodes(now - options.deadAfterMs)) {
        if (deadNodeId === nodeId) continue;
        const reaped = await stores.presence.reapNode(deadNodeId);
        logger.info({ deadNodeId, reaped }, "reaped connections of a dead node");
      }
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "heartbeat failed");
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), options.heartbeatMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
