import type { HandChange } from "../../../shared/hands.js";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { type MemoryCore, WorkshopSlices } from "../memory/core.js";
import type { HandOutcome, HandsStore, StoredHands } from "./port.js";

interface HandsSlice {
  /** Insertion order is the order of raising (a hand raised again keeps its entry). */
  waiting: Set<ParticipantId>;
  /** Insertion order is the order of calling. */
  called: Set<ParticipantId>;
  seq: number;
  listeners: Set<(version: number) => void>;
}

/** The speaker queue in this process (one node), dropped with the workshop's purge. */
export class MemoryHandsStore implements HandsStore {
  private readonly slices: WorkshopSlices<HandsSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({
      waiting: new Set(),
      called: new Set(),
      seq: 0,
      listeners: new Set(),
    }));
  }

  async raise(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome> {
    return this.step(workshopId, command, (slice) => {
      if (slice.waiting.has(participantId) || slice.called.has(participantId)) return { who: participantId };
      slice.waiting.add(participantId);
      return { who: participantId, changed: true };
    });
  }

  async lower(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome> {
    return this.step(workshopId, command, (slice) => lowered(slice, participantId));
  }

  async call(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId | null): Promise<HandOutcome> {
    return this.step(workshopId, command, (slice) => {
      const who = participantId ?? slice.waiting.values().next().value;
      if (who === undefined) return null;
      if (slice.waiting.delete(who)) {
        slice.called.add(who);
        return { who, changed: true };
      }
      return slice.called.has(who) ? { who } : null;
    });
  }

  async drop(workshopId: WorkshopId, participantId: ParticipantId): Promise<boolean> {
    const outcome = await this.step(workshopId, null, (slice) => lowered(slice, participantId));
    return outcome.status === "applied";
  }

  async hands(workshopId: WorkshopId): Promise<StoredHands> {
    const slice = this.slices.peek(workshopId);
    return { version: slice?.seq ?? 0, called: [...(slice?.called ?? [])], waiting: [...(slice?.waiting ?? [])] };
  }

  async subscribeHands(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    const { listeners } = this.slices.slice(workshopId);
    listeners.add(onChange);
    return async () => {
      listeners.delete(onChange);
    };
  }

  /** One step as the Redis script takes it: the command record, the workshop, the change, its record, the notice. */
  private step(
    workshopId: WorkshopId,
    command: CommandRef | null,
    act: (slice: HandsSlice) => { who: ParticipantId; changed?: true } | null,
  ): HandOutcome {
    if (command) {
      const earlier = this.core.priorResult<HandChange>(workshopId, command);
      if (earlier !== null) return { status: "duplicate", change: earlier };
    }
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const acted = act(slice);
    if (!acted) return { status: "none" };
    if (acted.changed) slice.seq++;
    const change: HandChange = { version: slice.seq, participantId: acted.who, hand: handOf(slice, acted.who) };
    if (command) this.core.remember(workshopId, command, JSON.stringify(change));
    const version = slice.seq;
    // Told outside this call, like a Redis message.
    if (acted.changed) for (const listener of slice.listeners) queueMicrotask(() => listener(version));
    return { status: acted.changed ? "applied" : "unchanged", change };
  }
}

function lowered(slice: HandsSlice, participantId: ParticipantId): { who: ParticipantId; changed?: true } {
  const removed = slice.waiting.delete(participantId) || slice.called.delete(participantId);
  return removed ? { who: participantId, changed: true } : { who: participantId };
}

function handOf(slice: HandsSlice, participantId: ParticipantId): HandChange["hand"] {
  if (slice.called.has(participantId)) return { status: "called", position: null };
  let position = 0;
  for (const waiting of slice.waiting) {
    position++;
    if (waiting === participantId) return { status: "waiting", position };
  }
  return null;
}
