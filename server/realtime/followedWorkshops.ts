import type { WorkshopId } from "../../shared/ids.js";

/** What every followed workshop's state has: the local sockets that need it. */
export interface Attached {
  sockets: Set<string>;
}

export interface FollowHooks<S extends Attached> {
  /** A new state for the workshop's first local socket, made before anything is awaited. */
  create(workshopId: WorkshopId): S;
  /** Makes the state ready (reads, subscribes). Sockets that attach meanwhile wait for it too. */
  start(workshopId: WorkshopId, state: S): Promise<void>;
  /**
   * The state was dropped: its last socket left, or its start failed. Called once per state,
   * after its start settled (so a subscription under way is there to be undone). `replaced`:
   * a newer state of the same workshop exists already, so what is kept per workshop rather
   * than per state (a throttle's pending run, a cache) belongs to it and stays.
   */
  stop(workshopId: WorkshopId, state: S, replaced: boolean): void;
}

/**
 * The workshops a feed follows on THIS node, and which local sockets need each: the first
 * socket starts following (one start, which every socket attaching meanwhile waits for), the
 * last one to leave stops it.
 *
 * Sockets are tracked by id, not counted: a socket whose session failed to start detaches from
 * every feed, including those it never reached or whose start failed and was dropped, and that
 * must not take the feed away from the sockets still here. (Counting did: a first socket whose
 * start timed out during a Redis hang, while a second socket attached, left the second without
 * poll results for the rest of the session.)
 */
export class FollowedWorkshops<S extends Attached> {
  private readonly states = new Map<WorkshopId, S>();
  private readonly starts = new WeakMap<S, Promise<void>>();

  constructor(private readonly hooks: FollowHooks<S>) {}

  get(workshopId: WorkshopId): S | undefined {
    return this.states.get(workshopId);
  }

  has(workshopId: WorkshopId): boolean {
    return this.states.has(workshopId);
  }

  entries(): IterableIterator<[WorkshopId, S]> {
    return this.states.entries();
  }

  keys(): IterableIterator<WorkshopId> {
    return this.states.keys();
  }

  /** Resolves once the workshop is followed; rejects if its start failed (the socket's session should end). */
  async attach(workshopId: WorkshopId, socketId: string): Promise<void> {
    let state = this.states.get(workshopId);
    if (!state) {
      const created = this.hooks.create(workshopId);
      this.states.set(workshopId, created);
      this.starts.set(created, this.begin(workshopId, created));
      state = created;
    }
    state.sockets.add(socketId);
    await this.starts.get(state);
  }

  /** The socket no longer needs the workshop; a socket that is not attached changes nothing. */
  detach(workshopId: WorkshopId, socketId: string): void {
    const state = this.states.get(workshopId);
    if (!state?.sockets.delete(socketId) || state.sockets.size > 0) return;
    this.states.delete(workshopId);
    // A failed start has stopped its state already (begin).
    void this.starts.get(state)?.then(
      () => this.hooks.stop(workshopId, state, this.states.has(workshopId)),
      () => undefined,
    );
  }

  /** Drops every workshop (the node closes); resolves once each was stopped. */
  async clear(): Promise<void> {
    const all = [...this.states];
    this.states.clear();
    await Promise.all(
      all.map(([workshopId, state]) =>
        this.starts.get(state)?.then(
          () => this.hooks.stop(workshopId, state, false),
          () => undefined,
        ),
      ),
    );
  }

  private async begin(workshopId: WorkshopId, state: S): Promise<void> {
    try {
      await this.hooks.start(workshopId, state);
    } catch (error) {
      // Every socket waiting on this start fails with it (their sessions end; clients try again),
      // and the next socket to attach starts afresh rather than joining a state that never started.
      if (this.states.get(workshopId) === state) this.states.delete(workshopId);
      this.hooks.stop(workshopId, state, this.states.has(workshopId));
      throw error;
    }
  }
}
