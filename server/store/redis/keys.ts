import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";

/**
 * The one builder of Redis key names. Every key of a workshop shares the hash tag
 * `{<workshopId>}`, so the workshop lives in one Redis Cluster slot and its Lua scripts
 * (which touch several of these keys) stay valid there. `prefix` isolates deployments and tests.
 */
export function workshopKeys(prefix: string, workshopId: WorkshopId) {
  const base = `${prefix}wk:{${workshopId}}:`;
  return {
    /** JSON WorkshopRecord. */
    meta: `${base}meta`,
    /** hash participantId -> JSON ParticipantRecord (tombstones included). */
    participants: `${base}participants`,
    /** hash sha256(session token) -> participantId. */
    sessions: `${base}sessions`,
    /** hash `<nodeId>/<socketId>` -> participantId: every open connection. */
    connections: `${base}connections`,
    /** hash participantId -> number of open connections. */
    onlineCounts: `${base}online`,
    /** integer: the workshop's version, bumped once per event. */
    version: `${base}version`,
    /** list of JSON events, the newest EVENT_LOG_CAP, for delta resync. */
    log: `${base}log`,
    /** shard channel: the new version after each change. */
    changes: `${base}changes`,
    /** first result of one command, kept for retries. */
    commandResult: (actorId: ParticipantId, commandId: string) => `${base}cmd:${actorId}:${commandId}`,
  };
}

export function globalKeys(prefix: string) {
  return {
    joinCode: (joinCode: string) => `${prefix}joincode:${joinCode}`,
    /** sorted set nodeId -> last heartbeat (ms). */
    nodes: `${prefix}nodes`,
    /** set of workshops a node holds connections in, so a survivor can reap them. */
    nodeWorkshops: (nodeId: string) => `${prefix}node:${nodeId}:workshops`,
  };
}
