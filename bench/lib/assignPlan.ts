/**
 * The workshop the assignment bench builds: who carries which language tag, which rooms have a
 * capacity, which pairs are kept together or apart. Deterministic, so every run (and every
 * load generator) agrees on it without talking.
 */

/** Six languages, in the proportions of a large international workshop (percent of the tagged people). */
export const LANGUAGES: ReadonlyArray<readonly [string, number]> = [
  ["en", 35],
  ["es", 20],
  ["fr", 15],
  ["de", 12],
  ["pt", 10],
  ["ja", 8],
];

/** Share of participants who set a language tag. */
export const TAGGED_SHARE = 0.6;

/** An integer hash of (seed, index) mapped to [0, 1): the same draw for the same participant every run. */
function draw(seed: number, index: number): number {
  let x = (Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(seed, 0x85ebca77)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/** The language participant i sets, or null (no tag). */
export function languageOf(index: number): string | null {
  if (draw(1, index) >= TAGGED_SHARE) return null;
  let left = draw(2, index) * 100;
  for (const [language, weight] of LANGUAGES) {
    if (left < weight) return language;
    left -= weight;
  }
  return LANGUAGES[0]?.[0] ?? null;
}

export interface PlannedRoom {
  name: string;
  capacity: number | null;
}

/** Every fourth room has a capacity a little above the average room size; the rest have none. */
export function plannedRooms(rooms: number, people: number): PlannedRoom[] {
  const capacity = Math.max(2, Math.ceil((1.2 * people) / rooms));
  return Array.from({ length: rooms }, (_, index) => ({
    name: `Room ${index + 1}`,
    capacity: index % 4 === 3 ? capacity : null,
  }));
}

/**
 * `together` pairs then `apart` pairs, drawn from a seeded shuffle of the ids: nobody is in two
 * pairs while there are enough people, so the pairs are independent wishes.
 */
export function plannedPairs(
  ids: readonly string[],
  together: number,
  apart: number,
  random: () => number,
): { keepTogether: Array<[string, string]>; keepApart: Array<[string, string]> } {
  const shuffled = [...ids];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = shuffled[i]!;
    shuffled[i] = shuffled[j]!;
    shuffled[j] = item;
  }
  const pairs: Array<[string, string]> = [];
  if (shuffled.length >= 2) {
    for (let k = 0; pairs.length < together + apart; k++) {
      const a = shuffled[(2 * k) % shuffled.length]!;
      const b = shuffled[(2 * k + 1) % shuffled.length]!;
      if (a !== b) pairs.push([a, b]);
    }
  }
  return { keepTogether: pairs.slice(0, together), keepApart: pairs.slice(together) };
}
