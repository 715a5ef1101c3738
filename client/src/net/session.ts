import { batch } from "@preact/signals";
import {
  type CommandName,
  type CommandPayload,
  commands,
  type RevokeReason,
  serverEvents,
} from "../../../shared/events.js";
import type { ParticipantId } from "../../../shared/ids.js";
import { type ErrorCode, ErrorCodeSchema, PROTOCOL_VERSION } from "../../../shared/protocol.js";
import type { HandshakeAuth, Role } from "../../../shared/workshop.js";
import { forgetNotesOnDevice } from "../notes/notesStore.js";
import { navigate, parseRoute } from "../router.js";
import { refreshClock, setServerTime } from "../state/clock.js";
import { qnaState } from "../state/qnaState.js";
import { forgetQnaOnDevice } from "../state/qnaStore.js";
import {
  browserOnline,
  type ClientErrorCode,
  endedBy,
  joinError,
  joinStillTrying,
  myRole,
  notice,
  type ReportAccess,
  reportAccess,
  session,
  socketStatus,
} from "../state/session.js";
import { clearSessionStorage, readSessionToken, writeSessionToken } from "../state/sessionStore.js";
import { type EventBatch, workshopState } from "../state/workshopState.js";
import { type CommandOutcome, newCommandId, type SendOptions, sendCommand } from "./commands.js";
import { type AppSocket, createSocket } from "./socket.js";

/** First way in (join code or facilitator key); the session token replaces it after `session:ready`. */
export type FirstAuth = Exclude<HandshakeAuth, { sessionToken: string }>;

let socket: AppSocket | null = null;
let firstAuth: FirstAuth | null = null;
/** The session is over in this tab (left, removed, ended): never reconnect. */
let stopped = false;
let exited = false;
let leaving = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryCount = 0;
let syncing = false;
/** Bumped on every (dis)connection: an answer that arrives for an older connection is dropped. */
let epoch = 0;
/** Batches that arrive while a resync is in flight: replayed after it, so nothing is dropped. */
let heldBatches: EventBatch[] = [];
let beforeExit: () => void = () => {};
/** How long the room fetches of a round that just opened are spread over. */
const ROOM_FETCH_SPREAD_MS = 1000;

/** Lets the app wipe its DOM before leaving, so a page restored from the back/forward cache shows nothing. */
export function setBeforeExit(callback: () => void): void {
  beforeExit = callback;
}

function storedToken(): string | null {
  return session.value?.sessionToken ?? readSessionToken();
}

/** Called by socket.io before every connection attempt. */
function currentAuth(): HandshakeAuth | Record<string, never> {
  const token = storedToken();
  if (token) {
    return workshopState.hasSnapshot
      ? { sessionToken: token, sinceVersion: workshopState.version, protocol: PROTOCOL_VERSION }
      : { sessionToken: token, protocol: PROTOCOL_VERSION };
  }
  return firstAuth ?? {};
}

function ensureSocket(): AppSocket {
  if (socket) return socket;
  const created = createSocket(currentAuth);
  created.on("session:ready", onSessionReady);
  created.on("workshop:events", onWorkshopEvents);
  created.on("breakout:counts", onCounts);
  created.on("poll:results", onPollResults);
  created.on("qna:changed", onQnaChanged);
  created.on("notes:update", (payload) => forwardNotes("notes:update", payload));
  created.on("notes:awareness", (payload) => forwardNotes("notes:awareness", payload));
  created.on("session:revoked", (payload) => {
    const parsed = serverEvents["session:revoked"].payload.safeParse(payload);
    endSession(parsed.success ? parsed.data.reason : "removed");
  });
  created.on("disconnect", onDisconnect);
  created.on("connect_error", onConnectError);
  created.io.on("reconnect_attempt", () => {
    if (!stopped) socketStatus.value = firstAuth ? "connecting" : "reconnecting";
  });
  created.io.on("reconnect_failed", () => {
    if (!stopped) socketStatus.value = "gaveUp";
  });
  socket = created;
  return created;
}

