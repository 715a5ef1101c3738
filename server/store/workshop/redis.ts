import { randomBytes } from "node:crypto";
import type { BroadcastView, HelpView, RoundView } from "../../../shared/breakout.js";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess } from "../../../shared/notes.js";
import type { PollView } from "../../../shared/poll.js";
import { orderedProgramme, type ProgrammeSessionView } from "../../../shared/programme.js";
import type { WorkshopEvent } from "../../../shared/workshop.js";
import type { CallsRecord } from "../../domain/calls.js";
import type { CommandRef } from "../../domain/commands.js";
import { DomainError } from "../../domain/errors.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import type { FullSnapshot } from "../../domain/snapshot.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { countsFrom, tagsFrom } from "../breakout/redis.js";
import { byCreation, byDoc } from "../order.js";
import { rateWindowOf } from "../rates/window.js";
import { commitOutcome, globEscape, pairsToRecord, parseOrNull, type RedisCore } from "../redis/core.js";
import type { WorkshopKeys } from "../redis/keys.js";
import {
  type CommitOutcome,
  EVENT_LOG_CAP,
  type JoinOutcome,
  type ParticipantJoin,
  type RecordChange,
  type RecordWrite,
  type WorkshopStore,
} from "./port.js";
import { joinedEvent, recordId } from "./records.js";
import {
  addParticipantScript,
  commitScript,
  deleteIfScript,
  eventsSinceScript,
  fullSnapshotScript,
  voterSaltScript,
} from "./scripts.js";

/** The workshop, its people and its event log in Redis: every change is one Lua script. */
export class RedisWorkshopStore implements WorkshopStore {
  constructor(private readonly core: RedisCore) {}

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    const { client, global } = this.core;
    const claimed = await this.core.bounded(
      client.set(global.joinCode(record.joinCode), record.workshopId, { condition: "NX" }),
    );
    if (claimed !== "OK") throw new DomainError("CONFLICT", "join code already in use");
    await this.core.bounded(client.set(this.core.keys(record.workshopId).meta, JSON.stringify(record)));
  }

  async getWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord | null> {
    return parseOrNull<WorkshopRecord>(await this.core.bounded(this.core.client.get(this.core.keys(workshopId).meta)));
  }

  async findWorkshopIdByJoinCode(joinCode: string): Promise<WorkshopId | null> {
    return this.core.bounded(this.core.client.get(this.core.global.joinCode(joinCode)));
  }

  async listWorkshopIds(): Promise<WorkshopId[]> {
    // A set: on a cluster a key whose slot is migrating can be seen on two primaries.
    const ids = new Set<WorkshopId>();
    await this.core.scanEach(`${globEscape(this.core.options.keyPrefix)}wk:{*}:meta`, async (keys) => {
      for (const key of keys) {
        const id = /\{([^}]+)\}:meta$/.exec(key)?.[1];
        if (id) ids.add(id);
      }
    });
    return [...ids];
  }

  async addParticipant(workshopId: WorkshopId, join: ParticipantJoin): Promise<JoinOutcome> {
    const keys = this.core.keys(workshopId);
    const { record, connectionId, joinId, joinLimit } = join;
    if (connectionId) await this.core.rememberNodeWorkshop(connectionId, workshopId);
    const window = rateWindowOf(this.core.now(), joinLimit?.windowMs ?? 60_000);
    const reply = (await this.core.run(
      addParticipantScript,
      [
        keys.meta,
        keys.version,
        keys.log,
        keys.participants,
        keys.sessions,
        keys.connections,
        keys.onlineCounts,
        keys.joins,
        keys.joinCounter(window.index),
        keys.joinCounter(window.index - 1),
      ],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.participantId,
        JSON.stringify(record),
        join.sessionTokenHash,
        JSON.stringify(joinedEvent(record, connectionId)),
        connectionId ?? "",
        joinId ?? "",
        joinLimit ? joinLimit.perWindow : "",
        window.covered,
        window.expiresAt,
      ],
    )) as [string, string?, string?];
    if (reply[0] === "limited") return { limited: true };
    if (reply[0] === "ended") return { ended: true };
    return { participantId: reply[0], version: Number(reply[1]), workshop: JSON.parse(reply[2] ?? "null") };
  }

  async getParticipant(workshopId: WorkshopId, participantId: ParticipantId): Promise<ParticipantRecord | null> {
    const json = await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).participants, participantId));
    return parseOrNull<ParticipantRecord>(json);
  }

  async listParticipants(workshopId: WorkshopId): Promise<ParticipantRecord[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).participants));
    return all.map((json) => JSON.parse(json) as ParticipantRecord);
  }

  async findParticipantIdBySession(workshopId: WorkshopId, sessionTokenHash: string): Promise<ParticipantId | null> {
    const keys = this.core.keys(workshopId);
    return (await this.core.bounded(this.core.client.hGet(keys.sessions, sessionTokenHash))) ?? null;
  }

  async commit<T>(workshopId: WorkshopId, command: CommandRef, change: RecordChange<T>): Promise<CommitOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const writeKeys: string[] = [];
    const writeArgs: string[] = [];
    for (const write of change.writes) {
      writeKeys.push(recordKey(keys, write));
      writeArgs.push(
        recordId(write),
        write.expected ? JSON.stringify(write.expected) : "",
        write.next === null ? "" : JSON.stringify(write.next),
      );
    }
    const record = this.core.commandRecord(workshopId, command);
    const reply = (await this.core.run(
      commitScript,
      [keys.meta, keys.version, keys.log, ...record.keys, keys.voterSalt, ...writeKeys],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.id,
        record.expiresAt,
        JSON.stringify(change.result),
        change.forgetVoterSalt ? "1" : "0",
        change.writes.length,
        ...writeArgs,
        ...change.events.map((event) => JSON.stringify(event)),
      ],
    )) as [string, string?];
    return commitOutcome(reply, change.result);
  }

  commandResult<T>(workshopId: WorkshopId, command: CommandRef): Promise<T | null> {
    return this.core.commandResult<T>(workshopId, command);
  }

  async voterSalt(workshopId: WorkshopId): Promise<string | null> {
    const keys = this.core.keys(workshopId);
    const salt = await this.core.run(voterSaltScript, [keys.meta, keys.voterSalt], [randomBytes(32).toString("hex")]);
    return typeof salt === "string" ? salt : null;
  }

  async fullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null> {
    const keys = this.core.keys(workshopId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const meta = parseOrNull<WorkshopRecord>(await this.core.bounded(this.core.client.get(keys.meta)));
      if (!meta) return null;
      const roundId = meta.currentRoundId ?? "";
      const reply = (await this.core.run(
        fullSnapshotScript,
        [
          keys.version,
          keys.meta,
          keys.participants,
          keys.onlineCounts,
          keys.rounds,
          keys.helps,
          keys.broadcasts,
          keys.tags,
          keys.assignments(roundId || "none"),
          keys.counts(roundId || "none"),
          keys.polls,
          keys.notesAccess,
          keys.programme,
          keys.calls,
        ],
        [roundId],
      )) as SnapshotReply;
      if (reply[0] === "missing") return null;
      if (reply[0] === "retry") continue;
      return snapshotOf(reply);
    }
    throw new DomainError("CONFLICT", "the workshop kept changing; try again");
  }

  async currentVersion(workshopId: WorkshopId): Promise<number> {
    return Number((await this.core.bounded(this.core.client.get(this.core.keys(workshopId).version))) ?? 0);
  }

  async eventsSince(workshopId: WorkshopId, sinceVersion: number, limit = 0): Promise<WorkshopEvent[] | null> {
    const keys = this.core.keys(workshopId);
    const reply = (await this.core.run(eventsSinceScript, [keys.version, keys.log], [sinceVersion, limit])) as
      | string[]
      | null;
    return reply === null ? null : reply.map((json) => JSON.parse(json) as WorkshopEvent);
  }

  subscribe(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).changes, (message) => onChange(Number(message)));
  }

  async purgeWorkshop(workshopId: WorkshopId): Promise<void> {
    const keys = this.core.keys(workshopId);
    const meta = await this.getWorkshop(workshopId);
    // The join code first (while meta still says which it is), then meta: from here on every
    // write script refuses this workshop, so the scan below leaves nothing that comes back.
    if (meta) await this.core.run(deleteIfScript, [this.core.global.joinCode(meta.joinCode)], [workshopId]);
    await this.core.bounded(this.core.client.del(keys.meta));
    const tag = keys.meta.slice(0, -"meta".length);
    await this.core.scanEach(`${globEscape(tag)}*`, async (found) => {
      await this.core.bounded(this.core.client.unlink(found));
    });
  }
}

