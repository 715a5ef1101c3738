import type { ParsedPayload } from "../../shared/events.js";
import type { HandChange, HandsView } from "../../shared/hands.js";
import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { type HandsQueue, handsViewFor, seesHandsQueue, withoutGone } from "../domain/hands/queue.js";
import type { ParticipantRecord } from "../domain/records.js";
import type { HandOutcome } from "../store/hands/port.js";
import type { Stores } from "../store/stores.js";

/** The queue with the names of the people in it, read once for every viewer of a flush. */
export interface NamedQueue {
  queue: HandsQueue;
  nameOf(participantId: ParticipantId): string;
}

/**
 * The plenary's speaker queue: raise, lower, call, and each viewer's cut of it. A hand holds the
 * person's id only; facilitators see names (read from the roster when needed), others their own
 * place and how many wait. The store makes every step atomic and at most once per command.
 */
export class HandsService {
  constructor(private readonly stores: Pick<Stores, "hands" | "workshops" | "breakout">) {}

  async raise(who: CommandContext, command: CommandRef): Promise<HandChange> {
    try {
      await this.requirePlenary(who);
    } catch (error) {
      // A retry of a raise that landed before the person went into a room gets its first result.
      const first = await this.stores.workshops.commandResult<HandChange>(who.workshopId, command);
      if (first !== null) return first;
      throw error;
    }
    return changed(await this.stores.hands.raise(who.workshopId, command, who.participantId));
  }

  /** Your own hand, or anyone's as a facilitator. */
  async lower(who: CommandContext, command: CommandRef, payload: ParsedPayload<"hands:lower">): Promise<HandChange> {
    const target = payload.participantId ?? who.participantId;
    if (target !== who.participantId && !seesHandsQueue(who.actor)) {
      throw new DomainError("FORBIDDEN", "only facilitators lower other people's hands");
    }
    return changed(await this.stores.hands.lower(who.workshopId, command, target));
  }

  async call(who: CommandContext, command: CommandRef, payload: ParsedPayload<"hands:call">): Promise<HandChange> {
    const outcome = await this.stores.hands.call(who.workshopId, command, payload.participantId ?? null);
    if (outcome.status !== "none") return outcome.change;
    throw payload.participantId
      ? new DomainError("NOT_FOUND", "that person has no raised hand")
      : new DomainError("INVALID_STATE", "no hand is raised");
  }

  async view(who: CommandContext): Promise<HandsView> {
    const named = await this.namedQueue(who.workshopId, seesHandsQueue(who.actor));
    return handsViewFor(named.queue, who.actor, named.nameOf);
  }

  /**
   * The queue now, without people who are gone (their hands are dropped here too, in case the
   * node that saw them go did not), with names when `withNames` (someone will see them).
   */
  async namedQueue(workshopId: WorkshopId, withNames: boolean): Promise<NamedQueue> {
    const stored = await this.stores.hands.hands(workshopId);
    const ids = [...stored.called, ...stored.waiting];
    if (ids.length === 0) return { queue: stored, nameOf: () => "" };
    const records = new Map<ParticipantId, ParticipantRecord | null>();
    await Promise.all(
      ids.map(async (participantId) =>
        records.set(participantId, await this.stores.workshops.getParticipant(workshopId, participantId)),
      ),
    );
    const isHere = (participantId: ParticipantId) => records.get(participantId)?.status === "active";
    for (const participantId of ids) if (!isHere(participantId)) void this.drop(workshopId, participantId);
    return {
      queue: withoutGone(stored, isHere),
      nameOf: (participantId) => (withNames ? (records.get(participantId)?.displayName ?? "") : ""),
    };
  }

  /** The person left or was removed: their hand goes (idempotent; every node may do it). */
  async drop(workshopId: WorkshopId, participantId: ParticipantId): Promise<void> {
    await this.stores.hands.drop(workshopId, participantId).catch(() => false);
  }

  /** Hands are for the plenary: a participant inside a running breakout room talks in the room. */
  private async requirePlenary(who: CommandContext): Promise<void> {
    const roundId = who.workshop.currentRoundId;
    if (!roundId || seesHandsQueue(who.actor)) return;
    const [round, roomId] = await Promise.all([
      this.stores.breakout.getRound(who.workshopId, roundId),
      this.stores.breakout.getAssignment(who.workshopId, roundId, who.participantId),
    ]);
    if (round && isRunning(round) && roomId) {
      throw new DomainError("INVALID_STATE", "hands are raised in the plenary, not in a breakout room");
    }
  }
}

/** lower and raise always find something to act on (no hand: unchanged). */
function changed(outcome: HandOutcome): HandChange {
  if (outcome.status === "none") throw new DomainError("NOT_FOUND", "no such hand");
  return outcome.change;
}
