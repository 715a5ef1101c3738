import { commands } from "../../../shared/events.js";
import { workshopState } from "../state/workshopState.js";
import { sendCommand } from "./commands.js";
import { connection } from "./connectionState.js";

/**
 * The viewer's own ballots, after every `session:ready` (a reload, a reconnect, another device)
 * and after entering a room (its polls were not theirs to see before): the cards then show
 * "Your vote" instead of an empty form.
 */
export async function fetchMyBallots(): Promise<void> {
  const current = connection.socket;
  if (!current || connection.stopped) return;
  const startedIn = connection.epoch;
  const outcome = await sendCommand(current, "poll:mine", {}, { attempts: 2 });
  if (connection.stopped || startedIn !== connection.epoch || !outcome.ok) return;
  const parsed = commands["poll:mine"].result.safeParse(outcome.data);
  if (parsed.success) workshopState.applyMyBallots(parsed.data.ballots, parsed.data.retracted);
}