function onSessionReady(payload: unknown): void {
  if (stopped) return;
  const parsed = serverEvents["session:ready"].payload.safeParse(payload);
  if (!parsed.success) {
    fail("PROTOCOL_MISMATCH");
    return;
  }
  const { session: view, sync, serverTime } = parsed.data;
  setServerTime(serverTime);
  writeSessionToken(view.sessionToken);
  firstAuth = null;
  retryCount = 0;
  epoch++;
  syncing = false;
  heldBatches = [];
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
  if (!fitted) void requestSync(true);
  if (endIfOver()) return;
  void fetchRoomIfMoved();
  void fetchMyBallots();
  for (const follower of followers) follower.ready();
  if (parseRoute(location.pathname).name !== "workshop") navigate("/w", { replace: true });
}

/**
 * Shared notes (loaded with the editor, client/src/notes/notesDoc.ts) follow the connection:
 * every `session:ready` (first or after a reconnect), every drop, and their server events.
 */
export interface ConnectionFollower {
  ready(): void;
  lost(): void;
  event(name: "notes:update" | "notes:awareness", payload: unknown): void;
}

const followers = new Set<ConnectionFollower>();

export function followConnection(follower: ConnectionFollower): () => void {
  followers.add(follower);
  return () => followers.delete(follower);
}

function forwardNotes(name: "notes:update" | "notes:awareness", payload: unknown): void {
  if (stopped) return;
  for (const follower of followers) follower.event(name, payload);
}

function onWorkshopEvents(payload: unknown): void {
  if (stopped) return;
  const parsed = serverEvents["workshop:events"].payload.safeParse(payload);
  if (!parsed.success) {
    void requestSync(true);
    return;
  }
  if (syncing) {
    heldBatches.push(parsed.data);
    return;
  }
  applyBatch(parsed.data);
}

function applyBatch(eventBatch: EventBatch): void {
  if (eventBatch.events.some((event) => event.type === "breakout:round" || event.type === "help:updated"))
    refreshClock();
  if (workshopState.applyBatch(eventBatch) === "gap") {
    heldBatches.push(eventBatch);
    void requestSync(false);
    return;
  }
  if (!endIfOver()) void fetchRoomIfMoved();
}

function onCounts(payload: unknown): void {
  if (stopped) return;
  const parsed = serverEvents["breakout:counts"].payload.safeParse(payload);
  if (parsed.success) workshopState.applyCounts(parsed.data);
}

function onPollResults(payload: unknown): void {
  if (stopped) return;
  const parsed = serverEvents["poll:results"].payload.safeParse(payload);
  if (parsed.success) workshopState.applyPollResults(parsed.data);
}

/** Q&A changes (net/qna.ts fetches the boards; these keep them current). Unreadable: fetch the boards again. */
function onQnaChanged(payload: unknown): void {
  if (stopped) return;
  const parsed = serverEvents["qna:changed"].payload.safeParse(payload);
  qnaState.applyChanged(
    parsed.success ? parsed.data : { rev: 0, questions: [], removed: [], settings: [], reset: true },
  );
}

/**
 * The viewer's own ballots, after every `session:ready` (a reload, a reconnect, another device)
 * and after entering a room (its polls were not theirs to see before): the cards then show
 * "Your vote" instead of an empty form.
 */
async function fetchMyBallots(): Promise<void> {
  const current = socket;
  if (!current || stopped) return;
  const startedIn = epoch;
  const outcome = await sendCommand(current, "poll:mine", {}, { attempts: 2 });
  if (stopped || startedIn !== epoch || !outcome.ok) return;
  const parsed = commands["poll:mine"].result.safeParse(outcome.data);
  if (parsed.success) workshopState.applyMyBallots(parsed.data.ballots, parsed.data.retracted);
}

/** Refusals that mean "not now" rather than "not yours": the room fetch is asked again. */
const RETRYABLE_ROOM_REFUSALS: ReadonlySet<string> = new Set(["UNAVAILABLE", "RATE_LIMITED", "CONFLICT", "INTERNAL"]);
const ROOM_RETRY_MIN_MS = 1000;

/**
 * When the viewer lands in a room (moved, picked, assigned, or a room this tab has not
 * loaded), its people, help requests and banners were not theirs to see before: fetch them once.
 */
