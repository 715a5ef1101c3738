import type { WorkshopId } from "../../../shared/ids.js";
import type { SupportRequestId, SupportRequestView, SupportSettings } from "../../../shared/support.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { type MemoryCore, WorkshopSlices } from "../memory/core.js";
import type { CommitOutcome } from "../workshop/port.js";
import { changedBy, type SupportChange, type SupportChanged, type SupportStore } from "./port.js";

interface SupportSlice {
  requests: Map<SupportRequestId, string>;
  settings: string | null;
  listeners: Set<(changed: SupportChanged) => void>;
}

/** Support requests in this process (one node), dropped with the workshop's purge. */
export class MemorySupportStore implements SupportStore {
  private readonly slices: WorkshopSlices<SupportSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({
      requests: new Map(),
      settings: null,
      listeners: new Set(),
    }));
  }

  async commitSupport<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    change: SupportChange<T>,
  ): Promise<CommitOutcome<T>> {
    const earlier = this.core.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    for (const write of change.writes) {
      const current = write.kind === "request" ? slice.requests.get(write.requestId) : slice.settings;
      if ((current ?? null) !== (write.expected === null ? null : JSON.stringify(write.expected))) {
        return { status: "conflict" };
      }
    }
    for (const write of change.writes) {
      if (write.kind === "request") slice.requests.set(write.requestId, JSON.stringify(write.next));
      else slice.settings = JSON.stringify(write.next);
    }
    this.core.remember(workshopId, command, JSON.stringify(change.result));
    const changed = changedBy(change.writes);
    // Told outside this call, like a Redis message.
    if (change.writes.length > 0) for (const listener of slice.listeners) queueMicrotask(() => listener(changed));
    // Support records have no revision of their own: each request carries its `rev`.
    return { status: "applied", version: 0, result: change.result };
  }

  async getRequest(workshopId: WorkshopId, requestId: SupportRequestId): Promise<SupportRequestView | null> {
    const json = this.slices.peek(workshopId)?.requests.get(requestId);
    return json ? (JSON.parse(json) as SupportRequestView) : null;
  }

  async listRequests(workshopId: WorkshopId): Promise<SupportRequestView[]> {
    return [...(this.slices.peek(workshopId)?.requests.values() ?? [])].map(
      (json) => JSON.parse(json) as SupportRequestView,
    );
  }

  async getSettings(workshopId: WorkshopId): Promise<SupportSettings | null> {
    const json = this.slices.peek(workshopId)?.settings;
    return json ? (JSON.parse(json) as SupportSettings) : null;
  }

  async subscribeSupport(workshopId: WorkshopId, onChange: (changed: SupportChanged) => void): Promise<Unsubscribe> {
    const { listeners } = this.slices.slice(workshopId);
    listeners.add(onChange);
    return async () => {
      listeners.delete(onChange);
    };
  }
}
