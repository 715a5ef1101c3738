import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";

/** One connection opening, of one person. */
export interface ConnectionOpen {
  participantId: ParticipantId;
  /** `<nodeId>/<socketId>`: lets a surviving node close it if its node dies. */
  connectionId: string;
  /** Open connections the person may hold at once; one more is refused (nothing written). */
  maxConnections?: number;
}

/**
 * Who is online: a workshop's open connections and each person's count (the first opening and
 * the last closing log `participant:presence`), and the liveness of server nodes, so survivors
 * can close the connections of a node that died.
 */
export interface PresenceStore {
  /** Marks one connection open; false (nothing written) when the person already holds maxConnections. */
  connect(workshopId: WorkshopId, connection: ConnectionOpen): Promise<boolean>;
  /**
   * Closes connections of one workshop (one or many at once). Idempotent per connection; a
   * person's last connection closing appends `participant:presence` offline.
   */
  disconnect(workshopId: WorkshopId, connectionIds: readonly string[]): Promise<void>;
  /**
   * Logs `participant:presence` with the person's presence now, atomically with reading it: for
   * people who come to see someone (listed, made staff) and never received their presence.
   */
  announce(workshopId: WorkshopId, participantId: ParticipantId): Promise<void>;
  /** How many connections a person holds open now (for refusing one too many at the door). */
  connectionCount(workshopId: WorkshopId, participantId: ParticipantId): Promise<number>;
  /**
   * Closes the connections a node left behind (connection ids start with `<nodeId>/`): all of
   * them for a dead node; for a live node, those `keep` says no to (a disconnect whose store
   * write failed while Redis was away).
   */
  reapNode(nodeId: string, keep?: (connectionId: string) => boolean): Promise<number>;
  /**
   * Marks the node alive now. True when it was not listed: its first beat, or it was declared
   * dead (silent past the dead-after time: a pause, a long GC) and reaped meanwhile.
   */
  heartbeat(nodeId: string, now: number): Promise<boolean>;
  deadNodes(olderThan: number): Promise<string[]>;
  /**
   * The random id of the store's data, made when missing (a new deployment, or a store that lost
   * its data: restarted empty, flushed). Every node compares it with the one it knew.
   */
  storeEpoch(): Promise<string>;
  /** A deleted workshop: no live node's list of workshops to reap names it any more. */
  forgetWorkshop(workshopId: WorkshopId): Promise<void>;
}