async function fetchRoomIfMoved(): Promise<void> {
  const current = socket;
  if (!current || stopped || syncing) return;
  const target = workshopState.roomToFetch();
  if (!target) return;
  const { moved: _moved, ...room } = target;
  const startedIn = epoch;
  // When a round opens, everyone in it asks at once: spread those asks over a moment.
  // Spread every ask: when a round opens (or a big assignment lands) everyone asks at once.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ROOM_FETCH_SPREAD_MS));
  if (stopped || startedIn !== epoch) {
    workshopState.roomFetchAbandoned(room);
    void fetchRoomIfMoved();
    return;
  }
  const outcome = await sendCommand(current, "breakout:room", room, { attempts: 2 });
  if (stopped || startedIn !== epoch) {
    // The connection changed meanwhile: ask again on the new one (the resync may already have brought it).
    workshopState.roomFetchAbandoned(room);
    void fetchRoomIfMoved();
    return;
  }
  const parsed = outcome.ok ? commands["breakout:room"].result.safeParse(outcome.data) : null;
  if (parsed?.success) {
    workshopState.applyRoom(parsed.data);
    if (parsed.data.polls.length > 0) void fetchMyBallots();
  } else if (!outcome.ok && (outcome.error.code === "network" || outcome.error.code === "timeout"))
    workshopState.roomFetchAbandoned(room);
  else if (!outcome.ok && RETRYABLE_ROOM_REFUSALS.has(outcome.error.code)) {
    // A busy or briefly unreachable store is not a "no": ask again in a moment, spread out.
    workshopState.roomFetchAbandoned(room);
    setTimeout(() => void fetchRoomIfMoved(), ROOM_RETRY_MIN_MS + Math.random() * ROOM_FETCH_SPREAD_MS * 3);
  } else workshopState.roomRefused(room);
}

/** Fetches what was missed (or everything when `full`), then replays the batches held meanwhile. */
async function requestSync(full: boolean): Promise<void> {
  const current = socket;
  if (!current || syncing || stopped) return;
  syncing = true;
  const startedIn = epoch;
  const payload = !full && workshopState.hasSnapshot ? { sinceVersion: workshopState.version } : {};
  const outcome = await sendCommand(current, "workshop:sync", payload, { attempts: 1 });
  if (stopped || startedIn !== epoch) return;
  syncing = false;
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
    if (syncing) heldBatches.push(eventBatch);
    else applyBatch(eventBatch);
  }
  if (!endIfOver()) void fetchRoomIfMoved();
}

function endIfOver(): boolean {
  if (workshopState.workshop.value?.status !== "ended") return false;
  endSession("workshop_ended");
  return true;
}

function onDisconnect(reason: string): void {
  if (stopped) return;
  epoch++;
  syncing = false;
  heldBatches = [];
  socketStatus.value = firstAuth ? "connecting" : "reconnecting";
  for (const follower of followers) follower.lost();
  // socket.io retries lost transports by itself, but not a disconnect the server asked for (e.g. a node shutting down).
  if (reason === "io server disconnect") scheduleRetry();
}

function errorCodeOf(error: Error): ErrorCode | null {
  const data: unknown = "data" in error ? error.data : undefined;
  if (typeof data !== "object" || data === null || !("code" in data)) return null;
  const code = ErrorCodeSchema.safeParse(data.code);
  return code.success ? code.data : "INTERNAL";
}

function onConnectError(error: Error): void {
  if (stopped) return;
  const code = errorCodeOf(error);
  const current = socket;
  if (code === null) {
    // Network trouble: keep trying.
    if (firstAuth) joinStillTrying.value = true;
    socketStatus.value = firstAuth ? "connecting" : "reconnecting";
    if (current && !current.active) scheduleRetry();
    return;
  }
  if (firstAuth) {
    // A refused join or enter: the form shows why; the person fixes it and tries again.
    batch(() => {
      joinError.value = code;
      joinStillTrying.value = false;
      socketStatus.value = "idle";
    });
    return;
  }
  switch (code) {
    case "SESSION_REVOKED":
      endSession("removed");
      return;
    case "WORKSHOP_ENDED":
      endSession("workshop_ended");
      return;
    case "NOT_FOUND":
      // The workshop was deleted while this tab was away.
      endSession("workshop_deleted");
      return;
    case "UNAUTHORIZED":
    case "BAD_REQUEST":
      forgetSession(code);
      return;
    case "PROTOCOL_MISMATCH":
      fail(code);
      return;
    case "TOO_MANY_CONNECTIONS":
      // The person has too many tabs or devices open: say so, and keep trying (slowly) until one closes.
      notice.value = code;
      socketStatus.value = "reconnecting";
      scheduleRetry();
      return;
    default:
      // UNAVAILABLE, RATE_LIMITED, INTERNAL...: a passing condition; the session is still good.
      socketStatus.value = "reconnecting";
      scheduleRetry();
  }
}

