import type { RevokeReason } from "../../shared/events.js";
import type { WorkshopId } from "../../shared/ids.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Store, Unsubscribe } from "../store/types.js";
import { rooms, type WorkshopServer } from "./types.js";

interface FeedState {
  /** Local sockets in this workshop; the feed unsubscribes when none are left. */
  sockets: number;
  /** Highest version this node has sent to its sockets: batches are consecutive from here. */
  lastSent: number;
  lastFlushAt: number;
  timer: NodeJS.Timeout | null;
  flushing: boolean;
  unsubscribe: Unsubscribe | null;
}

export interface EventFeedOptions {
  /** Least time between two batches for one workshop on this node (coalescing). */
  intervalMs: number;
  /** How often to compare versions with the store, in case a change notification was lost. */
  safetyPollMs: number;
}

/**
 * Delivers each workshop's event log to the sockets on THIS node, coalesced. Every node reads
 * the same ordered log from the store, so every client gets consecutive versions whichever
 * node it is on, and a join storm of N people costs one batch per socket per tick, not N
 * messages per socket. Side effects of events (revoking a removed person's sockets) happen
 * here too, so they hold on every node without a separate message that could be lost.
 */
export class EventFeed {
  private readonly feeds = new Map<WorkshopId, FeedState>();
  private readonly safetyPoll: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly io: WorkshopServer,
    private readonly store: Store,
    private readonly options: EventFeedOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.safetyPoll = setInterval(() => void this.pollVersions(), options.safetyPollMs);
    this.safetyPoll.unref();
  }

  async attach(workshopId: WorkshopId): Promise<void> {
    const existing = this.feeds.get(workshopId);
    if (existing) {
      existing.sockets++;
      return;
    }
    const state: FeedState = {
      sockets: 1,
      lastSent: 0,
      lastFlushAt: 0,
      timer: null,
      flushing: false,
      unsubscribe: null,
    };
    this.feeds.set(workshopId, state);
    state.lastSent = await this.store.currentVersion(workshopId);
    const unsubscribe = await this.store.subscribe(workshopId, () => this.schedule(workshopId));
    if (this.feeds.get(workshopId) === state) state.unsubscribe = unsubscribe;
    else await unsubscribe();
  }

  detach(workshopId: WorkshopId): void {
    const state = this.feeds.get(workshopId);
    if (!state) return;
    state.sockets--;
    if (state.sockets > 0) return;
    this.feeds.delete(workshopId);
    if (state.timer) clearTimeout(state.timer);
    void state.unsubscribe?.().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.safetyPoll);
    for (const [workshopId, state] of this.feeds) {
      if (state.timer) clearTimeout(state.timer);
      await state.unsubscribe?.().catch(() => undefined);
      this.feeds.delete(workshopId);
    }
  }

  private schedule(workshopId: WorkshopId): void {
    const state = this.feeds.get(workshopId);
    if (!state || state.timer || this.closed) return;
    const wait = Math.max(0, state.lastFlushAt + this.options.intervalMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.flush(workshopId, state);
    }, wait);
  }

  private async flush(workshopId: WorkshopId, state: FeedState): Promise<void> {
    if (state.flushing) {
      this.schedule(workshopId);
      return;
    }
    state.flushing = true;
    state.lastFlushAt = Date.now();
    try {
      const events = await this.store.eventsSince(workshopId, state.lastSent);
      if (this.feeds.get(workshopId) !== state) return;
      if (events === null) {
        // This node fell further behind than the log reaches: tell clients to take a snapshot.
        const version = await this.store.currentVersion(workshopId);
        this.emitBatch(workshopId, state, version + 1, version, []);
        state.lastSent = version;
        return;
      }
      if (events.length === 0) return;
      const toVersion = events[events.length - 1]?.v ?? state.lastSent;
      this.emitBatch(workshopId, state, state.lastSent + 1, toVersion, events);
      this.applySideEffects(workshopId, events);
    } catch (error) {
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "feed flush failed",
      );
      this.schedule(workshopId);
    } finally {
      state.flushing = false;
    }
  }

  private emitBatch(
    workshopId: WorkshopId,
    state: FeedState,
    fromVersion: number,
    toVersion: number,
    events: WorkshopEvent[],
  ): void {
    state.lastSent = Math.max(state.lastSent, toVersion);
    this.io.local.to(rooms.workshop(workshopId)).emit("workshop:events", { fromVersion, toVersion, events });
    this.metrics.eventBatches.inc();
  }

  private applySideEffects(workshopId: WorkshopId, events: WorkshopEvent[]): void {
    for (const event of events) {
      if (event.type === "participant:removed") {
        this.revoke(rooms.participant(workshopId, event.participantId), event.reason);
      } else if (event.type === "workshop:updated" && event.workshop.status === "ended") {
        this.revoke(rooms.workshop(workshopId), "workshop_ended");
      }
    }
  }

  private revoke(room: string, reason: RevokeReason): void {
    const socketIds = this.io.of("/").adapter.rooms.get(room);
    for (const socketId of [...(socketIds ?? [])]) {
      const socket = this.io.of("/").sockets.get(socketId);
      if (!socket) continue;
      socket.emit("session:revoked", { reason });
      socket.disconnect(true);
    }
  }

  private async pollVersions(): Promise<void> {
    for (const [workshopId, state] of this.feeds) {
      try {
        if ((await this.store.currentVersion(workshopId)) > state.lastSent) this.schedule(workshopId);
      } catch {
        // The store is down; the next poll tries again.
      }
    }
  }
}
