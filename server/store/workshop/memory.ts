import { randomBytes } from "node:crypto";
import type { HelpView, RoundView } from "../../../shared/breakout.js";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess } from "../../../shared/notes.js";
import { orderedProgramme, type ProgrammeSessionView } from "../../../shared/programme.js";
import type { WorkshopEvent } from "../../../shared/workshop.js";
import type { CallsRecord } from "../../domain/calls.js";
import type { CommandRef } from "../../domain/commands.js";
import { DomainError } from "../../domain/errors.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import type { FullSnapshot } from "../../domain/snapshot.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { MemoryBreakoutStore } from "../breakout/memory.js";
import { countInWindow, type MemoryCore, mapIn, type WorkshopCore } from "../memory/core.js";
import { byDoc } from "../order.js";
import type { MemoryPollStore } from "../polls/memory.js";
import type { MemoryPresenceStore } from "../presence/memory.js";
import type { CommitOutcome, JoinOutcome, ParticipantJoin, RecordChange, RecordWrite, WorkshopStore } from "./port.js";
import { joinedEvent, recordId } from "./records.js";

/** The other memory stores the workshop's snapshot and joins read in the same step. */
export interface MemoryNeighbours {
  presence: MemoryPresenceStore;
  breakout: MemoryBreakoutStore;
  polls: MemoryPollStore;
}

