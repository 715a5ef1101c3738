import { DomainError } from "../domain/errors.js";
import type { ServerKeys } from "../security/serverKeys.js";
import type { RateStore } from "../store/rates/port.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface DoorLimitOptions {
  createPerHour: number;
  joinFailuresPerHour: number;
  joinsPerAddressPerMinute: number;
}

/**
 * Abuse limits at the door per client address, counted in the store so they hold across every
 * node: workshops created, people joining, wrong join codes (guessing). Addresses are counted
 * only as keyed hashes (ServerKeys.addressId): an address is personal data and none is stored.
 * Generous by default: a whole NGO office or a venue behind one address must get in. (People
 * per workshop are limited by the store itself, atomically with the join: WorkshopService.)
 */
export class DoorLimits {
  constructor(
    private readonly store: RateStore,
    private readonly keys: ServerKeys,
    private readonly options: DoorLimitOptions,
  ) {}

  async admitCreate(address: string): Promise<void> {
    const [created = 0] = await this.store.countInWindows(this.keys.addressId(address), [
      { name: "create", windowMs: HOUR_MS, increment: 1 },
    ]);
    if (created > this.options.createPerHour) throw tooMany("too many workshops created from your network; try later");
  }

  /**
   * A join with a code, before the code is even looked up (one store round trip): an address
   * that tried too many wrong codes is refused whatever it sends now, so a guesser learns
   * nothing about which codes exist; and every attempt counts against the address's joins.
   */
  async admitJoinAttempt(address: string): Promise<void> {
    const [failures = 0, joins = 0] = await this.store.countInWindows(this.keys.addressId(address), [
      { name: "joinfail", windowMs: HOUR_MS, increment: 0 },
      { name: "join", windowMs: MINUTE_MS, increment: 1 },
    ]);
    if (failures >= this.options.joinFailuresPerHour) {
      throw tooMany("too many wrong join codes from your network; wait a while and check the code");
    }
    if (joins > this.options.joinsPerAddressPerMinute) {
      throw tooMany("too many people are joining from your network right now; try again in a minute");
    }
  }

  async joinCodeFailed(address: string): Promise<void> {
    await this.store.countInWindows(this.keys.addressId(address), [
      { name: "joinfail", windowMs: HOUR_MS, increment: 1 },
    ]);
  }
}

function tooMany(message: string): DomainError {
  return new DomainError("RATE_LIMITED", message);
}
