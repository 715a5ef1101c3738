import { commands, serverEvents } from "../../../shared/events.js";
import { refreshClock } from "../state/clock.js";
import { type EventBatch, workshopState } from "../state/workshopState.js";
import { sendCommand } from "./commands.js";
import { connection } from "./connectionState.js";
import { fetchRoomIfMoved } from "./roomFetch.js";
import { fetchRosterIfNeeded } from "./roster.js";
import { endIfOver } from "./sessionEnd.js";

/** Batches that arrive while a resync is in flight: replayed after it, so nothing is dropped. */
let heldBatches: EventBatch[] = [];

/** A new connection (or none): a resync of the old one no longer counts, nor what it held. */
export function resetResync(): void {
  connection.syncing = false;
  heldBatches = [];
}

/** `workshop:events`: applied in order; held while a resync is in flight; unreadable: resync. */
export function onWorkshopEvents(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["workshop:events"].payload.safeParse(payload);
  if (!parsed.success) {
    void requestSync(true);
    return;
  }
  if (connection.syncing) {
    heldBatches.push(parsed.data);
    return;
  }
  applyBatch(parsed.data);
}

function applyBatch(eventBatch: EventBatch): void {
  if (
    eventBatch.events.some(
      (event) =>
        event.type === "breakout:round" || event.type === "breakout:roundStatus" || event.type === "help:updated",
    )
  )
    refreshClock();
  if (workshopState.applyBatch(eventBatch) === "gap") {
    heldBatches.push(eventBatch);
    void requestSync(false);
    return;
  }
  afterChange();
}

/** What the rules flagged: a new facilitator takes a snapshot (they see everything now), a moved viewer fetches their room. */
function afterChange(): void {
  if (endIfOver()) return;
  if (workshopState.snapshotNeeded) void requestSync(true);
  else void fetchRoomIfMoved();
  if (workshopState.rosterNeeded) void fetchRosterIfNeeded();
}

/** Fetches what was missed (or everything when `full`), then replays the batches held meanwhile. */
export async function requestSync(full: boolean): Promise<void> {
  const current = connection.socket;
  if (!current || connection.syncing || connection.stopped) return;
  connection.syncing = true;
  const startedIn = connection.epoch;
  const payload = !full && workshopState.hasSnapshot ? { sinceVersion: workshopState.version } : {};
  const outcome = await sendCommand(current, "workshop:sync", payload, { attempts: 1 });
  if (connection.stopped || startedIn !== connection.epoch) return;
  connection.syncing = false;
  const result = outcome.ok ? commands["workshop:sync"].result.safeParse(outcome.data) : null;
  if (!result?.success) {
    // The next batch shows the gap again and retries; a reconnect resyncs in its handshake.
    heldBatches = [];
    return;
  }
  if (!workshopState.applySync(result.data)) {
    await requestSync(true);
    return;
  }
  const held = heldBatches;
  heldBatches = [];
  for (const eventBatch of held) {
    if (connection.syncing) heldBatches.push(eventBatch);
    else applyBatch(eventBatch);
  }
  afterChange();
}
