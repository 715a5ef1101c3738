import type { WorkshopId } from "../../shared/ids.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import { KeyedThrottle } from "./throttle.js";

/** What every follower keeps per workshop: how many local sockets need it, and its store subscription. */
export interface FollowerState {
  sockets: number;
  unsubscribe: Unsubscribe | null;
}

/**
 * A feed that follows a workshop on THIS node while the node has sockets in it: the first
 * socket starts a store subscription, the last one ends it, and changes are delivered by a
 * coalescing flush (at most once per interval per workshop). Subclasses say how to subscribe
 * and what a flush sends.
 */
export abstract class WorkshopFollower<S extends FollowerState> {
  protected readonly states = new Map<WorkshopId, S>();
  private readonly throttle: KeyedThrottle<WorkshopId>;

  constructor(intervalMs: number) {
    this.throttle = new KeyedThrottle(intervalMs, async (workshopId) => {
      const state = this.states.get(workshopId);
      if (state) await this.flush(workshopId, state);
    });
  }

  /** The state of a workshop the node starts following (may read the store). */
  protected abstract initialState(workshopId: WorkshopId): S | Promise<S>;
  /** Subscribes to the store's notifications; call schedule() from the callback. */
  protected abstract subscribe(workshopId: WorkshopId, state: S): Promise<Unsubscribe>;
  protected abstract flush(workshopId: WorkshopId, state: S): Promise<void>;

  async attach(workshopId: WorkshopId): Promise<void> {
    const existing = this.states.get(workshopId);
    if (existing) {
      existing.sockets++;
      return;
    }
    // Registered before anything is awaited, so sockets attaching meanwhile are counted.
    const placeholder: FollowerState = { sockets: 1, unsubscribe: null };
    this.states.set(workshopId, placeholder as S);
    const initial = await this.initialState(workshopId);
    const state = Object.assign(placeholder, initial, { sockets: placeholder.sockets, unsubscribe: null }) as S;
    const unsubscribe = await this.subscribe(workshopId, state);
    if (this.states.get(workshopId) === state) state.unsubscribe = unsubscribe;
    else await unsubscribe();
  }

  detach(workshopId: WorkshopId): void {
    const state = this.states.get(workshopId);
    if (!state) return;
    state.sockets--;
    if (state.sockets > 0) return;
    this.states.delete(workshopId);
    this.throttle.forget(workshopId);
    void state.unsubscribe?.().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.throttle.close();
    for (const [workshopId, state] of this.states) {
      await state.unsubscribe?.().catch(() => undefined);
      this.states.delete(workshopId);
    }
  }

  protected schedule(workshopId: WorkshopId): void {
    if (this.states.has(workshopId)) this.throttle.request(workshopId);
  }
}
