import { batch, computed, signal } from "@preact/signals";
import type { ParticipantId } from "../../../shared/ids.js";
import type { ParticipantView, SyncResult, WorkshopEvent, WorkshopView } from "../../../shared/workshop.js";
import {
  applyEventBatch,
  applySyncResult,
  type BatchOutcome,
  emptyWorkshopState,
  type WorkshopState,
} from "../../../shared/workshopState.js";
import { locale } from "../i18n/index.js";

export type EventBatch = { fromVersion: number; toVersion: number; events: readonly WorkshopEvent[] };

const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });

/** Facilitators first, then by name; the id breaks ties so the order is stable. */
export function compareParticipants(a: ParticipantView, b: ParticipantView): number {
  const aFirst = a.role === "facilitator" ? 0 : 1;
  const bFirst = b.role === "facilitator" ? 0 : 1;
  if (aFirst !== bFirst) return aFirst - bFirst;
  const byName = collator.compare(a.displayName, b.displayName);
  if (byName !== 0) return byName;
  return a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0;
}

/**
 * The browser's copy of one workshop. The rules for applying snapshots and batches are the
 * shared ones (shared/workshopState.ts, the same the tests use); this class only makes them
 * observable. Participants stay in a Map (O(1) per event) and one `revision` signal tells
 * views that something changed, so a batch of k events costs O(k) to apply plus one
 * O(n log n) sort when a view next reads the list.
 */
export class ReactiveWorkshopState {
  private readonly state: WorkshopState = emptyWorkshopState();
  private readonly revision = signal(0);
  readonly workshop = signal<WorkshopView | null>(null);

  get version(): number {
    return this.state.version;
  }

  get hasSnapshot(): boolean {
    return this.state.version >= 0;
  }

  readonly sorted = computed(() => {
    this.revision.value;
    return [...this.state.participants.values()].sort(compareParticipants);
  });

  readonly onlineCount = computed(() => {
    this.revision.value;
    let online = 0;
    for (const participant of this.state.participants.values()) if (participant.online) online++;
    return online;
  });

  readonly total = computed(() => {
    this.revision.value;
    return this.state.participants.size;
  });

  /** Reactive lookup: a view calling this re-renders when the list changes. */
  participant(participantId: ParticipantId): ParticipantView | undefined {
    this.revision.value;
    return this.state.participants.get(participantId);
  }

  reset(): void {
    this.changed(() => {
      const empty = emptyWorkshopState();
      this.state.version = empty.version;
      this.state.workshop = empty.workshop;
      this.state.participants = empty.participants;
    });
  }

  /** A pushed batch: "ignored" before the first snapshot or when already applied, "gap" when facts are missing. */
  applyBatch(eventBatch: EventBatch): BatchOutcome {
    let outcome: BatchOutcome = "ignored";
    this.changed(() => {
      outcome = applyEventBatch(this.state, eventBatch);
    });
    return outcome;
  }

  /** The answer of `workshop:sync`, or the `sync` of `session:ready`. False: it did not fit, take a snapshot. */
  applySync(result: SyncResult): boolean {
    let fitted = false;
    this.changed(() => {
      fitted = applySyncResult(this.state, result);
    });
    return fitted;
  }

  private changed(mutate: () => void): void {
    batch(() => {
      mutate();
      this.workshop.value = this.state.workshop;
      this.revision.value++;
    });
  }
}

/** The one workshop this tab is in. */
export const workshopState = new ReactiveWorkshopState();
