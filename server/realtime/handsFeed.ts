import type { HandsView } from "../../shared/hands.js";
import type { WorkshopId } from "../../shared/ids.js";
import { handsViewFor, seesHandsQueue } from "../domain/hands/queue.js";
import type { Membership } from "../domain/membership.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { HandsService } from "../services/handsService.js";
import type { Stores } from "../store/stores.js";
import { rooms, type WorkshopServer } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

/**
 * Delivers the speaker queue to the sockets on THIS node after it changed, coalesced (at most
 * once per interval per workshop). Facilitators get it whole, each person in it their own
 * place; everyone else one shared message (how many wait), encoded once. Every message is a
 * whole view with the queue's version, so a missed one is repaired by the next or by
 * `hands:queue` on reconnect. Logs ids only.
 */
export class HandsFeed extends WorkshopFollower<FollowerState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly stores: Pick<Stores, "hands">,
    private readonly hands: HandsService,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected initialState(): InitialState<FollowerState> {
    return {};
  }

  protected subscribe(workshopId: WorkshopId): Promise<Unsubscribe> {
    return this.stores.hands.subscribeHands(workshopId, () => this.schedule(workshopId));
  }

  protected async flush(workshopId: WorkshopId): Promise<void> {
    try {
      const members = this.membersOf(workshopId);
      const anyFacilitator = [...members.values()].some(seesHandsQueue);
      const { queue, nameOf } = await this.hands.namedQueue(workshopId, anyFacilitator);
      const inQueue = new Set([...queue.called, ...queue.waiting]);
      const personal: string[] = [];
      for (const [socketId, membership] of members) {
        if (!seesHandsQueue(membership) && !inQueue.has(membership.participantId)) continue;
        personal.push(socketId);
        this.io.local.to(socketId).emit("hands:changed", handsViewFor(queue, membership, nameOf));
      }
      const shared: HandsView = { version: queue.version, waiting: queue.waiting.length, mine: null, queue: null };
      this.io.local.to(rooms.workshop(workshopId)).except(personal).emit("hands:changed", shared);
    } catch (error) {
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "hands flush failed",
      );
      this.schedule(workshopId);
    }
  }
}
