import type { WorkshopId } from "../../shared/ids.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import { type Attached, FollowedWorkshops } from "./followedWorkshops.js";
import { KeyedThrottle } from "./throttle.js";

/** What every follower keeps per workshop: which local sockets need it, and its store subscription. */
export interface FollowerState extends Attached {
  unsubscribe: Unsubscribe | null;
}

/** What a follower's own state adds to FollowerState, made when its workshop's first socket attaches. */
export type InitialState<S extends FollowerState> = Omit<S, keyof FollowerState>;

/**
 * A feed that follows a workshop on THIS node while the node has sockets in it: the first
 * socket starts a store subscription, the last one ends it, and changes are delivered by a
 * coalescing flush (at most once per interval per workshop). Subclasses say how to subscribe
 * and what a flush sends.
 */
export abstract class WorkshopFollower<S extends FollowerState> {
  protected readonly states: FollowedWorkshops<S>;
  private readonly throttle: KeyedThrottle<WorkshopId>;

  constructor(intervalMs: number) {
    this.throttle = new KeyedThrottle(intervalMs, async (workshopId) => {
      const state = this.states.get(workshopId);
      if (state) await this.flush(workshopId, state);
    });
    this.states = new FollowedWorkshops<S>({
      create: () => ({ sockets: new Set<string>(), unsubscribe: null }) as FollowerState as S,
      start: async (workshopId, state) => {
        Object.assign(state, await this.initialState(workshopId));
        state.unsubscribe = await this.subscribe(workshopId, state);
      },
      stop: (workshopId, state, replaced) => {
        if (!replaced) {
          this.throttle.forget(workshopId);
          this.stopped(workshopId);
        }
        void state.unsubscribe?.().catch(() => undefined);
      },
    });
  }

  /** The state of a workshop the node starts following (may read the store). */
  protected abstract initialState(workshopId: WorkshopId): InitialState<S> | Promise<InitialState<S>>;
  /** Subscribes to the store's notifications; call schedule() from the callback. */
  protected abstract subscribe(workshopId: WorkshopId, state: S): Promise<Unsubscribe>;
  protected abstract flush(workshopId: WorkshopId, state: S): Promise<void>;
  /** The node stopped following the workshop (no newer state of it): release what is kept per workshop. */
  protected stopped(_workshopId: WorkshopId): void {}

  /** Resolves once the workshop is followed for this socket; rejects if that could not start. */
  attach(workshopId: WorkshopId, socketId: string): Promise<void> {
    return this.states.attach(workshopId, socketId);
  }

  detach(workshopId: WorkshopId, socketId: string): void {
    this.states.detach(workshopId, socketId);
  }

  async close(): Promise<void> {
    this.throttle.close();
    await this.states.clear();
  }

  protected schedule(workshopId: WorkshopId): void {
    if (this.states.has(workshopId)) this.throttle.request(workshopId);
  }
}
