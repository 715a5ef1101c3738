import type { WorkshopId } from "../../shared/ids.js";
import type { UnversionedEvent } from "../../shared/workshop.js";
import type { CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import type { RecordWrite, WorkshopStore } from "../store/workshop/port.js";

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
export async function decideAndCommit<T>(
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
  const earlier = await store.commandResult<T>(workshopId, command);
  if (earlier !== null) return earlier;
  for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
    let decision: Decision<T>;
    try {
      decision = await decide();
    } catch (error) {
      const raced = error instanceof DomainError ? await store.commandResult<T>(workshopId, command) : null;
      if (raced !== null) return raced;
      throw error;
    }
    const outcome = await store.commit(workshopId, command, { ...decision, ...commitOptions });
    if (outcome.status === "applied") await onApplied?.();
    if (outcome.status !== "conflict") return outcome.result;
  }
  throw new DomainError("CONFLICT", "the state kept changing; try again");
}
