import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import type { Stores } from "../store/stores.js";

/**
 * Who is online: each connection opened and closed in the store (the first and the last of a
 * person log their presence), at most `maxConnections` per person at once.
 */
export class PresenceService {
  /** Closes waiting for the next turn of the loop, per workshop. */
  private readonly closing = new Map<WorkshopId, { connectionIds: string[]; written: Promise<void> }>();

  constructor(
    private readonly stores: Pick<Stores, "presence">,
    private readonly maxConnections: number,
  ) {}

  /** The clear refusal at the door; the exact limit holds when the connection is opened. */
  async admitAnother(workshopId: WorkshopId, participantId: ParticipantId): Promise<void> {
    if ((await this.stores.presence.connectionCount(workshopId, participantId)) >= this.maxConnections) {
      throw new DomainError(
        "TOO_MANY_CONNECTIONS",
        `at most ${this.maxConnections} open connections per person: close another tab or device`,
      );
    }
  }

  /** False (nothing written) when the person already holds the most connections allowed. */
  open(workshopId: WorkshopId, participantId: ParticipantId, connectionId: string): Promise<boolean> {
    return this.stores.presence.connect(workshopId, {
      participantId,
      connectionId,
      maxConnections: this.maxConnections,
    });
  }

  /**
   * Closes one connection. The closes of one workshop that come in the same turn of the event
   * loop are written together (one script per 500): when a node's sockets all drop at once (the
   * forum's end, a network blip), 2,500 closes were 2,500 scripts, and under that load some
   * passed their deadline.
   */
  close(workshopId: WorkshopId, connectionId: string): Promise<void> {
    let batch = this.closing.get(workshopId);
    if (!batch) {
      const connectionIds: string[] = [];
      const written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.closing.delete(workshopId);
        return this.stores.presence.disconnect(workshopId, connectionIds);
      });
      batch = { connectionIds, written };
      this.closing.set(workshopId, batch);
    }
    batch.connectionIds.push(connectionId);
    return batch.written;
  }
}
