import type { HandChange } from "../../../shared/hands.js";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import type { HandsQueue } from "../../domain/hands/queue.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";

/** The speaker queue as stored: ids only (domain/hands/queue.ts). */
export type StoredHands = HandsQueue;

/**
 * The outcome of one hands command: `none` when there was no hand to act on (call: nobody
 * waits, or that person has no hand); otherwise the change, which a retry of the same command
 * gets again (`duplicate`) without acting twice.
 */
export type HandOutcome = { status: "applied" | "unchanged" | "duplicate"; change: HandChange } | { status: "none" };

/**
 * The plenary's speaker queue: one atomic step per command (a per-workshop seq gives every raise
 * its exact place across nodes), at most once per CommandRef, every node told the new version.
 * A hand holds a person's id and nothing else (no name, no time). Deleted with the workshop.
 */
export interface HandsStore {
  /** Joins the queue at its end; a raised or called hand keeps its place. */
  raise(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome>;
  /** Lowers the person's hand, waiting or called (no hand: unchanged). */
  lower(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome>;
  /** Calls the person's waiting hand, or the first waiting one (null); already called: unchanged. */
  call(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId | null): Promise<HandOutcome>;
  /** Lowers a hand without a command (its person left or was removed); false when there was none. */
  drop(workshopId: WorkshopId, participantId: ParticipantId): Promise<boolean>;
  /** The whole queue, read at one instant. */
  hands(workshopId: WorkshopId): Promise<StoredHands>;
  /** Called with the new version after every change of the queue, on every node. */
  subscribeHands(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe>;
}
