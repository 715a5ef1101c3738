/**
 * Causes noted while placing, for the report: the report itself is computed from the final
 * placement (so no broken wish goes unreported), but only the step that broke a wish knows why.
 */
export interface Troubles {
  /** why a keepTogether cluster, by its union-find root, could not stay in one room */
  together: Map<number, string>;
  /** why a tag value ended up sharing rooms, where the cause is known */
  group: Map<string, string>;
}

export function newTroubles(): Troubles {
  return { together: new Map(), group: new Map() };
}

/** The first cause found for a value stands: it is the one nearest the root of the trouble. */
export function noteGroupTrouble(troubles: Troubles, value: string, reason: string): void {
  if (!troubles.group.has(value)) troubles.group.set(value, reason);
}
