import { startHandsSync } from "./net/hands.js";
import { startOutbox } from "./net/outbox.js";
import { startQnaSync } from "./net/qna.js";
import { watchConnectivity } from "./net/reconnect.js";
import { startSupportSync } from "./net/support.js";
import { keepLastState } from "./state/lastState.js";

/*
 * The session's code: the live connection (socket.io-client), the zod schemas that check what
 * arrives and what a form sends, and the syncs that run beside a session. It is a chunk of its
 * own, not in the first script: the join page becomes usable on a weak link without it, and
 * runtimeLoader.ts fetches it as soon as the first screen is up (a Join pressed sooner waits for
 * it). Everything the first script needs from it goes through this module.
 */
export { createWorkshop } from "./net/api.js";
export { resumeSession, startSession } from "./net/session.js";
export { OfflineBanner } from "./views/OfflineBanner.js";
export { SupportDialog } from "./views/support/SupportDialog.js";
export { checkDisplayName, checkJoinCode, checkTitle } from "./views/validation.js";

let started = false;

/** Starts what runs beside any session (once): the browser's connectivity, Q&A and support syncs, the outbox, the kept last state. */
export function startRuntime(): void {
  if (started) return;
  started = true;
  watchConnectivity();
  startQnaSync();
  startSupportSync();
  startHandsSync();
  startOutbox();
  keepLastState();
}
