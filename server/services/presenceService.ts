import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import type { Stores } from "../store/stores.js";

/**
 * Who is online: each connection opened and closed in the store (the first and the last of a
 * person log their presence), at most `maxConnections` per person at once.
 */
export class PresenceService {
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

  close(workshopId: WorkshopId, connectionId: string): Promise<void> {
    return this.stores.presence.disconnect(workshopId, connectionId);
  }
}
