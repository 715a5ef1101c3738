import { batch } from "@preact/signals";
import { serverEvents } from "../../../shared/events.js";
import { PROTOCOL_VERSION } from "../../../shared/protocol.js";
import type { HandshakeAuth } from "../../../shared/workshop.js";
import { navigate, parseRoute } from "../router.js";
import { setServerTime } from "../state/clock.js";
import { qnaState } from "../state/qnaState.js";
import { joinError, joinStillTrying, notice, session, socketStatus } from "../state/session.js";
import { readSessionToken, writeSessionToken } from "../state/sessionStore.js";
import { workshopState } from "../state/workshopState.js";
import { onChatMessages } from "./chat.js";
import { onConnectError } from "./connectErrors.js";
import { forwardNotes, tellFollowersLost, tellFollowersReady } from "./connectionFollowers.js";
import { connection } from "./connectionState.js";
import { onHandsChanged, onReactionsBurst } from "./hands.js";
import { fetchMyBallots } from "./myBallots.js";
import { resetRetries, scheduleRetry } from "./reconnect.js";
import { onWorkshopEvents, requestSync, resetResync } from "./resync.js";
import { fetchRoomIfMoved } from "./roomFetch.js";
import { fetchRosterIfNeeded } from "./roster.js";
import { endIfOver, endSession, fail } from "./sessionEnd.js";
import { type AppSocket, createSocket } from "./socket.js";
import { onSupportChanged, onSupportCount } from "./support.js";

/** The tab's socket, made on first use with every server event wired to the code that handles it. */
export function ensureSocket(): AppSocket {
  if (connection.socket) return connection.socket;
  const created = createSocket(currentAuth);
  created.on("session:ready", onSessionReady);
  created.on("workshop:events", onWorkshopEvents);
  created.on("breakout:counts", onCounts);
  created.on("poll:results", onPollResults);
  created.on("qna:changed", onQnaChanged);
  created.on("support:changed", onSupportChanged);
  created.on("support:count", onSupportCount);
  created.on("hands:changed", onHandsChanged);
  created.on("reactions:burst", onReactionsBurst);
  created.on("chat:messages", onChatMessages);
  created.on("notes:update", (payload) => forwardNotes("notes:update", payload));
  created.on("notes:awareness", (payload) => forwardNotes("notes:awareness", payload));
  created.on("session:revoked", (payload) => {
    const parsed = serverEvents["session:revoked"].payload.safeParse(payload);
    endSession(parsed.success ? parsed.data.reason : "removed");
  });
  created.on("disconnect", onDisconnect);
  created.on("connect_error", onConnectError);
  created.io.on("reconnect_attempt", () => {
    if (!connection.stopped) socketStatus.value = connection.firstAuth ? "connecting" : "reconnecting";
  });
  created.io.on("reconnect_failed", () => {
    if (!connection.stopped) socketStatus.value = "gaveUp";
  });
  connection.socket = created;
  return created;
}

/**
 * Called by socket.io before every connection attempt: the session token (with the version this
 * tab has, so the server sends only what was missed) once there is one, else the first way in.
 */
function currentAuth(): HandshakeAuth | Record<string, never> {
  const token = session.value?.sessionToken ?? readSessionToken();
  if (token) {
    // The people list's setting travels with every (re)connection: the first state is cut for it.
    const watchRoster = workshopState.watchesRoster;
    return workshopState.hasSnapshot
      ? { sessionToken: token, sinceVersion: workshopState.version, protocol: PROTOCOL_VERSION, watchRoster }
      : { sessionToken: token, protocol: PROTOCOL_VERSION, watchRoster };
  }
  return connection.firstAuth ?? {};
}

function onSessionReady(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["session:ready"].payload.safeParse(payload);
  if (!parsed.success) {
    fail("PROTOCOL_MISMATCH");
    return;
  }
  const { session: view, sync, serverTime } = parsed.data;
  setServerTime(serverTime);
  writeSessionToken(view.sessionToken);
  connection.firstAuth = null;
  resetRetries();
  connection.epoch++;
  resetResync();
  const fitted = batch(() => {
    session.value = view;
    joinError.value = null;
    // The tab got its connection after all (another tab or device was closed).
    if (notice.value === "TOO_MANY_CONNECTIONS") notice.value = null;
    joinStillTrying.value = false;
    socketStatus.value = "connected";
    workshopState.setSelf(view.participantId);
    return workshopState.applySync(sync);
  });
  if (!fitted || workshopState.snapshotNeeded) void requestSync(true);
  if (endIfOver()) return;
  void fetchRoomIfMoved();
  void fetchRosterIfNeeded();
  void fetchMyBallots();
  tellFollowersReady();
  if (parseRoute(location.pathname).name !== "workshop") navigate("/w", { replace: true });
}

function onDisconnect(reason: string): void {
  if (connection.stopped) return;
  connection.epoch++;
  resetResync();
  socketStatus.value = connection.firstAuth ? "connecting" : "reconnecting";
  tellFollowersLost();
  // socket.io retries lost transports by itself, but not a disconnect the server asked for (e.g. a node shutting down).
  if (reason === "io server disconnect") scheduleRetry();
}

function onCounts(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["breakout:counts"].payload.safeParse(payload);
  if (parsed.success) workshopState.applyCounts(parsed.data);
}

function onPollResults(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["poll:results"].payload.safeParse(payload);
  if (parsed.success) workshopState.applyPollResults(parsed.data);
}

/** Q&A changes (net/qna.ts fetches the boards; these keep them current). Unreadable: fetch the boards again. */
function onQnaChanged(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["qna:changed"].payload.safeParse(payload);
  qnaState.applyChanged(
    parsed.success ? parsed.data : { rev: 0, questions: [], removed: [], settings: [], reset: true },
  );
}
