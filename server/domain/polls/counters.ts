import type { RoomId } from "../../../shared/ids.js";
import type {
  Ballot,
  ChoiceTally,
  PollDefinition,
  PollOption,
  PollResults,
  RankingTally,
  RatingTally,
  WordCloud,
} from "../../../shared/poll.js";
import { DEFAULT_WORD_CLOUD_SIZE, wordsOfAnswer } from "./tally.js";

/**
 * Results kept as counters instead of recomputed from every ballot. A ballot contributes +1 to
 * a handful of counters (its option, its value, its ranking places, its words, the voter count)
 * in the combined scope and, for every-room polls, in its room's scope. The store adds and
 * removes a ballot's counters in the same atomic step that stores the ballot, so the counters
 * are always exactly the sum of the ballots, and reading the results is one small read however
 * many people voted. `resultsFromCounters(countersOf(...))` equals `tallyPoll` on the ballots
 * (checked by a property test).
 *
 * Counter names: `<scope>|<key>`, scope `*` (combined) or a room id; keys `n` (voters),
 * `o:<optionId>` (chosen), `v:<value>` (rating), `p:<place>:<optionId>` (ranking),
 * `w:<word>` (answers using the word).
 */
export const COMBINED_SCOPE = "*";
/** The counter that counts changes: a tally's version. Not a `<scope>|<key>` name. */
export const TALLY_VERSION_COUNTER = "#v";

export type Counters = ReadonlyMap<string, number>;

function keysOf(ballot: Ballot): string[] {
  switch (ballot.kind) {
    case "single":
      return ["n", `o:${ballot.optionId}`];
    case "multiple":
      return ["n", ...ballot.optionIds.map((optionId) => `o:${optionId}`)];
    case "rating":
      return ["n", `v:${ballot.value}`];
    case "ranking":
      return ["n", ...ballot.order.map((optionId, place) => `p:${place}:${optionId}`)];
    case "text":
      // Each word once per answer: the cloud counts people who used a word, not repetitions.
      return ["n", ...[...new Set(wordsOfAnswer(ballot.text))].map((word) => `w:${word}`)];
    default: {
      const unreachable: never = ballot;
      throw new Error(`unknown ballot ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The counters one ballot adds: in the combined scope, and in its room's for every-room polls. */
export function countersOf(definition: PollDefinition, ballot: Ballot, roomId: RoomId | null): string[] {
  const keys = keysOf(ballot);
  const scopes = definition.scope.kind === "everyRoom" && roomId !== null ? [COMBINED_SCOPE, roomId] : [COMBINED_SCOPE];
  return scopes.flatMap((scope) => keys.map((key) => `${scope}|${key}`));
}

/** Counters grouped by scope, zeros dropped. */
function byScope(counters: Counters): Map<string, Map<string, number>> {
  const scopes = new Map<string, Map<string, number>>();
  for (const [name, count] of counters) {
    const bar = name.indexOf("|");
    if (bar < 0 || count <= 0) continue;
    const scope = name.slice(0, bar);
    let keys = scopes.get(scope);
    if (!keys) {
      keys = new Map();
      scopes.set(scope, keys);
    }
    keys.set(name.slice(bar + 1), count);
  }
  return scopes;
}

function choiceTally(options: readonly PollOption[], keys: ReadonlyMap<string, number>): ChoiceTally {
  return {
    counts: options.map((option) => ({ optionId: option.optionId, count: keys.get(`o:${option.optionId}`) ?? 0 })),
    voters: keys.get("n") ?? 0,
  };
}

function ratingTally(scale: number, keys: ReadonlyMap<string, number>): RatingTally {
  let sum = 0;
  let rated = 0;
  const distribution = Array.from({ length: scale }, (_, index) => {
    const value = index + 1;
    const count = keys.get(`v:${value}`) ?? 0;
    sum += value * count;
    rated += count;
    return { value, count };
  });
  return {
    distribution,
    mean: rated === 0 ? null : Math.round((sum * 100) / rated) / 100,
    voters: keys.get("n") ?? 0,
  };
}

function rankingTally(options: readonly PollOption[], keys: ReadonlyMap<string, number>): RankingTally {
  const n = options.length;
  const rows = options.map((option) => {
    const positions = Array.from({ length: n }, (_, place) => keys.get(`p:${place}:${option.optionId}`) ?? 0);
    const points = positions.reduce((sum, count, place) => sum + count * (n - 1 - place), 0);
    return { optionId: option.optionId, points, positions };
  });
  return {
    options: rows.map((row) => ({
      ...row,
      rank: 1 + rows.filter((other) => other.points > row.points).length,
    })),
    voters: keys.get("n") ?? 0,
  };
}

function cloud(keys: ReadonlyMap<string, number>, maxWords: number): WordCloud {
  const words: WordCloud["words"] = [];
  for (const [key, count] of keys) if (key.startsWith("w:")) words.push({ word: key.slice(2), count });
  words.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return { words: words.slice(0, maxWords), answers: null, voters: keys.get("n") ?? 0 };
}

/**
 * The results from a poll's counters. `roomIds`: the rooms of an every-room poll's round, each
 * shown (empty if nobody there voted yet).
 */
export function resultsFromCounters(
  definition: PollDefinition,
  counters: Counters,
  roomIds: readonly RoomId[] = [],
  maxWords = DEFAULT_WORD_CLOUD_SIZE,
): PollResults {
  const scopes = byScope(counters);
  const none = new Map<string, number>();
  const split = <T>(tally: (keys: ReadonlyMap<string, number>) => T): { combined: T; byRoom?: Record<RoomId, T> } => {
    const combined = tally(scopes.get(COMBINED_SCOPE) ?? none);
    if (definition.scope.kind !== "everyRoom") return { combined };
    const byRoom: Record<RoomId, T> = {};
    const rooms = new Set([...roomIds, ...[...scopes.keys()].filter((scope) => scope !== COMBINED_SCOPE)]);
    for (const roomId of [...rooms].sort()) byRoom[roomId] = tally(scopes.get(roomId) ?? none);
    return { combined, byRoom };
  };
  switch (definition.kind) {
    case "single":
    case "multiple": {
      const { options, kind } = definition;
      return { kind, ...split((keys) => choiceTally(options, keys)) };
    }
    case "rating": {
      const { scale } = definition;
      return { kind: "rating", ...split((keys) => ratingTally(scale, keys)) };
    }
    case "text":
      return { kind: "text", ...split((keys) => cloud(keys, maxWords)) };
    case "ranking": {
      const { options } = definition;
      return { kind: "ranking", ...split((keys) => rankingTally(options, keys)) };
    }
    default: {
      const unreachable: never = definition;
      throw new Error(`unknown poll kind ${String((unreachable as { kind: unknown }).kind)}`);
    }
  }
}
