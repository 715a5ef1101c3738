import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { UnversionedEvent, WorkshopEvent } from "../../../shared/workshop.js";
import type { CommandRef } from "../../domain/commands.js";
import { DomainError } from "../../domain/errors.js";
import { ServerKeys } from "../../security/serverKeys.js";
import { commandRecordDay } from "../commandRecords.js";
import { rateWindowOf, slidingCount } from "../rates/window.js";
import { EVENT_LOG_CAP } from "../workshop/port.js";

/** A rate counter of one fixed window (rates/window.ts), as the Redis scripts keep them. */
export interface WindowCounter {
  count: number;
  expiresAt: number;
}

/** What every memory feature store shares of one workshop: its record, records written by commits, its log. */
export interface WorkshopCore {
  meta: string;
  participants: Map<ParticipantId, string>;
  /** kind -> id -> JSON, for the records commits write (rounds, helps, tags, broadcasts, polls, notes access). */
  records: Map<string, Map<string, string>>;
  sessions: Map<string, ParticipantId>;
  joins: Map<string, ParticipantId>;
  version: number;
  log: WorkshopEvent[];
  listeners: Set<(version: number) => void>;
  /** The salt of anonymous voter keys; null until first asked for while active, and once the end destroyed it. */
  voterSalt: string | null;
  /** The workshop's join counters: `join|<window>` -> count. */
  joinCounters: Map<string, WindowCounter>;
}

/**
 * The zero-install store's shared state: every workshop's core (its record, people, the records
 * commits write, the event log), join codes, command records. The memory feature stores keep
 * their own per-workshop data and forget it when a workshop is purged (`onPurge`). Every
 * operation of every store runs without awaiting in between, which makes it as atomic as a
 * Redis script.
 */
export class MemoryCore {
  readonly workshops = new Map<WorkshopId, WorkshopCore>();
  readonly joinCodes = new Map<string, WorkshopId>();
  /** Told when a workshop is purged: each feature store drops what it keeps of it. */
  readonly onPurge: Array<(workshopId: WorkshopId) => void> = [];
  /** `<workshop>|<keyed record id>` (as in Redis) -> first result, expiring at the end of the next UTC day. */
  private readonly commandResults = new Map<string, { json: string; expiresAt: number }>();
  private remembered = 0;

  constructor(
    readonly now: () => number = Date.now,
    private readonly keys: ServerKeys = ServerKeys.random(),
  ) {}

  /** The workshop's core, or NOT_FOUND (every write checks this first, as every Redis write script does). */
  require(workshopId: WorkshopId): WorkshopCore {
    const state = this.workshops.get(workshopId);
    if (!state) throw new DomainError("NOT_FOUND", "no such workshop");
    return state;
  }

  /** Records of one kind written by commits. */
  recordsOf(workshopId: WorkshopId, kind: string): Map<string, string> | undefined {
    return this.workshops.get(workshopId)?.records.get(kind);
  }

  parsed<T>(workshopId: WorkshopId, kind: string, id: string): T | null {
    const json = this.recordsOf(workshopId, kind)?.get(id);
    return json ? (JSON.parse(json) as T) : null;
  }

  parsedAll<T>(workshopId: WorkshopId, kind: string): T[] {
    return [...(this.recordsOf(workshopId, kind)?.values() ?? [])].map((json) => JSON.parse(json) as T);
  }

  /** Appends events with consecutive versions and tells subscribers, outside this call (like a Redis message). */
  append(state: WorkshopCore, events: readonly UnversionedEvent[]): number {
    for (const event of events) {
      state.version += 1;
      state.log.push({ v: state.version, ...event } as WorkshopEvent);
    }
    if (state.log.length > EVENT_LOG_CAP) state.log.splice(0, state.log.length - EVENT_LOG_CAP);
    const version = state.version;
    for (const listener of state.listeners) queueMicrotask(() => listener(version));
    return version;
  }

  /** A command's first result, by its keyed record id, while its day (and the next) lasts. */
  priorResult<T>(workshopId: WorkshopId, command: CommandRef): T | null {
    const id = this.commandRecordId(workshopId, command);
    const earlier = this.commandResults.get(id);
    if (!earlier) return null;
    if (earlier.expiresAt > this.now()) return JSON.parse(earlier.json) as T;
    this.commandResults.delete(id);
    return null;
  }

  remember(workshopId: WorkshopId, command: CommandRef, json: string): void {
    const now = this.now();
    if (++this.remembered % 10_000 === 0) {
      for (const [id, entry] of this.commandResults) if (entry.expiresAt <= now) this.commandResults.delete(id);
    }
    this.commandResults.set(this.commandRecordId(workshopId, command), {
      json,
      expiresAt: commandRecordDay(now).expiresAt,
    });
  }

  /** Everything of a workshop: its core, its join code, its command records, and each feature's data. */
  purge(workshopId: WorkshopId): void {
    const state = this.workshops.get(workshopId);
    if (state) {
      const { joinCode } = JSON.parse(state.meta) as { joinCode: string };
      if (this.joinCodes.get(joinCode) === workshopId) this.joinCodes.delete(joinCode);
      this.workshops.delete(workshopId);
    }
    for (const id of [...this.commandResults.keys()]) {
      if (id.startsWith(`${workshopId}|`)) this.commandResults.delete(id);
    }
    for (const forget of this.onPurge) forget(workshopId);
  }

  /** Prefixed by the workshop (this process's memory, not a shared database) so a purge finds them. */
  private commandRecordId(workshopId: WorkshopId, command: CommandRef): string {
    return `${workshopId}|${this.keys.commandRecordId(workshopId, command.actorId, command.commandId)}`;
  }
}

/** The value of `key` in `map`, made by `create` the first time. */
export function mapIn<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * Per-workshop data of one memory feature store, dropped when the workshop is purged. `slice`
 * makes it on first use (writes check the workshop exists first, through MemoryCore.require).
 */
export class WorkshopSlices<S> {
  private readonly slices = new Map<WorkshopId, S>();

  constructor(
    core: MemoryCore,
    private readonly create: () => S,
  ) {
    core.onPurge.push((workshopId) => this.slices.delete(workshopId));
  }

  slice(workshopId: WorkshopId): S {
    return mapIn(this.slices, workshopId, this.create);
  }

  peek(workshopId: WorkshopId): S | undefined {
    return this.slices.get(workshopId);
  }
}

/**
 * One sliding-window counter (rates/window.ts) in a map of counters, as the Redis scripts keep
 * them: adds `increment` (0 reads) and returns the estimate of the last `windowMs`.
 */
export function countInWindow(
  counters: Map<string, WindowCounter>,
  name: string,
  windowMs: number,
  increment: number,
  now: number,
): number {
  const window = rateWindowOf(now, windowMs);
  const live = (index: number) => {
    const counter = counters.get(`${name}|${index}`);
    return counter && counter.expiresAt > now ? counter : undefined;
  };
  let counter = live(window.index);
  if (!counter && increment > 0) {
    // Drop what has expired now and then, so counters of old windows do not pile up.
    if (counters.size > 10_000) for (const [old, entry] of counters) if (entry.expiresAt <= now) counters.delete(old);
    counter = { count: 0, expiresAt: window.expiresAt };
    counters.set(`${name}|${window.index}`, counter);
  }
  if (counter) counter.count += increment;
  return slidingCount(counter?.count ?? 0, live(window.index - 1)?.count ?? 0, window.covered);
}
