import type { RoomId } from "../../../shared/ids.js";
import type {
  Ballot,
  ChoiceTally,
  MultipleBallot,
  PollDefinition,
  PollOption,
  PollResults,
  RankingBallot,
  RankingTally,
  RatingBallot,
  RatingTally,
  SingleBallot,
  TextBallot,
  WordCloud,
} from "../../../shared/poll.js";
import { STOP_WORD_LOCALES, type StopWordLocale, stopWordsFor } from "./stopWords.js";

/**
 * Pure tallies of a poll's ballots: no I/O, no clock. The caller passes the current ballots,
 * one per voter (a changed vote replaces the old ballot before it gets here), each already
 * accepted by validateBallot against the same definition. Anything outside the definition
 * (an unknown option, a rating off the scale, a ballot of another kind) is skipped rather than
 * thrown on, so one bad record cannot stop the results of everyone else; `voters` counts the
 * ballots passed in. Output order is deterministic (the poll's option order, or a total order
 * for words), so every node computes byte-identical results from the same ballots.
 */

export const DEFAULT_WORD_CLOUD_SIZE = 100;
const ALL_STOP_WORDS = stopWordsFor(STOP_WORD_LOCALES);

export function tallyChoice(
  options: readonly PollOption[],
  ballots: readonly (SingleBallot | MultipleBallot)[],
): ChoiceTally {
  const counts = new Map(options.map((option) => [option.optionId, 0]));
  for (const ballot of ballots) {
    const chosen = ballot.kind === "single" ? [ballot.optionId] : new Set(ballot.optionIds);
    for (const optionId of chosen) {
      const count = counts.get(optionId);
      if (count !== undefined) counts.set(optionId, count + 1);
    }
  }
  return { counts: [...counts].map(([optionId, count]) => ({ optionId, count })), voters: ballots.length };
}

export function tallyRating(scale: number, ballots: readonly RatingBallot[]): RatingTally {
  const counts = new Array<number>(scale).fill(0);
  let sum = 0;
  let rated = 0;
  for (const { value } of ballots) {
    if (!Number.isInteger(value) || value < 1 || value > scale) continue;
    counts[value - 1] = (counts[value - 1] ?? 0) + 1;
    sum += value;
    rated += 1;
  }
  return {
    distribution: counts.map((count, index) => ({ value: index + 1, count })),
    // From the integer sum, so 2.675 rounds as a person would, not as 2.675 * 100 in binary would.
    mean: rated === 0 ? null : Math.round((sum * 100) / rated) / 100,
    voters: ballots.length,
  };
}

/** Borda count: with n options, place 1 earns n-1 points, place 2 n-2, ..., last place 0. */
export function tallyRanking(options: readonly PollOption[], ballots: readonly RankingBallot[]): RankingTally {
  const n = options.length;
  const rows = new Map(
    options.map((option) => [option.optionId, { points: 0, positions: new Array<number>(n).fill(0) }]),
  );
  for (const ballot of ballots) {
    for (const [place, optionId] of ballot.order.entries()) {
      const row = rows.get(optionId);
      if (!row || place >= n) continue;
      row.points += n - 1 - place;
      row.positions[place] = (row.positions[place] ?? 0) + 1;
    }
  }
  const allPoints = [...rows.values()].map((row) => row.points);
  return {
    options: [...rows].map(([optionId, row]) => ({
      optionId,
      points: row.points,
      rank: 1 + allPoints.filter((points) => points > row.points).length,
      positions: row.positions,
    })),
    voters: ballots.length,
  };
}

export interface WordCloudOptions {
  /** Whose stop words to drop; default all supported languages, since one forum mixes them. */
  locales?: readonly StopWordLocale[] | undefined;
  /** Keep the most frequent this many words. */
  maxWords?: number | undefined;
}

/**
 * Words of open-text answers, counted once per answer ("how many people said it"), so that one
 * answer repeating a word, or a reduplicated plural such as Indonesian anak-anak, weighs once.
 */
export function wordCloud(answers: readonly string[], options: WordCloudOptions = {}): WordCloud {
  const stopWords = options.locales ? stopWordsFor(options.locales) : ALL_STOP_WORDS;
  return {
    words: rankWords(
      answers.map((answer) => wordsOfAnswer(answer, stopWords)),
      options.maxWords,
    ),
    answers: [...answers],
    voters: answers.length,
  };
}

/**
 * The cloud from each answer's words (wordsOfAnswer). Segmenting is the costly step (about
 * 0.1 ms an answer), so a caller re-tallying often can segment each answer once, when it is
 * cast, and pass the word lists here.
 */