function scheduleRetry(): void {
  if (retryTimer !== undefined || stopped) return;
  const delay = Math.min(30_000, 1000 * 2 ** retryCount) * (0.5 + Math.random() / 2);
  retryCount++;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (!stopped && socket && !socket.connected) socket.connect();
  }, delay);
}

function clearRetry(): void {
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
}

/** Stops for a reason the person must act on (e.g. reload for a new version). */
function fail(code: ErrorCode): void {
  clearRetry();
  socket?.disconnect();
  batch(() => {
    notice.value = code;
    socketStatus.value = "gaveUp";
  });
}

/** The stored token no longer works: back to the join form with the reason. */
function forgetSession(code: ErrorCode): void {
  stopped = true;
  clearRetry();
  socket?.disconnect();
  clearSessionStorage();
  batch(() => {
    session.value = null;
    socketStatus.value = "idle";
    joinError.value = code;
    workshopState.reset();
  });
  navigate("/join", { replace: true });
}

function endSession(reason: RevokeReason): void {
  if (stopped) return;
  stopped = true;
  clearRetry();
  clearSessionStorage();
  // The session is over: nothing on this device should keep saying which questions were this person's.
  const workshopId = session.value?.workshopId;
  if (workshopId) {
    forgetQnaOnDevice(workshopId);
    forgetNotesOnDevice(workshopId);
  }
  socket?.disconnect();
  if (reason === "left") {
    exitToNeutralPage();
    return;
  }
  // A deleted workshop leaves nothing to report on: the tab keeps nothing.
  const reportAfterEnd = reason === "workshop_ended" ? reportAccessOf() : null;
  batch(() => {
    reportAccess.value = reportAfterEnd;
    endedBy.value = reason;
    session.value = null;
    socketStatus.value = "idle";
    notice.value = null;
    workshopState.reset();
  });
}

/** What staff keep to take the outcome report once the workshop has ended (null for participants). */
function reportAccessOf(): ReportAccess | null {
  const me = session.value;
  const role = myRole.value;
  const workshop = workshopState.workshop.value;
  if (!me || !workshop || (role !== "facilitator" && role !== "note-taker")) return null;
  return {
    workshopId: me.workshopId,
    sessionToken: me.sessionToken,
    role,
    title: workshop.title,
    joinCode: workshop.joinCode,
    reportAttribution: workshop.reportAttribution,
    deleteAt: workshop.deleteAt,
    participantNames: workshopState.sorted.value.map((person) => person.displayName),
  };
}

/**
 * The workshop is gone for good (this tab deleted it, or was told so): the neutral "deleted"
 * screen, and nothing of it kept in the tab, the report access included.
 */
export function showWorkshopDeleted(): void {
  if (!stopped) {
    endSession("workshop_deleted");
    return;
  }
  batch(() => {
    reportAccess.value = null;
    endedBy.value = "workshop_deleted";
  });
}

/** Join with a code, or enter with the facilitator key: a new person in a workshop. */
export function startSession(auth: FirstAuth): void {
  clearRetry();
  stopped = false;
  // One joinId per join: if the handshake is retried before session:ready arrives, the
  // server resumes the person the first attempt created instead of adding a second one.
  firstAuth = { ...auth, joinId: crypto.randomUUID(), protocol: PROTOCOL_VERSION };
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
  if (socket?.active || session.value) return true;
  if (!readSessionToken()) return false;
  stopped = false;
  firstAuth = null;
  socketStatus.value = "connecting";
  ensureSocket().connect();
  return true;
}

