import type { WorkshopId } from "../../shared/ids.js";
import type { UnversionedEvent } from "../../shared/workshop.js";
import type { CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import type { CommitOutcome, RecordWrite, WorkshopStore } from "../store/workshop/port.js";

export interface Decision<T> {
  writes: RecordWrite[];
  events: UnversionedEvent[];
  result: T;
}

const MAX_COMMIT_ATTEMPTS = 5;

/**
 * Runs a write at most once per (actor, commandId): a retry returns the first result, even
 * when the decision would now be refused (the first attempt already changed the state).
 * Conflicting concurrent writes re-read and decide again.
 */
export function decideAndCommit<T>(
  store: WorkshopStore,
  workshopId: WorkshopId,
  command: CommandRef,
  decide: () => Promise<Decision<T>>,
  options?: {
    forgetVoterSalt?: boolean;
    /** Runs once this call's own decision was committed (not on a retry's first result, not on a duplicate). */
    onApplied?: () => Promise<void>;
  },
): Promise<T> {
  const { onApplied, ...commitOptions } = options ?? {};
  return commitAtMostOnce(
    () => store.commandResult<T>(workshopId, command),
    decide,
    async (decision) => {
      const outcome = await store.commit(workshopId, command, { ...decision, ...commitOptions });
      if (outcome.status === "applied") await onApplied?.();
      return outcome;
    },
  );
}

/**
 * decideAndCommit for any feature store's commit (Q&A, support): `earlier` finds the command's
 * first result (its record), `commit` applies a decision compare-and-set at most once.
 */
export async function commitAtMostOnce<T, D extends { result: T }>(
  earlier: () => Promise<T | null>,
  decide: () => Promise<D>,
  commit: (decision: D) => Promise<CommitOutcome<T>>,
): Promise<T> {
  const first = await earlier();
  if (first !== null) return first;
  for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
    let decision: D;
    try {
      decision = await decide();
    } catch (error) {
      const raced = error instanceof DomainError ? await earlier() : null;
      if (raced !== null) return raced;
      throw error;
    }
    const outcome = await commit(decision);
    if (outcome.status !== "conflict") return outcome.result;
  }
  throw new DomainError("CONFLICT", "the state kept changing; try again");
}
