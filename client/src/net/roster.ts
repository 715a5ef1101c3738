import { commands } from "../../../shared/events.js";
import { workshopState } from "../state/workshopState.js";
import { sendCommand } from "./commands.js";
import { connection } from "./connectionState.js";

/** An answer that did not fit the copy's version is asked again after this long, a few times. */
const RETRY_MS = 300;
const MAX_TRIES = 5;

let asking = false;

/**
 * Opens or closes the people list. Open: every person of an open roster, live, for as long as
 * it stays open; closed: counts and the people the viewer meets (shared/audience.ts). The next
 * connection carries the setting in its handshake; a closing needs no answer to take effect here.
 */
export function watchRoster(watching: boolean): void {
  if (workshopState.watchesRoster === watching) return;
  workshopState.setWatchingRoster(watching);
  const current = connection.socket;
  if (watching) void fetchRosterIfNeeded();
  else if (current?.connected) void sendCommand(current, "roster:watch", { watching: false }, { attempts: 1 });
}

/** When the open list's copy lacks the whole roster (just opened, or a snapshot cut before): ask for it. */
export async function fetchRosterIfNeeded(): Promise<void> {
  if (asking) return;
  asking = true;
  try {
    for (let tries = 0; tries < MAX_TRIES && workshopState.rosterNeeded; tries++) {
      const current = connection.socket;
      if (!current?.connected || connection.stopped || connection.syncing) return;
      const startedIn = connection.epoch;
      const outcome = await sendCommand(current, "roster:watch", { watching: true }, { attempts: 1 });
      if (startedIn !== connection.epoch || !workshopState.watchesRoster) return;
      const parsed = outcome.ok ? commands["roster:watch"].result.safeParse(outcome.data) : null;
      if (parsed?.success && workshopState.applyRosterWatch(parsed.data)) return;
      // The copy moved past the answer (or the server was busy): ask again once it settles.
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * (tries + 1)));
    }
  } finally {
    asking = false;
  }
}
