import type { ParticipantRecord, WorkshopRecord } from "../../server/domain/records.js";
import { createLogger } from "../../server/logger.js";
import { ServerKeys } from "../../server/security/serverKeys.js";
import { connectRedisStores, createMemoryStores, type Stores } from "../../server/store/stores.js";
import { storeTargetOf, testRedis } from "./redisBackend.js";
import { TEST_ANONYMITY_KEY, uniquePrefix } from "./server.js";

/**
 * One contract per store port, two implementations each (invariant 8): the factories give every
 * port of one store (memory or Redis). Rule ids in the test names make a failure in one
 * implementation easy to find in the other.
 */
const openStores: Stores[] = [];
/** Closes every Redis store the factories opened; call from afterAll. */
export async function closeStores(): Promise<void> {
  await Promise.all(openStores.splice(0).map((store) => store.close()));
}

type StoreFactory = (options?: { now?: () => number }) => Promise<Stores>;

const redisStores: StoreFactory = async (options) => {
  const stores = await connectRedisStores({
    ...storeTargetOf(),
    keyPrefix: uniquePrefix(),
    commandTimeoutMs: 2000,
    logger: createLogger("silent"),
    keys: new ServerKeys(TEST_ANONYMITY_KEY),
    ...(options?.now ? { now: options.now } : {}),
  });
  openStores.push(stores);
  return stores;
};

/**
 * `now`: the clock command records and rate windows are filed by (Redis still expires keys by its
 * own). In the `redis-cluster` project the one implementation is the Redis store on a cluster
 * (the memory store has nothing new to show there).
 */
const projectFactories: Partial<Record<"memory" | "redis" | "redis cluster", StoreFactory>> =
  testRedis().kind === "cluster"
    ? { "redis cluster": redisStores }
    : {
        memory: async (options) => createMemoryStores(options?.now ?? Date.now, new ServerKeys(TEST_ANONYMITY_KEY)),
        redis: redisStores,
      };
/** Typed as total: the suites only ever index it with its own keys (`describe.each(Object.keys(factories))`). */
export const factories = projectFactories as Record<keyof typeof projectFactories, StoreFactory>;

let sequence = 0;
export function workshopRecord(overrides: Partial<WorkshopRecord> = {}): WorkshopRecord {
  sequence++;
  const suffix = String(sequence).padStart(6, "0");
  return {
    workshopId: `wcontract${suffix}`,
    title: "Contract",
    joinCode: `ABC${String.fromCharCode(65 + (sequence % 20))}${suffix.slice(-2)}`.replace(/[01OI]/g, "A"),
    status: "active",
    createdAt: 1,
    facilitatorKeyHash: "hash",
    ...overrides,
  };
}

export function person(id: string, overrides: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    participantId: `p${id.padEnd(15, "0")}`,
    displayName: `Person ${id}`,
    role: "participant",
    status: "active",
    joinedAt: 1,
    ...overrides,
  };
}
