import type { PollId } from "../../../shared/poll.js";
import { TALLY_VERSION_COUNTER } from "../../domain/polls/counters.js";
import type { PollTally } from "../../domain/polls/records.js";
import type { BallotChange } from "./port.js";

/**
 * A ballot's notification carries its poll's counters when there are at most this many fields
 * (the version included): every plenary or one-room poll of a usual size (a 10-option ranking is
 * 111), so a results tick in a vote storm reads nothing. Bigger tallies (every-room polls over
 * many rooms, long word clouds) would cost every ballot a copy of the whole hash, in Redis and
 * on every node: for those the tick reads the counters once instead.
 */
export const TALLY_NOTICE_MAX_FIELDS = 128;

/** A tally from its stored fields: the counters and the version counter. */
export function tallyOfFields(fields: Iterable<readonly [string, string | number]>): PollTally {
  const counters = new Map<string, number>();
  let tallyVersion = 0;
  for (const [name, value] of fields) {
    if (name === TALLY_VERSION_COUNTER) tallyVersion = Number(value);
    else counters.set(name, Number(value));
  }
  return { tallyVersion, counters };
}

/**
 * What a ballot notification says: which poll, its tally right after the ballot when it travelled
 * along, and whose ballot changed (null in notices of servers before "results after voting").
 */
export interface TallyNotice {
  pollId: PollId;
  tally: PollTally | null;
  change: BallotChange | null;
}

/**
 * Reads a notification of the ballot scripts: `["<pollId>", [field, value, ...] | false,
 * "<voterKey>", voted]` (the tally's hash as HGETALL gives it; false when too big to travel),
 * or the older `["<pollId>"]` and `["<pollId>", [field, value, ...]]`. A bare poll id (the format
 * before counters travelled) is read as a notice without a tally. Anything else is null: the
 * caller ignores it.
 */
export function decodeTallyNotice(message: string): TallyNotice | null {
  if (!message.startsWith("["))
    return message.length > 0 && !/[\s{]/.test(message) ? { pollId: message, tally: null, change: null } : null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const [pollId, flat, voterKey, voted] = parsed as unknown[];
  if (typeof pollId !== "string" || pollId.length === 0) return null;
  const change = typeof voterKey === "string" && typeof voted === "boolean" ? { voterKey, voted } : null;
  return { pollId, tally: tallyOfFlat(flat), change };
}

/** The tally of a notice's flat field list, or null when it did not travel or is not one. */
function tallyOfFlat(flat: unknown): PollTally | null {
  if (!Array.isArray(flat) || flat.length % 2 !== 0) return null;
  const fields: Array<[string, string]> = [];
  for (let index = 0; index < flat.length; index += 2) {
    const name = flat[index];
    const value = flat[index + 1];
    if (typeof name !== "string" || typeof value !== "string" || !Number.isFinite(Number(value))) {
      return null;
    }
    fields.push([name, value]);
  }
  return tallyOfFields(fields);
}
