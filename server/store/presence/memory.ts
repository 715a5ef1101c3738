import { randomBytes } from "node:crypto";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { UnversionedEvent } from "../../../shared/workshop.js";
import { type MemoryCore, WorkshopSlices } from "../memory/core.js";
import type { ConnectionOpen, PresenceStore } from "./port.js";

interface PresenceSlice {
  /** `<nodeId>/<socketId>` -> person. */
  connections: Map<string, ParticipantId>;
  onlineCounts: Map<ParticipantId, number>;
}

/** Open connections and node liveness in this process. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly slices: WorkshopSlices<PresenceSlice>;
  private readonly nodes = new Map<string, number>();
  private readonly epoch = randomBytes(12).toString("base64url");

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({ connections: new Map(), onlineCounts: new Map() }));
  }

  async connect(workshopId: WorkshopId, connection: ConnectionOpen): Promise<boolean> {
    const state = this.core.require(workshopId);
    const { connections, onlineCounts } = this.slices.slice(workshopId);
    const { participantId, connectionId } = connection;
    if (connections.has(connectionId)) return true;
    if ((onlineCounts.get(participantId) ?? 0) >= (connection.maxConnections ?? Number.MAX_SAFE_INTEGER)) return false;
    if (this.opened(workshopId, participantId, connectionId) === 1) {
      this.core.append(state, [{ type: "participant:presence", participantId, online: true }]);
    }
    return true;
  }

  /**
   * Counts one connection open without logging (the join logs it with the person); the person's
   * open connections after it. For the workshop store's joins.
   */
  opened(workshopId: WorkshopId, participantId: ParticipantId, connectionId: string): number {
    const { connections, onlineCounts } = this.slices.slice(workshopId);
    if (connections.has(connectionId)) return onlineCounts.get(participantId) ?? 0;
    connections.set(connectionId, participantId);
    const count = (onlineCounts.get(participantId) ?? 0) + 1;
    onlineCounts.set(participantId, count);
    return count;
  }

  isOnline(workshopId: WorkshopId, participantId: ParticipantId): boolean {
    return (this.slices.peek(workshopId)?.onlineCounts.get(participantId) ?? 0) > 0;
  }

  async disconnect(workshopId: WorkshopId, connectionIds: readonly string[]): Promise<void> {
    const state = this.core.workshops.get(workshopId);
    const slice = this.slices.peek(workshopId);
    if (!state || !slice) return;
    const offline: UnversionedEvent[] = [];
    for (const connectionId of connectionIds) {
      const participantId = slice.connections.get(connectionId);
      if (!participantId) continue;
      slice.connections.delete(connectionId);
      const count = (slice.onlineCounts.get(participantId) ?? 1) - 1;
      if (count > 0) slice.onlineCounts.set(participantId, count);
      else {
        slice.onlineCounts.delete(participantId);
        offline.push({ type: "participant:presence", participantId, online: false });
      }
    }
    if (offline.length > 0) this.core.append(state, offline);
  }

  async announce(workshopId: WorkshopId, participantId: ParticipantId): Promise<void> {
    const state = this.core.require(workshopId);
    this.core.append(state, [
      { type: "participant:presence", participantId, online: this.isOnline(workshopId, participantId) },
    ]);
  }

  async connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number> {
    return this.slices.peek(workshopId)?.onlineCounts.get(participantId) ?? 0;
  }

  async reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number> {
    let reaped = 0;
    for (const workshopId of this.core.workshops.keys()) {
      const closing = [...(this.slices.peek(workshopId)?.connections.keys() ?? [])].filter(
        (connectionId) => connectionId.startsWith(`${nodeId}/`) && !keep?.(connectionId),
      );
      await this.disconnect(workshopId, closing);
      reaped += closing.length;
    }
    if (!keep) this.nodes.delete(nodeId);
    return reaped;
  }

  async heartbeat(nodeId: string, now: number): Promise<boolean> {
    const listed = this.nodes.has(nodeId);
    this.nodes.set(nodeId, now);
    return !listed;
  }

  /** This process's data cannot be lost without the process: one id for its life. */
  async storeEpoch(): Promise<string> {
    return this.epoch;
  }

  async deadNodes(olderThan: number): Promise<string[]> {
    return [...this.nodes].filter(([, seen]) => seen < olderThan).map(([nodeId]) => nodeId);
  }

  /** One process: its connections of a deleted workshop went with the workshop (WorkshopSlices). */
  async forgetWorkshop(): Promise<void> {}
}
