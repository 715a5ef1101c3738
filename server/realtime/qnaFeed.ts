import type { WorkshopId } from "../../shared/ids.js";
import type { Membership } from "../domain/membership.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { QnaChangesReader } from "../services/delivery/qnaChangesReader.js";
import type { WorkshopServer } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

interface QnaFeedState extends FollowerState {
  /** The Q&A revision this node has delivered up to. */
  lastRev: number;
}

/**
 * Delivers Q&A changes to the sockets on THIS node, coalesced (invariant 5): a burst of
 * upvotes becomes one `qna:changed` per viewer group per tick carrying the changed questions
 * with their new counts, not one message per vote per viewer. What each socket gets is the
 * reader's to decide (QnaChangesReader: pending and dismissed questions go to moderators
 * only). Clients fetch whole boards with `qna:board` when they connect or change room; this
 * feed keeps them current from there.
 */
export class QnaFeed extends WorkshopFollower<QnaFeedState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly changes: QnaChangesReader,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected async initialState(workshopId: WorkshopId): Promise<InitialState<QnaFeedState>> {
    return { lastRev: await this.changes.revision(workshopId) };
  }

  protected subscribe(workshopId: WorkshopId): Promise<Unsubscribe> {
    return this.changes.follow(workshopId, () => this.schedule(workshopId));
  }

  protected async flush(workshopId: WorkshopId, state: QnaFeedState): Promise<void> {
    try {
      const delivery = await this.changes.changesFor(workshopId, state.lastRev, this.membersOf(workshopId));
      if (!delivery) return;
      for (const { socketIds, payload } of delivery.sends) this.io.local.to(socketIds).emit("qna:changed", payload);
      state.lastRev = delivery.rev;
    } catch (error) {
      this.logger.warn({ workshopId, err: error instanceof Error ? error.message : String(error) }, "qna flush failed");
      this.schedule(workshopId);
    }
  }
}
