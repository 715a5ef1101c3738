import { REACTION_KINDS } from "../../../shared/hands.js";
import type { WorkshopId } from "../../../shared/ids.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { RedisCore } from "../redis/core.js";
import { decodeReactionCounts, encodeReactionCounts, type ReactionsChannel } from "./port.js";

/** Reaction windows over the workshop's shard channel: a message, never a key. */
export class RedisReactionsChannel implements ReactionsChannel {
  constructor(private readonly core: RedisCore) {}

  async publishReactions(workshopId: WorkshopId, counts: readonly number[]): Promise<void> {
    await this.core.bounded(
      this.core.client.sPublish(this.core.keys(workshopId).reactions, encodeReactionCounts(counts)),
    );
  }

  subscribeReactions(workshopId: WorkshopId, onCounts: (counts: number[]) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).reactions, (message) => {
      const counts = decodeReactionCounts(message, REACTION_KINDS.length);
      if (counts) onCounts(counts);
    });
  }
}
