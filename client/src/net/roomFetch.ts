import { commands } from "../../../shared/events.js";
import { workshopState } from "../state/workshopState.js";
import { sendCommand } from "./commands.js";
import { connection } from "./connectionState.js";
import { fetchMyBallots } from "./myBallots.js";

/** How long the room fetches of a round that just opened are spread over. */
const ROOM_FETCH_SPREAD_MS = 1000;
/** Refusals that mean "not now" rather than "not yours": the room fetch is asked again. */
const RETRYABLE_ROOM_REFUSALS: ReadonlySet<string> = new Set(["UNAVAILABLE", "RATE_LIMITED", "CONFLICT", "INTERNAL"]);
const ROOM_RETRY_MIN_MS = 1000;
/** A room answer older than the tab's copy: the node's feed is a batch or two behind (~100 ms each). */
const STALE_ROOM_RETRY_MS = 300;

/**
 * When the viewer lands in a room (moved, picked, assigned, or a room this tab has not
 * loaded), its people, help requests and banners were not theirs to see before: fetch them once.
 */
export async function fetchRoomIfMoved(): Promise<void> {
  const current = connection.socket;
  if (!current || connection.stopped || connection.syncing) return;
  const target = workshopState.roomToFetch();
  if (!target) return;
  const { moved: _moved, ...room } = target;
  const startedIn = connection.epoch;
  // Spread every ask: when a round opens (or a big assignment lands) everyone asks at once.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ROOM_FETCH_SPREAD_MS));
  if (connection.stopped || startedIn !== connection.epoch) {
    workshopState.roomFetchAbandoned(room);
    void fetchRoomIfMoved();
    return;
  }
  const outcome = await sendCommand(current, "breakout:room", room, { attempts: 2 });
  if (connection.stopped || startedIn !== connection.epoch) {
    // The connection changed meanwhile: ask again on the new one (the resync may already have brought it).
    workshopState.roomFetchAbandoned(room);
    void fetchRoomIfMoved();
    return;
  }
  const parsed = outcome.ok ? commands["breakout:room"].result.safeParse(outcome.data) : null;
  if (parsed?.success) {
    // An answer older than this tab's copy is not merged: ask again once the server caught up.
    if (!workshopState.applyRoom(parsed.data)) setTimeout(() => void fetchRoomIfMoved(), STALE_ROOM_RETRY_MS);
    else if (parsed.data.polls.length > 0) void fetchMyBallots();
  } else if (!outcome.ok && (outcome.error.code === "network" || outcome.error.code === "timeout"))
    workshopState.roomFetchAbandoned(room);
  else if (!outcome.ok && RETRYABLE_ROOM_REFUSALS.has(outcome.error.code)) {
    // A busy or briefly unreachable store is not a "no": ask again in a moment, spread out.
    workshopState.roomFetchAbandoned(room);
    setTimeout(() => void fetchRoomIfMoved(), ROOM_RETRY_MIN_MS + Math.random() * ROOM_FETCH_SPREAD_MS * 3);
  } else workshopState.roomRefused(room);
}