/** The full snapshot script's answer: 'ok', then the workshop's parts in the order the script reads them. */
type SnapshotReply = [
  string,
  string,
  string,
  string[],
  string[],
  string,
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  string,
];

function snapshotOf(reply: SnapshotReply): FullSnapshot {
  const [, version, metaJson, participantPairs, onlinePairs, roundJson, assignmentPairs, countPairs] = reply;
  const [helps, broadcasts, tagPairs, polls, notesAccess, programme] = reply.slice(8, 14) as string[][];
  const callsJson = reply[14];
  const online = pairsToRecord(onlinePairs);
  return {
    version: Number(version),
    workshop: JSON.parse(metaJson) as WorkshopRecord,
    participants: Object.values(pairsToRecord(participantPairs)).map((json) => {
      const record = JSON.parse(json) as ParticipantRecord;
      return { ...record, online: Number(online[record.participantId] ?? 0) > 0 };
    }),
    breakout: {
      round: roundJson ? (JSON.parse(roundJson) as RoundView) : null,
      assignments: new Map(Object.entries(pairsToRecord(assignmentPairs))),
      counts: countsFrom(pairsToRecord(countPairs)),
      helps: (helps ?? []).map((json) => JSON.parse(json) as HelpView),
      broadcasts: (broadcasts ?? [])
        .map((json) => JSON.parse(json) as BroadcastView)
        .sort((a, b) => a.sentAt - b.sentAt),
      tags: tagsFrom(pairsToRecord(tagPairs ?? [])),
    },
    polls: (polls ?? []).map((json) => JSON.parse(json) as PollView).sort(byCreation),
    notesAccess: (notesAccess ?? []).map((json) => JSON.parse(json) as NoteAccess).sort(byDoc),
    programme: orderedProgramme((programme ?? []).map((json) => JSON.parse(json) as ProgrammeSessionView)),
    calls: callsJson ? (JSON.parse(callsJson) as CallsRecord) : null,
  };
}

function recordKey(keys: WorkshopKeys, write: RecordWrite): string {
  switch (write.kind) {
    case "workshop":
      return keys.meta;
    case "participant":
      return keys.participants;
    case "round":
      return keys.rounds;
    case "help":
      return keys.helps;
    case "tags":
      return keys.tags;
    case "broadcast":
      return keys.broadcasts;
    case "poll":
      return keys.polls;
    case "noteAccess":
      return keys.notesAccess;
    case "programme":
      return keys.programme;
    case "calls":
      return keys.calls;
    default: {
      const exhaustive: never = write;
      throw new Error(`unknown record ${JSON.stringify(exhaustive)}`);
    }
  }
}
