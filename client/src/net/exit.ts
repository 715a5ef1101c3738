import { forgetNotesOnDevice } from "../notes/notesStore.js";
import { forgetQnaOnDevice } from "../state/qnaStore.js";
import { session } from "../state/session.js";
import { clearSessionStorage } from "../state/sessionStore.js";
import { newCommandId, sendCommand } from "./commands.js";
import { connection } from "./connectionState.js";
import { clearRetry } from "./reconnect.js";

let exited = false;
let leaving = false;
let beforeExit: () => void = () => {};

/** Lets the app wipe its DOM before leaving, so a page restored from the back/forward cache shows nothing. */
export function setBeforeExit(callback: () => void): void {
  beforeExit = callback;
}

/** The quick exit began: nothing may start a session in this page any more (a Join still waiting for its code). */
export function hasExited(): boolean {
  return exited || leaving;
}

/** Wipes everything this tab knows and replaces the page with a neutral one (Back cannot return). */
export function exitToNeutralPage(): void {
  if (exited) return;
  exited = true;
  connection.stopped = true;
  clearRetry();
  connection.socket?.disconnect();
  clearSessionStorage();
  forgetQnaOnDevice();
  forgetNotesOnDevice();
  beforeExit();
  document.title = "";
  location.replace("/exit");
}

/** Quick exit: tell the server (at most ~1 s), then leave no matter what. */
export async function leaveNow(): Promise<void> {
  if (leaving) return;
  leaving = true;
  const current = connection.socket;
  if (current?.connected && session.value) {
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, 1000));
    const leave = sendCommand(
      current,
      "session:leave",
      { commandId: newCommandId() },
      { timeoutMs: 1000, attempts: 1 },
    );
    await Promise.race([leave, deadline]);
  }
  exitToNeutralPage();
}
