import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { UnversionedEvent, WorkshopEvent, WorkshopSnapshot } from "../../../shared/workshop.js";
import { DomainError } from "../../domain/errors.js";
import {
  type ParticipantRecord,
  toParticipantProfile,
  toParticipantView,
  toWorkshopView,
  type WorkshopRecord,
} from "../../domain/records.js";
import {
  COMMAND_RESULT_TTL_SECONDS,
  type CommandRef,
  type CommitOutcome,
  EVENT_LOG_CAP,
  type RecordWrite,
  type Store,
  type Unsubscribe,
} from "../types.js";

/** One workshop's state. Records are kept as JSON strings, exactly as Redis keeps them. */
interface WorkshopState {
  meta: string;
  participants: Map<ParticipantId, string>;
  sessions: Map<string, ParticipantId>;
  connections: Map<string, ParticipantId>;
  onlineCounts: Map<ParticipantId, number>;
  version: number;
  log: WorkshopEvent[];
  listeners: Set<(version: number) => void>;
}

/**
 * The zero-install store: everything in this process. Each method runs without awaiting
 * in between, so it is as atomic as a Lua script is in Redis.
 */
export class MemoryStore implements Store {
  readonly kind = "memory";
  private readonly workshops = new Map<WorkshopId, WorkshopState>();
  private readonly joinCodes = new Map<string, WorkshopId>();
  private readonly commandResults = new Map<string, { json: string; expiresAt: number }>();
  private readonly nodes = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    if (this.joinCodes.has(record.joinCode) || this.workshops.has(record.workshopId)) {
      throw new DomainError("CONFLICT", "join code or workshop id already in use");
    }
    this.joinCodes.set(record.joinCode, record.workshopId);
    this.workshops.set(record.workshopId, {
      meta: JSON.stringify(record),
      participants: new Map(),
      sessions: new Map(),
      connections: new Map(),
      onlineCounts: new Map(),
      version: 0,
      log: [],
      listeners: new Set(),
    });
  }

  async getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null> {
    const state = this.workshops.get(workshopId);
    return state ? (JSON.parse(state.meta) as WorkshopRecord) : null;
  }

  async findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null> {
    return this.joinCodes.get(joinCode) ?? null;
  }

  async addParticipant(workshopId: WorkshopId, record: ParticipantRecord, sessionTokenHash: string): Promise<number> {
    const state = this.require(workshopId);
    state.participants.set(record.participantId, JSON.stringify(record));
    state.sessions.set(sessionTokenHash, record.participantId);
    return this.append(state, [{ type: "participant:upserted", participant: toParticipantProfile(record) }]);
  }

  async getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null> {
    const json = this.workshops.get(workshopId)?.participants.get(participantId);
    return json ? (JSON.parse(json) as ParticipantRecord) : null;
  }

  async findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null> {
    return this.workshops.get(workshopId)?.sessions.get(sessionTokenHash) ?? null;
  }

  async commit<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    writes: RecordWrite[],
    events: UnversionedEvent[],
    result: T,
  ): Promise<CommitOutcome<T>> {
    const state = this.require(workshopId);
    const resultKey = `${workshopId}/${command.actorId}/${command.commandId}`;
    const earlier = this.commandResults.get(resultKey);
    if (earlier && earlier.expiresAt > this.now())
      return { status: "duplicate", result: JSON.parse(earlier.json) as T };
    for (const write of writes) {
      const current = write.kind === "workshop" ? state.meta : state.participants.get(write.next.participantId);
      const expected = write.expected === null ? undefined : JSON.stringify(write.expected);
      if (current !== expected) return { status: "conflict" };
    }
    for (const write of writes) {
      if (write.kind === "workshop") state.meta = JSON.stringify(write.next);
      else state.participants.set(write.next.participantId, JSON.stringify(write.next));
    }
    const version = events.length > 0 ? this.append(state, events) : state.version;
    this.commandResults.set(resultKey, {
      json: JSON.stringify(result),
      expiresAt: this.now() + COMMAND_RESULT_TTL_SECONDS * 1000,
    });
    return { status: "applied", version, result };
  }

  async commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    const earlier = this.commandResults.get(`${workshopId}/${command.actorId}/${command.commandId}`);
    return earlier && earlier.expiresAt > this.now() ? (JSON.parse(earlier.json) as T) : null;
  }

  async connect(workshopId: WorkshopId, participantId: ParticipantId, connectionId: string): Promise<void> {
    const state = this.require(workshopId);
    if (state.connections.has(connectionId)) return;
    state.connections.set(connectionId, participantId);
    const count = (state.onlineCounts.get(participantId) ?? 0) + 1;
    state.onlineCounts.set(participantId, count);
    if (count === 1) this.append(state, [{ type: "participant:presence", participantId, online: true }]);
  }

  async disconnect(workshopId: WorkshopId, connectionId: string): Promise<void> {
    const state = this.workshops.get(workshopId);
    const participantId = state?.connections.get(connectionId);
    if (!state || !participantId) return;
    state.connections.delete(connectionId);
    const count = (state.onlineCounts.get(participantId) ?? 1) - 1;
    if (count > 0) {
      state.onlineCounts.set(participantId, count);
      return;
    }
    state.onlineCounts.delete(participantId);
    this.append(state, [{ type: "participant:presence", participantId, online: false }]);
  }

  async reapNode(nodeId: string): Promise<number> {
    let reaped = 0;
    for (const [workshopId, state] of this.workshops) {
      for (const connectionId of [...state.connections.keys()]) {
        if (!connectionId.startsWith(`${nodeId}/`)) continue;
        await this.disconnect(workshopId, connectionId);
        reaped++;
      }
    }
    this.nodes.delete(nodeId);
    return reaped;
  }

  async heartbeat(nodeId: string, now: number): Promise<void> {
    this.nodes.set(nodeId, now);
  }

  async deadNodes(olderThan: number): Promise<string[]> {
    return [...this.nodes].filter(([, seen]) => seen < olderThan).map(([nodeId]) => nodeId);
  }

  async snapshot(workshopId: WorkshopId): Promise<WorkshopSnapshot | null> {
    const state = this.workshops.get(workshopId);
    if (!state) return null;
    const participants = [...state.participants.values()]
      .map((json) => JSON.parse(json) as ParticipantRecord)
      .filter((record) => record.status === "active")
      .map((record) => toParticipantView(record, this.isOnline(state, record.participantId)));
    return { version: state.version, workshop: toWorkshopView(JSON.parse(state.meta) as WorkshopRecord), participants };
  }

  async currentVersion(workshopId: WorkshopId): Promise<number> {
    return this.workshops.get(workshopId)?.version ?? 0;
  }

  async eventsSince(workshopId: WorkshopId, sinceVersion: number): Promise<WorkshopEvent[] | null> {
    const state = this.workshops.get(workshopId);
    if (!state) return null;
    if (sinceVersion >= state.version) return [];
    const oldest = state.log[0]?.v ?? state.version + 1;
    if (sinceVersion + 1 < oldest) return null;
    return state.log.slice(sinceVersion + 1 - oldest);
  }

  async subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    const state = this.require(workshopId);
    state.listeners.add(onChange);
    return async () => {
      state.listeners.delete(onChange);
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private require(workshopId: WorkshopId): WorkshopState {
    const state = this.workshops.get(workshopId);
    if (!state) throw new DomainError("NOT_FOUND", "no such workshop");
    return state;
  }

  private isOnline(state: WorkshopState, participantId: ParticipantId): boolean {
    return (state.onlineCounts.get(participantId) ?? 0) > 0;
  }

  private append(state: WorkshopState, events: UnversionedEvent[]): number {
    for (const event of events) {
      state.version += 1;
      state.log.push({ v: state.version, ...event } as WorkshopEvent);
    }
    if (state.log.length > EVENT_LOG_CAP) state.log.splice(0, state.log.length - EVENT_LOG_CAP);
    const version = state.version;
    // Notify after the change is complete, outside this call, like a Redis message would arrive.
    for (const listener of state.listeners) queueMicrotask(() => listener(version));
    return version;
  }
}
