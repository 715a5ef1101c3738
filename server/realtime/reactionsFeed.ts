import { addCounts, noReactions, REACTION_KINDS, type ReactionKind, totalOf } from "../../shared/hands.js";
import type { WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import { viewerOfMembership } from "../domain/membership.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { ReactionsChannel } from "../store/reactions/port.js";
import type { LocalMembers } from "./eventFeed.js";
import { createRateLimiter } from "./rateLimit.js";
import { KeyedThrottle } from "./throttle.js";
import { rooms, type WorkshopServer, type WorkshopSocket } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

interface ReactionsState extends FollowerState {
  /** This node's reactions not yet published (a count per kind: never who). */
  outgoing: number[];
  /** Every node's published windows heard, not yet delivered. */
  incoming: number[];
}

export interface ReactionsOptions {
  /** Least time between two bursts to the viewers of a workshop on this node (REACTIONS_DELIVER_MS). */
  deliverMs: number;
  /** Least time between two windows this node publishes per workshop (REACTIONS_PUBLISH_MS). */
  publishMs: number;
  /** Reactions one connection may send per second, sustained, and at once. */
  perSecond: number;
  burst: number;
}

/**
 * Quick reactions, counted and delivered in bursts. A reaction only bumps a counter of this
 * node (its sender is forgotten at once); each node publishes its counts at most once per
 * `publishMs` to every node (ReactionsChannel), and each node sends its plenary viewers the sum
 * of what it heard at most once per `deliverMs`, one message encoded once for all of them.
 * A storm of N reactions costs each viewer at most 1000/deliverMs messages a second, whatever N.
 */
export class ReactionsFeed extends WorkshopFollower<ReactionsState> {
  private readonly publisher: KeyedThrottle<WorkshopId>;
  private readonly allow: (socket: WorkshopSocket) => boolean;

  constructor(
    private readonly io: WorkshopServer,
    private readonly channel: ReactionsChannel,
    private readonly members: LocalMembers,
    options: ReactionsOptions,
    private readonly logger: Logger,
  ) {
    super(options.deliverMs);
    this.publisher = new KeyedThrottle(options.publishMs, (workshopId) => this.publish(workshopId));
    this.allow = createRateLimiter({ perSecond: options.perSecond, burst: options.burst });
  }

  /** Counts one reaction from a socket in the plenary (a participant inside a breakout room is refused). */
  add(workshopId: WorkshopId, socket: WorkshopSocket, kind: ReactionKind): void {
    const membership = this.members.memberOf(workshopId, socket.id);
    if (!membership) throw new DomainError("INVALID_STATE", "the connection is not ready yet");
    if (viewerOfMembership(membership).roomId !== null && membership.role !== "facilitator") {
      throw new DomainError("INVALID_STATE", "reactions are for the plenary");
    }
    if (!this.allow(socket)) throw new DomainError("RATE_LIMITED", "too many reactions, slow down");
    const state = this.states.get(workshopId);
    if (!state) throw new DomainError("INVALID_STATE", "the connection is not ready yet");
    const index = REACTION_KINDS.indexOf(kind);
    state.outgoing[index] = (state.outgoing[index] ?? 0) + 1;
    this.publisher.request(workshopId);
  }

  override async close(): Promise<void> {
    this.publisher.close();
    await super.close();
  }

  protected initialState(): InitialState<ReactionsState> {
    return { outgoing: noReactions(), incoming: noReactions() };
  }

  protected subscribe(workshopId: WorkshopId, state: ReactionsState): Promise<Unsubscribe> {
    return this.channel.subscribeReactions(workshopId, (counts) => {
      addCounts(state.incoming, counts);
      this.schedule(workshopId);
    });
  }

  protected async flush(workshopId: WorkshopId, state: ReactionsState): Promise<void> {
    const counts = state.incoming;
    if (totalOf(counts) === 0) return;
    state.incoming = noReactions();
    // Only the plenary sees the burst: people inside a breakout room are left out.
    const inRooms: string[] = [];
    for (const [socketId, membership] of this.members.membersOf(workshopId)) {
      if (viewerOfMembership(membership).roomId !== null) inRooms.push(socketId);
    }
    this.io.local.to(rooms.workshop(workshopId)).except(inRooms).emit("reactions:burst", { counts });
  }

  private async publish(workshopId: WorkshopId): Promise<void> {
    const state = this.states.get(workshopId);
    if (!state || totalOf(state.outgoing) === 0) return;
    const counts = state.outgoing;
    state.outgoing = noReactions();
    try {
      await this.channel.publishReactions(workshopId, counts);
    } catch (error) {
      // Dropped, not kept for the next window: a publish that timed out may still have reached
      // Redis (seen under load: 524 of 6,000 reactions shown twice), and a reaction counted twice
      // is worse than one lost. Reactions are a moment's mood, never retried (docs/PROTOCOL.md).
      this.logger.warn(
        { workshopId, err: error instanceof Error ? error.message : String(error) },
        "reactions publish failed",
      );
      this.publisher.request(workshopId);
    }
  }
}
