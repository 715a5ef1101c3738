import type { ParticipantId } from "./ids.js";
import type { ParticipantView, SyncResult, WorkshopEvent, WorkshopSnapshot, WorkshopView } from "./workshop.js";

/**
 * A client's copy of one workshop and the rules for keeping it exact: the browser and the
 * tests both use this, so what the tests check is what people see.
 */
export interface WorkshopState {
  /** Version of the last applied event; -1 until the first snapshot. */
  version: number;
  workshop: WorkshopView | null;
  participants: Map<ParticipantId, ParticipantView>;
}

export type BatchOutcome = "applied" | "ignored" | "gap";

export function emptyWorkshopState(): WorkshopState {
  return { version: -1, workshop: null, participants: new Map() };
}

export function applySnapshot(state: WorkshopState, snapshot: WorkshopSnapshot): void {
  state.version = snapshot.version;
  state.workshop = snapshot.workshop;
  state.participants = new Map(snapshot.participants.map((participant) => [participant.participantId, participant]));
}

/**
 * Applies a batch of consecutive events fromVersion..toVersion. "gap" means events were
 * missed (the caller resyncs); events the state already contains are skipped, so a batch
 * that overlaps a snapshot is harmless.
 */
export function applyEventBatch(
  state: WorkshopState,
  batch: { fromVersion: number; toVersion: number; events: readonly WorkshopEvent[] },
): BatchOutcome {
  if (state.version < 0 || batch.toVersion <= state.version) return "ignored";
  if (batch.fromVersion > state.version + 1) return "gap";
  for (const event of batch.events) {
    if (event.v > state.version) applyEvent(state, event);
  }
  state.version = batch.toVersion;
  return "applied";
}

/** Applies a `workshop:sync` answer. Returns false when it did not fit (then ask for a snapshot). */
export function applySyncResult(state: WorkshopState, sync: SyncResult): boolean {
  if (sync.kind === "snapshot") {
    applySnapshot(state, sync.snapshot);
    return true;
  }
  if (state.version < 0 || sync.fromVersion > state.version + 1) return false;
  const last = sync.events[sync.events.length - 1]?.v ?? state.version;
  for (const event of sync.events) {
    if (event.v > state.version) applyEvent(state, event);
  }
  state.version = Math.max(state.version, last);
  return true;
}

function applyEvent(state: WorkshopState, event: WorkshopEvent): void {
  switch (event.type) {
    case "participant:upserted": {
      const known = state.participants.get(event.participant.participantId);
      state.participants.set(event.participant.participantId, { ...event.participant, online: known?.online ?? false });
      break;
    }
    case "participant:presence": {
      const known = state.participants.get(event.participantId);
      if (known) state.participants.set(event.participantId, { ...known, online: event.online });
      break;
    }
    case "participant:removed":
      state.participants.delete(event.participantId);
      break;
    case "workshop:updated":
      state.workshop = event.workshop;
      break;
    default: {
      const exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(exhaustive)}`);
    }
  }
}
