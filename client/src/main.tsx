import { render } from "preact";
import { App } from "./app.js";
import { loadLanguage, t } from "./i18n/index.js";
import { leaveNow, setBeforeExit } from "./net/exit.js";
import { startHandsSync } from "./net/hands.js";
import { startOutbox } from "./net/outbox.js";
import { startQnaSync } from "./net/qna.js";
import { watchConnectivity } from "./net/reconnect.js";
import { startSupportSync } from "./net/support.js";
import { forgetNotesOnDevice } from "./notes/notesStore.js";
import { listenToHistory } from "./router.js";
import { keepLastState } from "./state/lastState.js";
import { session } from "./state/session.js";
import { clearSessionStorage } from "./state/sessionStore.js";
import { supportPanelOpen } from "./state/supportState.js";
import { takePrerenderedJoin } from "./views/prerenderedJoin.js";
import "./styles/index.css";

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");

if (location.pathname === "/exit") {
  clearSessionStorage();
  // Again on the neutral page: deleting the notes' databases may not have finished before it loaded.
  forgetNotesOnDevice();
}

setBeforeExit(() => render(null, root));
listenToHistory();
watchConnectivity();
startQnaSync();
startSupportSync();
startHandsSync();
startOutbox();
keepLastState();

// The app shell for offline use (client/build/serviceWorker.ts). Registered after the page
// loaded: on a weak link, the first screen comes before the shell's own downloads.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // No shell offline (an http origin other than localhost, a private window): the app works online.
    });
  });
}

/** Quick exit from the keyboard: Escape twice within a short moment. */
const ESCAPE_WINDOW_MS = 800;
let lastEscape = 0;
addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || location.pathname === "/exit") return;
  const now = performance.now();
  if (now - lastEscape < ESCAPE_WINDOW_MS) void leaveNow();
  lastEscape = now;
});

/** "I need support" from the keyboard, wherever focus is: Alt+Shift+S. */
addEventListener("keydown", (event) => {
  if (!event.altKey || !event.shiftKey || event.code !== "KeyS" || !session.peek()) return;
  event.preventDefault();
  supportPanelOpen.value = true;
});

/** A page brought back from the back/forward cache after a quick exit must not show anything. */
addEventListener("pageshow", (event) => {
  if (event.persisted && location.pathname !== "/exit" && root.childElementCount === 0) location.replace("/exit");
});

// The person's language first (its catalog is loaded on demand), then the first screen in it.
void loadLanguage().then(() => {
  document.title = t("app.name");
  takePrerenderedJoin(root);
  render(<App />, root);
});