/** The workshop, its people and its event log in this process. */
export class MemoryWorkshopStore implements WorkshopStore {
  constructor(
    private readonly core: MemoryCore,
    private readonly neighbours: MemoryNeighbours,
  ) {}

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    if (this.core.joinCodes.has(record.joinCode) || this.core.workshops.has(record.workshopId)) {
      throw new DomainError("CONFLICT", "join code or workshop id already in use");
    }
    this.core.joinCodes.set(record.joinCode, record.workshopId);
    this.core.workshops.set(record.workshopId, {
      meta: JSON.stringify(record),
      participants: new Map(),
      records: new Map(),
      sessions: new Map(),
      joins: new Map(),
      version: 0,
      log: [],
      listeners: new Set(),
      voterSalt: null,
      joinCounters: new Map(),
    });
  }

  async getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null> {
    const state = this.core.workshops.get(workshopId);
    return state ? (JSON.parse(state.meta) as WorkshopRecord) : null;
  }

  async findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null> {
    return this.core.joinCodes.get(joinCode) ?? null;
  }

  async listWorkshopIds(): Promise<WorkshopId[]> {
    return [...this.core.workshops.keys()];
  }

  async addParticipant(workshopId: WorkshopId, join: ParticipantJoin): Promise<JoinOutcome> {
    const state = this.core.require(workshopId);
    const workshop = JSON.parse(state.meta) as WorkshopRecord;
    if (workshop.status !== "active") return { ended: true };
    const { record, connectionId, joinId, joinLimit } = join;
    const { presence } = this.neighbours;
    const earlier = joinId ? state.joins.get(joinId) : undefined;
    if (earlier) {
      state.sessions.set(join.sessionTokenHash, earlier);
      if (connectionId) await presence.connect(workshopId, { participantId: earlier, connectionId });
      return { version: state.version, participantId: earlier, workshop };
    }
    if (joinLimit) {
      const count = (increment: number) =>
        countInWindow(state.joinCounters, "join", joinLimit.windowMs, increment, this.core.now());
      if (count(0) >= joinLimit.perWindow) return { limited: true };
      count(1);
    }
    if (joinId) state.joins.set(joinId, record.participantId);
    state.participants.set(record.participantId, JSON.stringify(record));
    state.sessions.set(join.sessionTokenHash, record.participantId);
    if (connectionId) presence.opened(workshopId, record.participantId, connectionId);
    return {
      version: this.core.append(state, [joinedEvent(record, connectionId)]),
      participantId: record.participantId,
      workshop,
    };
  }

  async getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null> {
    const json = this.core.workshops.get(workshopId)?.participants.get(participantId);
    return json ? (JSON.parse(json) as ParticipantRecord) : null;
  }

  async listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]> {
    const participants = this.core.workshops.get(workshopId)?.participants.values() ?? [];
    return [...participants].map((json) => JSON.parse(json) as ParticipantRecord);
  }

  async findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null> {
    return this.core.workshops.get(workshopId)?.sessions.get(sessionTokenHash) ?? null;
  }

  async commit<T>(workshopId: WorkshopId, command: CommandRef, change: RecordChange<T>): Promise<CommitOutcome<T>> {
    const earlier = this.core.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.core.require(workshopId);
    for (const write of change.writes) {
      const expected = write.expected === null ? undefined : JSON.stringify(write.expected);
      if (readRecord(state, write) !== expected) return { status: "conflict" };
    }
    for (const write of change.writes) writeRecord(state, write);
    if (change.forgetVoterSalt) state.voterSalt = null;
    const version = change.events.length > 0 ? this.core.append(state, change.events) : state.version;
    this.core.remember(workshopId, command, JSON.stringify(change.result));
    return { status: "applied", version, result: change.result };
  }

  async commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    return this.core.priorResult<T>(workshopId, command);
  }

  async voterSalt(workshopId: WorkshopId): Promise<string | null> {
    const state = this.core.require(workshopId);
    if (state.voterSalt === null && (JSON.parse(state.meta) as WorkshopRecord).status === "active") {
      state.voterSalt = randomBytes(32).toString("hex");
    }
    return state.voterSalt;
  }

  async fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null> {
    const state = this.core.workshops.get(workshopId);
    if (!state) return null;
    const { presence, breakout, polls } = this.neighbours;
    const workshop = JSON.parse(state.meta) as WorkshopRecord;
    const roundId = workshop.currentRoundId ?? null;
    return {
      version: state.version,
      workshop,
      participants: [...state.participants.values()].map((json) => {
        const record = JSON.parse(json) as ParticipantRecord;
        return { ...record, online: presence.isOnline(workshopId, record.participantId) };
      }),
      breakout: {
        round: roundId ? this.core.parsed<RoundView>(workshopId, "round", roundId) : null,
        assignments: roundId ? breakout.assignmentsOf(workshopId, roundId) : new Map(),
        counts: roundId ? breakout.countsOf(workshopId, roundId) : {},
        helps: this.core.parsedAll<HelpView>(workshopId, "help"),
        broadcasts: breakout.broadcastsOf(workshopId),
        tags: breakout.tagsOf(workshopId),
      },
      polls: polls.pollsOf(workshopId),
      notesAccess: this.core.parsedAll<NoteAccess>(workshopId, "noteAccess").sort(byDoc),
      programme: orderedProgramme(this.core.parsedAll<ProgrammeSessionView>(workshopId, "programme")),
      calls: this.core.parsed<CallsRecord>(workshopId, "calls", ""),
    };
  }

  async currentVersion(workshopId: WorkshopId): Promise<number> {
    return this.core.workshops.get(workshopId)?.version ?? 0;
  }

  async eventsSince(workshopId: WorkshopId, sinceVersion: number, limit = 0): Promise<WorkshopEvent[] | null> {
    const state = this.core.workshops.get(workshopId);
    if (!state) return null;
    if (sinceVersion >= state.version) return [];
    const oldest = state.log[0]?.v ?? state.version + 1;
    if (sinceVersion + 1 < oldest) return null;
    const start = sinceVersion + 1 - oldest;
    return state.log.slice(start, limit > 0 ? start + limit : undefined);
  }

  async subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    const state = this.core.require(workshopId);
    state.listeners.add(onChange);
    return async () => {
      state.listeners.delete(onChange);
    };
  }

  async purgeWorkshop(workshopId: WorkshopId): Promise<void> {
    this.core.purge(workshopId);
  }
}

function readRecord(state: WorkshopCore, write: RecordWrite): string | undefined {
  if (write.kind === "workshop") return state.meta;
  if (write.kind === "participant") return state.participants.get(write.next.participantId);
  return state.records.get(write.kind)?.get(recordId(write));
}

function writeRecord(state: WorkshopCore, write: RecordWrite): void {
  if (write.next === null) {
    state.records.get(write.kind)?.delete(recordId(write));
    return;
  }
  const json = JSON.stringify(write.next);
  if (write.kind === "workshop") state.meta = json;
  else if (write.kind === "participant") state.participants.set(write.next.participantId, json);
  else mapIn(state.records, write.kind, () => new Map<string, string>()).set(recordId(write), json);
}