export function rankWords(
  wordsPerAnswer: readonly (readonly string[])[],
  maxWords = DEFAULT_WORD_CLOUD_SIZE,
): WordCloud["words"] {
  const counts = new Map<string, number>();
  for (const words of wordsPerAnswer) {
    for (const word of new Set(words)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, maxWords);
}

/**
 * Word boundaries come from Intl.Segmenter (ICU) for every language, not from spaces: Thai and
 * Khmer write no spaces between words and ICU's dictionaries cut them; for spaced scripts it
 * agrees with splitting on spaces and punctuation, keeps "don't" whole and drops punctuation and
 * emoji (not word-like). The segmenter's locale does not change word breaks (ICU picks the
 * dictionary by script), so one fixed locale keeps every node's output identical.
 */
const SEGMENTER = new Intl.Segmenter("en", { granularity: "word" });
/** Root-locale case folding: the same on every host, whatever its LANG. */
const CASE_LOCALE = "und";
const HYPHENS = new Set(["-", "\u2010", "\u2011"]);
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** NFC, runs of whitespace to one space, trimmed, lower case, typographic apostrophes to '. */
export function normaliseAnswer(answer: string): string {
  return answer
    .normalize("NFC")
    .replace(/\s+/gu, " ")
    .trim()
    .toLocaleLowerCase(CASE_LOCALE)
    .replace(/[\u2018\u2019\u02BC]/gu, "'");
}

/** The cloud's words of one answer, in order, stop words removed. Hyphenated words stay whole. */
export function wordsOfAnswer(answer: string, stopWords: ReadonlySet<string> = ALL_STOP_WORDS): string[] {
  const tokens: string[] = [];
  let joinNext = false;
  let afterWord = false;
  for (const segment of SEGMENTER.segment(normaliseAnswer(answer))) {
    if (segment.isWordLike) {
      const last = tokens.length - 1;
      if (joinNext && last >= 0) tokens[last] = `${tokens[last]}-${segment.segment}`;
      else tokens.push(segment.segment);
      joinNext = false;
      afterWord = true;
    } else {
      joinNext = afterWord && HYPHENS.has(segment.segment);
      afterWord = false;
    }
  }
  return tokens
    .map((token) => token.replace(EDGE_PUNCTUATION, ""))
    .filter((token) => HAS_LETTER_OR_DIGIT.test(token) && !stopWords.has(token));
}

/** Where a ballot was cast: its room for room and every-room polls, null in the plenary. */
export interface PlacedBallot {
  roomId: RoomId | null;
  ballot: Ballot;
}

export interface TallyPollOptions extends WordCloudOptions {
  /** Rooms of an every-room poll's round: each gets a tally, an empty one if nobody there voted. */
  roomIds?: readonly RoomId[] | undefined;
}

/**
 * The results of one poll. For an every-room poll, `combined` is the tally over all ballots
 * (not an average of room results) and `byRoom` one tally per room; a ballot with no room
 * (someone voting from the plenary) counts in `combined` only.
 */
export function tallyPoll(
  definition: PollDefinition,
  ballots: readonly PlacedBallot[],
  options: TallyPollOptions = {},
): PollResults {
  const perRoom = definition.scope.kind === "everyRoom";
  const split = <T>(tally: (ballots: Ballot[]) => T): { combined: T; byRoom?: Record<RoomId, T> } => {
    const combined = tally(ballots.map((placed) => placed.ballot));
    if (!perRoom) return { combined };
    const groups = new Map<RoomId, Ballot[]>((options.roomIds ?? []).map((roomId) => [roomId, []]));
    for (const { roomId, ballot } of ballots) {
      if (roomId === null) continue;
      const group = groups.get(roomId);
      if (group) group.push(ballot);
      else groups.set(roomId, [ballot]);
    }
    const byRoom: Record<RoomId, T> = {};
    for (const [roomId, group] of groups) byRoom[roomId] = tally(group);
    return { combined, byRoom };
  };
  switch (definition.kind) {
    case "single":
    case "multiple": {
      const { options: choices, kind } = definition;
      return { kind, ...split((all) => tallyChoice(choices, all.filter(isKind(kind)))) };
    }
    case "rating": {
      const { scale } = definition;
      return { kind: "rating", ...split((all) => tallyRating(scale, all.filter(isKind("rating")))) };
    }
    case "text":
      return {
        kind: "text",
        ...split((all) =>
          wordCloud(
            all.filter(isKind("text")).map((ballot: TextBallot) => ballot.text),
            options,
          ),
        ),
      };
    case "ranking": {
      const { options: choices } = definition;
      return { kind: "ranking", ...split((all) => tallyRanking(choices, all.filter(isKind("ranking")))) };
    }
    default: {
      const unreachable: never = definition;
      throw new Error(`unknown poll kind ${String((unreachable as { kind: unknown }).kind)}`);
    }
  }
}

function isKind<K extends Ballot["kind"]>(kind: K) {
  return (ballot: Ballot): ballot is Extract<Ballot, { kind: K }> => ballot.kind === kind;
}