/** Wipes everything this tab knows and replaces the page with a neutral one (Back cannot return). */
export function exitToNeutralPage(): void {
  if (exited) return;
  exited = true;
  stopped = true;
  clearRetry();
  socket?.disconnect();
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
  const current = socket;
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

export type RunOptions = {
  /** Refusals the calling view explains itself (e.g. ROOM_FULL next to the room): no global notice for them. */
  quiet?: readonly ClientErrorCode[];
  /** Timeout and attempts of this command (default: sendCommand's). */
  send?: SendOptions;
};

/**
 * Sends a command on the session's socket and waits for its answer. A refusal is shown in
 * the workshop's notice unless the caller says it explains that code itself. Null: no session.
 */
export async function runCommand<C extends CommandName>(
  name: C,
  payload: CommandPayload<C>,
  options: RunOptions = {},
): Promise<CommandOutcome<C> | null> {
  const current = socket;
  if (!current) return null;
  const outcome = await sendCommand(current, name, payload, options.send);
  if (!outcome.ok && !stopped && !options.quiet?.includes(outcome.error.code)) notice.value = outcome.error.code;
  return outcome;
}

function runWrite<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<CommandOutcome<C> | null> {
  return runCommand(name, payload);
}

export function setRole(participantId: ParticipantId, role: Role) {
  return runWrite("participant:setRole", { commandId: newCommandId(), participantId, role });
}

export function removeParticipant(participantId: ParticipantId) {
  return runWrite("participant:remove", { commandId: newCommandId(), participantId });
}

export function endWorkshop() {
  return runWrite("workshop:end", { commandId: newCommandId() });
}

/** Facilitators: whether new questions and polls start anonymous. The switch explains a refusal itself. */
export function setAnonymityDefault(anonymousByDefault: boolean) {
  return runCommand(
    "workshop:setAnonymityDefault",
    { commandId: newCommandId(), anonymousByDefault },
    { quiet: ["FORBIDDEN", "WORKSHOP_ENDED", "network", "timeout"] },
  );
}

const DELETE_ATTEMPTS = 3;
/** Refusals the delete dialog explains itself. */
const DELETE_QUIET: readonly ClientErrorCode[] = [
  "FORBIDDEN",
  "NOT_FOUND",
  "network",
  "timeout",
  "UNAVAILABLE",
  "CONFLICT",
  "INTERNAL",
  "RATE_LIMITED",
];

/**
 * Facilitators: deletes the workshop for good. The server revokes every session right after
 * (this one too, "workshop_deleted"); a retry after it worked answers NOT_FOUND, which is done
 * too. Either way the tab shows the "deleted" screen. Null: no session.
 */
export async function deleteWorkshopNow(): Promise<{ ok: true } | { ok: false; code: ClientErrorCode } | null> {
  const payload = { commandId: newCommandId() };
  let outcome: CommandOutcome<"workshop:delete"> | null = null;
  // Retried here, not by sendCommand, and only while this session lasts: once revoked there is
  // nothing left to delete (startSession also drops whatever still waits to be sent).
  for (let attempt = 1; attempt <= DELETE_ATTEMPTS && !stopped; attempt++) {
    outcome = await runCommand("workshop:delete", payload, { quiet: DELETE_QUIET, send: { attempts: 1 } });
    if (!outcome || outcome.ok || (outcome.error.code !== "timeout" && outcome.error.code !== "network")) break;
  }
  // Revoked meanwhile: the server deleted it and the "deleted" screen is up already.
  if (stopped && endedBy.value === "workshop_deleted") return { ok: true };
  if (!outcome) return null;
  if (outcome.ok || outcome.error.code === "NOT_FOUND") {
    showWorkshopDeleted();
    return { ok: true };
  }
  return { ok: false, code: outcome.error.code };
}

/** The browser's own online flag; coming back online retries at once instead of waiting for the backoff. */
export function watchConnectivity(): void {
  addEventListener("online", () => {
    browserOnline.value = true;
    if (stopped || !socket || socket.connected) return;
    clearRetry();
    retryCount = 0;
    if (socketStatus.value === "gaveUp" || !socket.active) socket.connect();
    // Waiting out socket.io's backoff (up to 10 s): start over now instead.
    else socket.disconnect().connect();
  });
  addEventListener("offline", () => {
    browserOnline.value = false;
    // A WebSocket can look open long after the network is gone (until the 45 s heartbeat gives up),
    // and everything sent meanwhile waits in the void. The browser knows better: drop the transport,
    // so the app says "offline" and socket.io reconnects (and resyncs) as soon as it can.
    if (!stopped && socket?.connected) socket.io.engine?.close();
  });
}
