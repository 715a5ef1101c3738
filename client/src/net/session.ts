import { batch } from "@preact/signals";
import type { CommandName, CommandPayload } from "../../../shared/events.js";
import { PROTOCOL_VERSION } from "../../../shared/protocol.js";
import { restoreLastState } from "../state/lastState.js";
import {
  type ClientErrorCode,
  endedBy,
  joinError,
  joinStillTrying,
  notice,
  reportAccess,
  session,
  socketStatus,
} from "../state/session.js";
import { clearSessionStorage, readSessionToken } from "../state/sessionStore.js";
import { workshopState } from "../state/workshopState.js";
import { type CommandOutcome, type SendOptions, sendCommand } from "./commands.js";
import { ensureSocket } from "./connect.js";
import { connection, type FirstAuth } from "./connectionState.js";
import { isQueued, sendQueued } from "./outbox.js";
import { clearRetry } from "./reconnect.js";

/*
 * The session of this tab: starting one, resuming it after a reload, and sending commands on it.
 * The connection itself: connect.ts (and connectErrors.ts, reconnect.ts, resync.ts); how it ends:
 * sessionEnd.ts and exit.ts.
 */

/** Join with a code, or enter with the facilitator key: a new person in a workshop. */
export function startSession(auth: FirstAuth): void {
  clearRetry();
  connection.stopped = false;
  // One joinId per join: if the handshake is retried before session:ready arrives, the
  // server resumes the person the first attempt created instead of adding a second one.
  connection.firstAuth = { ...auth, joinId: crypto.randomUUID(), protocol: PROTOCOL_VERSION };
  clearSessionStorage();
  const current = ensureSocket();
  if (current.active) current.disconnect();
  // Writes of an earlier session still waiting for a connection must never reach this new one.
  current.sendBuffer = [];
  batch(() => {
    session.value = null;
    endedBy.value = null;
    reportAccess.value = null;
    joinError.value = null;
    joinStillTrying.value = false;
    notice.value = null;
    socketStatus.value = "connecting";
    workshopState.reset();
  });
  current.connect();
}

/** After a reload: come back with the stored token. Returns false when there is nothing to resume. */
export function resumeSession(): boolean {
  if (connection.socket?.active || session.value) return true;
  const token = readSessionToken();
  if (!token) return false;
  connection.stopped = false;
  connection.firstAuth = null;
  // What this tab last saw, on screen at once (offline too); the connection brings what changed since.
  restoreLastState(token);
  socketStatus.value = "connecting";
  ensureSocket().connect();
  return true;
}

export type RunOptions = {
  /** Refusals the calling view explains itself (e.g. ROOM_FULL next to the room): no global notice for them. */
  quiet?: readonly ClientErrorCode[];
  /** Timeout and attempts of this command (default: sendCommand's). */
  send?: SendOptions;
};

/**
 * Sends a command on the session's socket and waits for its answer (the outbox's commands as long
 * as the connection is away: net/outbox.ts). A refusal is shown in the workshop's notice unless
 * the caller says it explains that code itself. Null: no session.
 */
export async function runCommand<C extends CommandName>(
  name: C,
  payload: CommandPayload<C>,
  options: RunOptions = {},
): Promise<CommandOutcome<C> | null> {
  const current = connection.socket;
  if (!current) return null;
  // What people do offline (votes, questions...) waits for the connection instead of failing.
  const outcome = (
    isQueued(name)
      ? await sendQueued(name, payload as CommandPayload<typeof name>)
      : await sendCommand(current, name, payload, options.send)
  ) as CommandOutcome<C> | null;
  if (!outcome) return null;
  if (!outcome.ok && !connection.stopped && !options.quiet?.includes(outcome.error.code))
    notice.value = outcome.error.code;
  return outcome;
}
