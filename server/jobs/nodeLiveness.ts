import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import type { Stores } from "../store/stores.js";

export interface NodeLivenessOptions {
  heartbeatMs: number;
  /** A node silent for this long is dead: its connections are closed by whoever notices first. */
  deadAfterMs: number;
  /** Open connections one person may hold at once (re-asserting one never goes past it). */
  maxConnections: number;
  /** Checked with every beat: whether the store lost its data since the last one. */
  storeEpoch?: { check(): Promise<boolean> };
}

/** One socket this node holds, as presence knows it. */
export interface LocalConnection {
  workshopId: WorkshopId;
  participantId: ParticipantId;
  /** `<nodeId>/<socketId>`. */
  connectionId: string;
}

/** What the job needs to know of this node's sockets. */
export interface LocalSockets {
  /** Whether a connection id is one of this node's open sockets (to repair disconnects the store missed). */
  isLive(connectionId: string): boolean;
  /** Every socket this node holds now. */
  all(): Iterable<LocalConnection>;
  /** Closes one socket (its client resumes, on this node or another). */
  drop(connectionId: string): void;
}

/**
 * Presence lives in the store, so a node that dies (kill -9) leaves its connections marked
 * open. Every node beats a heartbeat and reaps the connections of nodes that stopped beating;
 * reaping is idempotent, so two nodes doing it at once is harmless.
 *
 * A node that was only paused (SIGSTOP, a long GC, a VM migration) past the dead-after time
 * comes back to find itself reaped: its people, still connected to it, marked offline. Its next
 * beat says so (the heartbeat was no longer listed), and it opens every socket it holds again
 * in the store (idempotent per connection); a socket refused there (the person reached their
 * connection limit elsewhere meanwhile) is closed so its client resumes.
 */
export function startNodeLiveness(
  stores: Stores,
  nodeId: string,
  options: NodeLivenessOptions,
  logger: Logger,
  sockets: LocalSockets,
) {
  let beats = 0;
  /** Declared dead while paused: open every socket again, on this beat and the next ones until done. */
  let reassertDue = false;
  /** Connections found missing on the last repair pass: reaped only if still missing on the next. */
  let suspects = new Set<string>();
  const beat = async () => {
    try {
      await options.storeEpoch?.check();
      const now = Date.now();
      const unlisted = await stores.presence.heartbeat(nodeId, now);
      // The first beat of a new node is unlisted too; it holds no sockets yet.
      if (unlisted && beats > 0) reassertDue = true;
      if (reassertDue) reassertDue = !(await reassert());
      // Every few beats, close what the store still thinks is open here but is not.
      if (++beats % 6 === 0) {
        // A handshake stores its connection before the socket is listed, and a socket can
        // connect while the pass runs: only what is missing on two passes in a row is stale.
        const missingNow = new Set<string>();
        const repaired = await stores.presence.reapNode(nodeId, (connectionId) => {
          if (sockets.isLive(connectionId)) return true;
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
  /** True when every socket is open in the store again (or closed); false: try again next beat. */
  const reassert = async (): Promise<boolean> => {
    let reopened = 0;
    let dropped = 0;
    let complete = true;
    for (const { workshopId, participantId, connectionId } of [...sockets.all()]) {
      try {
        const open = await stores.presence.connect(workshopId, {
          participantId,
          connectionId,
          maxConnections: options.maxConnections,
        });
        if (open) reopened++;
        else {
          sockets.drop(connectionId);
          dropped++;
        }
      } catch (error) {
        // A workshop deleted meanwhile: the feed is closing its sockets. Anything else: retry.
        if (!(error instanceof DomainError && error.code === "NOT_FOUND")) complete = false;
      }
    }
    logger.warn(
      { reopened, dropped, complete },
      "this node was declared dead while paused; its connections are open again",
    );
    return complete;
  };
  void beat();
  const timer = setInterval(() => void beat(), options.heartbeatMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
