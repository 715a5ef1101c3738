import type { WorkshopId } from "../../../shared/ids.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { ReactionsChannel } from "./port.js";

/** One process: a window is heard by this process's listeners only, outside the publishing call. */
export class MemoryReactionsChannel implements ReactionsChannel {
  private readonly listeners = new Map<WorkshopId, Set<(counts: number[]) => void>>();

  async publishReactions(workshopId: WorkshopId, counts: readonly number[]): Promise<void> {
    for (const listener of this.listeners.get(workshopId) ?? []) queueMicrotask(() => listener([...counts]));
  }

  async subscribeReactions(workshopId: WorkshopId, onCounts: (counts: number[]) => void): Promise<Unsubscribe> {
    let listeners = this.listeners.get(workshopId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(workshopId, listeners);
    }
    listeners.add(onCounts);
    return async () => {
      listeners.delete(onCounts);
      if (listeners.size === 0) this.listeners.delete(workshopId);
    };
  }
}
