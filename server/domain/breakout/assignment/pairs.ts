import type { Roster } from "./roster.js";
import type { AssignmentConstraints } from "./types.js";

type Pair = readonly [string, string];

/** The same key for (a, b) and (b, a). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Drops self-pairs and repeats (either order), keeping the first spelling. */
export function distinctPairs(pairs: ReadonlyArray<Pair> | undefined): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const [a, b] of pairs ?? []) {
    if (a === b) continue;
    const key = pairKey(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([a, b]);
  }
  return out;
}

/** Union-find with path halving: keepTogether is transitive, so pairs join into clusters. */
export class UnionFind {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }

  find(start: number): number {
    const parent = this.parent;
    let node = start;
    while (parent[node] !== node) {
      const grand = parent[parent[node]!]!;
      parent[node] = grand;
      node = grand;
    }
    return node;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/**
 * Each person's partners, both ways, in pair order, for pairs whose two people are both on the
 * roster (a pair naming someone absent constrains nobody; the report still names it).
 */
export function partnersOf(
  pairs: ReadonlyArray<Pair>,
  roster: Roster,
  onPair?: (a: number, b: number) => void,
): Map<number, number[]> {
  const partners = new Map<number, number[]>();
  const link = (from: number, to: number) => {
    const list = partners.get(from);
    if (list) list.push(to);
    else partners.set(from, [to]);
  };
  for (const [a, b] of pairs) {
    const ia = roster.indexOf.get(a);
    const ib = roster.indexOf.get(b);
    if (ia === undefined || ib === undefined) continue;
    onPair?.(ia, ib);
    link(ia, ib);
    link(ib, ia);
  }
  return partners;
}

export interface PairWishes {
  together: Array<[string, string]>;
  apart: Array<[string, string]>;
  /** keepTogether partners; a person is in a cluster exactly when this has them */
  togetherPartners: Map<number, number[]>;
  apartPartners: Map<number, number[]>;
  clusters: UnionFind;
}

/** Step 4. The pair wishes, deduplicated, as partner lists and keepTogether clusters. */
export function readPairs(constraints: AssignmentConstraints, roster: Roster): PairWishes {
  const clusters = new UnionFind(roster.ids.length);
  const together = distinctPairs(constraints.keepTogether);
  const togetherPartners = partnersOf(together, roster, (a, b) => clusters.union(a, b));
  const apart = distinctPairs(constraints.keepApart);
  return { together, apart, togetherPartners, apartPartners: partnersOf(apart, roster), clusters };
}

/** Whether two people on the roster are in one keepTogether cluster. */
export function inOneCluster(pairs: PairWishes, a: number, b: number): boolean {
  return (
    pairs.togetherPartners.has(a) && pairs.togetherPartners.has(b) && pairs.clusters.find(a) === pairs.clusters.find(b)
  );
}
