import type { ServerKeys } from "../security/serverKeys.js";
import { MemoryBreakoutStore } from "./breakout/memory.js";
import type { BreakoutStore } from "./breakout/port.js";
import { RedisBreakoutStore } from "./breakout/redis.js";
import { MemoryCallStore } from "./calls/memory.js";
import type { CallStore } from "./calls/port.js";
import { RedisCallStore } from "./calls/redis.js";
import { MemoryChatStore } from "./chat/memory.js";
import type { ChatStore } from "./chat/port.js";
import { RedisChatStore } from "./chat/redis.js";
import { MemoryHandsStore } from "./hands/memory.js";
import type { HandsStore } from "./hands/port.js";
import { RedisHandsStore } from "./hands/redis.js";
import { MemoryCore } from "./memory/core.js";
import { MemoryNotesStore } from "./notes/memory.js";
import type { NotesStore } from "./notes/port.js";
import { RedisNotesStore } from "./notes/redis.js";
import { MemoryPollStore } from "./polls/memory.js";
import type { PollStore } from "./polls/port.js";
import { RedisPollStore } from "./polls/redis.js";
import { MemoryPresenceStore } from "./presence/memory.js";
import type { PresenceStore } from "./presence/port.js";
import { RedisPresenceStore } from "./presence/redis.js";
import { MemoryProgrammeStore } from "./programme/memory.js";
import type { ProgrammeStore } from "./programme/port.js";
import { RedisProgrammeStore } from "./programme/redis.js";
import { MemoryQnaStore } from "./qna/memory.js";
import type { QnaStore } from "./qna/port.js";
import { RedisQnaStore } from "./qna/redis.js";
import { MemoryRateStore } from "./rates/memory.js";
import type { RateStore } from "./rates/port.js";
import { RedisRateStore } from "./rates/redis.js";
import { MemoryReactionsChannel } from "./reactions/memory.js";
import type { ReactionsChannel } from "./reactions/port.js";
import { RedisReactionsChannel } from "./reactions/redis.js";
import { RedisCore, type RedisStoreOptions } from "./redis/core.js";
import { MemorySupportStore } from "./support/memory.js";
import type { SupportStore } from "./support/port.js";
import { RedisSupportStore } from "./support/redis.js";
import { MemoryTimerStore } from "./timers/memory.js";
import type { TimerStore } from "./timers/port.js";
import { RedisTimerStore } from "./timers/redis.js";
import { MemoryWorkshopStore } from "./workshop/memory.js";
import type { WorkshopStore } from "./workshop/port.js";
import { RedisWorkshopStore } from "./workshop/redis.js";

/**
 * The state of every workshop, one port per feature (server/store/<feature>/port.ts), each with
 * a Redis and an in-memory implementation beside it that pass one contract suite
 * (test/contract/<feature>). Services take only the ports they use.
 */
export interface Stores {
  readonly kind: "memory" | "redis";
  workshops: WorkshopStore;
  presence: PresenceStore;
  breakout: BreakoutStore;
  polls: PollStore;
  programme: ProgrammeStore;
  qna: QnaStore;
  notes: NotesStore;
  support: SupportStore;
  calls: CallStore;
  hands: HandsStore;
  reactions: ReactionsChannel;
  chat: ChatStore;
  timers: TimerStore;
  rates: RateStore;
  /** Answers when the store does (readiness). */
  ping(): Promise<void>;
  /** Tells `observe` how long each call to the store took (Redis; the memory store has nothing to time). */
  observeCalls(observe: (seconds: number, answered: boolean) => void): void;
  close(): Promise<void>;
}

/** The zero-install store: everything in this process (one node only). */
export function createMemoryStores(now: () => number = Date.now, keys?: ServerKeys): Stores {
  const core = new MemoryCore(now, keys);
  const presence = new MemoryPresenceStore(core);
  const breakout = new MemoryBreakoutStore(core);
  const polls = new MemoryPollStore(core);
  return {
    kind: "memory",
    workshops: new MemoryWorkshopStore(core, { presence, breakout, polls }),
    presence,
    breakout,
    polls,
    programme: new MemoryProgrammeStore(core),
    qna: new MemoryQnaStore(core),
    notes: new MemoryNotesStore(core),
    support: new MemorySupportStore(core),
    calls: new MemoryCallStore(core),
    hands: new MemoryHandsStore(core),
    reactions: new MemoryReactionsChannel(),
    chat: new MemoryChatStore(core),
    timers: new MemoryTimerStore(),
    rates: new MemoryRateStore(now),
    ping: async () => {},
    observeCalls: () => {},
    close: async () => {},
  };
}

/** The shared store every node reads and writes: one Redis connection pair under every port. */
export async function connectRedisStores(options: RedisStoreOptions): Promise<Stores> {
  const core = await RedisCore.connect(options);
  return {
    kind: "redis",
    workshops: new RedisWorkshopStore(core),
    presence: new RedisPresenceStore(core),
    breakout: new RedisBreakoutStore(core),
    polls: new RedisPollStore(core),
    programme: new RedisProgrammeStore(core),
    qna: new RedisQnaStore(core),
    notes: new RedisNotesStore(core),
    support: new RedisSupportStore(core),
    calls: new RedisCallStore(core),
    hands: new RedisHandsStore(core),
    reactions: new RedisReactionsChannel(core),
    chat: new RedisChatStore(core),
    timers: new RedisTimerStore(core),
    rates: new RedisRateStore(core),
    ping: () => core.ping(),
    observeCalls: (observe) => {
      core.observeCall = observe;
    },
    close: () => core.close(),
  };
}
