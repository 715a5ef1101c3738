import type { WorkshopId } from "../../shared/ids.js";
import type { Membership } from "../domain/membership.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { SupportReader } from "../services/delivery/supportReader.js";
import type { SupportChanged } from "../store/support/port.js";
import type { WorkshopServer } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

interface SupportFeedState extends FollowerState {
  /** What changed since the last flush (ids only). */
  pending: SupportChanged;
}

/**
 * Delivers support changes to the sockets on THIS node that may see them: a request to its
 * person and to the safeguarding leads, a count to facilitators when the workshop allows.
 * Coalesced like every feed; a client (re)connecting asks `support:list` and keeps the highest
 * `rev` of each request, so a change seen twice is harmless. Logs ids only.
 */
export class SupportFeed extends WorkshopFollower<SupportFeedState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly reader: SupportReader,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected initialState(): InitialState<SupportFeedState> {
    return { pending: emptyChanged() };
  }

  protected subscribe(workshopId: WorkshopId, state: SupportFeedState): Promise<Unsubscribe> {
    return this.reader.follow(workshopId, (changed) => {
      state.pending.requestIds.push(...changed.requestIds);
      state.pending.settings ||= changed.settings;
      this.schedule(workshopId);
    });
  }

  protected async flush(workshopId: WorkshopId, state: SupportFeedState): Promise<void> {
    const changed = state.pending;
    state.pending = emptyChanged();
    try {
      const sends = await this.reader.sendsFor(workshopId, changed, this.membersOf(workshopId));
      for (const send of sends) {
        const socket = this.io.local.to(send.socketId);
        for (const request of send.requests) socket.emit("support:changed", { request });
        if (send.count) socket.emit("support:count", send.count);
      }
    } catch (error) {
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "support flush failed",
      );
      state.pending.requestIds.push(...changed.requestIds);
      state.pending.settings ||= changed.settings;
      this.schedule(workshopId);
    }
  }
}

function emptyChanged(): SupportChanged {
  return { requestIds: [], settings: false };
}
