import { randomBytes } from "node:crypto";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import { DomainError } from "../../domain/errors.js";
import type { RedisCore } from "../redis/core.js";
import { EVENT_LOG_CAP } from "../workshop/port.js";
import type { ConnectionOpen, PresenceStore } from "./port.js";
import { announceScript, connectScript, disconnectScript } from "./scripts.js";

/** The most connections one disconnect script closes. */
const DISCONNECTS_PER_SCRIPT = 500;

/** Open connections and node liveness in Redis: a hash of connections, a count per person, a heartbeat set. */
export class RedisPresenceStore implements PresenceStore {
  constructor(private readonly core: RedisCore) {}

  async connect(workshopId: WorkshopId, connection: ConnectionOpen): Promise<boolean> {
    const keys = this.core.keys(workshopId);
    await this.core.rememberNodeWorkshop(connection.connectionId, workshopId);
    const reply = await this.core.run(
      connectScript,
      [keys.meta, keys.version, keys.log, keys.connections, keys.onlineCounts],
      [
        keys.changes,
        EVENT_LOG_CAP,
        connection.connectionId,
        connection.participantId,
        connection.maxConnections ?? Number.MAX_SAFE_INTEGER,
      ],
    );
    return Number(reply) !== -2;
  }

  async disconnect(workshopId: WorkshopId, connectionIds: readonly string[]): Promise<void> {
    const keys = this.core.keys(workshopId);
    // In slices: one script holds Redis for all it closes (a few microseconds each).
    for (let start = 0; start < connectionIds.length; start += DISCONNECTS_PER_SCRIPT) {
      await this.core.run(
        disconnectScript,
        [keys.meta, keys.version, keys.log, keys.connections, keys.onlineCounts],
        [keys.changes, EVENT_LOG_CAP, ...connectionIds.slice(start, start + DISCONNECTS_PER_SCRIPT)],
      );
    }
  }

  async announce(workshopId: WorkshopId, participantId: ParticipantId): Promise<void> {
    const keys = this.core.keys(workshopId);
    await this.core.run(
      announceScript,
      [keys.meta, keys.version, keys.log, keys.onlineCounts],
      [keys.changes, EVENT_LOG_CAP, participantId],
    );
  }

  async connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number> {
    const keys = this.core.keys(workshopId);
    return Number((await this.core.bounded(this.core.client.hGet(keys.onlineCounts, participantId))) ?? 0);
  }

  async reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number> {
    const { client, global } = this.core;
    const workshopsKey = global.nodeWorkshops(nodeId);
    const workshopIds = await this.core.bounded(client.sMembers(workshopsKey));
    let reaped = 0;
    for (const workshopId of workshopIds) {
      const connectionIds = await this.core.bounded(client.hKeys(this.core.keys(workshopId).connections));
      const closing = connectionIds.filter(
        (connectionId) => connectionId.startsWith(`${nodeId}/`) && !keep?.(connectionId),
      );
      // All of a workshop's at once: a dead node's 2,500 people come back offline in a few scripts.
      await this.disconnect(workshopId, closing);
      reaped += closing.length;
    }
    // Two commands, not one MULTI: on a Redis Cluster the two keys live in different slots. The
    // list goes first, so a reaper that stops in between leaves the node listed, and the next
    // reap (finding no workshops) finishes the job.
    if (!keep) {
      await this.core.bounded(client.del(workshopsKey));
      await this.core.bounded(client.zRem(global.nodes, nodeId));
    }
    return reaped;
  }

  async heartbeat(nodeId: string, now: number): Promise<boolean> {
    // ZADD answers how many members it added: 1 when the node was not listed.
    return (
      (await this.core.bounded(this.core.client.zAdd(this.core.global.nodes, { score: now, value: nodeId }))) === 1
    );
  }

  async deadNodes(olderThan: number): Promise<string[]> {
    return this.core.bounded(this.core.client.zRangeByScore(this.core.global.nodes, 0, olderThan - 1));
  }

  async storeEpoch(): Promise<string> {
    const { client, global } = this.core;
    // SET NX then GET: whichever node makes it first, every node reads the same id.
    await this.core.bounded(client.set(global.storeEpoch, randomBytes(12).toString("base64url"), { NX: true }));
    const epoch = await this.core.bounded(client.get(global.storeEpoch));
    if (epoch === null) throw new DomainError("UNAVAILABLE", "the store's epoch vanished while it was read");
    return epoch;
  }

  forgetWorkshop(workshopId: WorkshopId): Promise<void> {
    return this.core.forgetNodeWorkshops(workshopId);
  }
}
