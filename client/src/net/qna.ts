import { computed, effect } from "@preact/signals";
import { nowAndNext, sessionBoardId } from "../../../shared/programme.js";
import { ErrorCodeSchema } from "../../../shared/protocol.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import { moderatesBoard } from "../../../shared/qnaRules.js";
import type { SessionView } from "../../../shared/workshop.js";
import { serverNow } from "../state/clock.js";
import { consoleRoom } from "../state/consoleState.js";
import { myRole } from "../state/myRole.js";
import { qnaState } from "../state/qnaState.js";
import { type ClientErrorCode, session } from "../state/session.js";
import { workshopState } from "../state/workshopState.js";
import { type CommandOutcome, newCommandId } from "./commands.js";
import { downloadWorkshopFile, type ExportFormat, type ExportOutcome } from "./download.js";
import { runCommand } from "./session.js";

/** The Q&A commands (every write carries its own commandId; a retry reuses it) and keeping the boards current. */

/** Background reads explain nothing to the person: no notice for any refusal. */
const SILENT: readonly ClientErrorCode[] = [...ErrorCodeSchema.options, "network", "timeout"];
/** Refusals the Q&A panel explains next to the question or the form itself. */
const PANEL_QUIET: readonly ClientErrorCode[] = [
  "RATE_LIMITED",
  "FORBIDDEN",
  "INVALID_STATE",
  "NOT_FOUND",
  "BAD_REQUEST",
  "CONFLICT",
];
/** Refusals that mean "not now": a board fetch is asked again in a moment. */
const RETRYABLE: ReadonlySet<ClientErrorCode> = new Set(["UNAVAILABLE", "RATE_LIMITED", "CONFLICT", "INTERNAL"]);
const RETRY_MIN_MS = 1000;
/** When a round opens everyone asks for their room's board at once: spread those asks over a moment. */
const ROOM_FETCH_SPREAD_MS = 1000;
/** `qna:mine` at most this often. */
const MINE_INTERVAL_MS = 1000;

/** 32 random bytes, base64url (43 characters): the secret that alone proves authorship of a question. */
export function newQuestionSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Asks a question with a secret made here, once per ask (a retry of the same command sends the
 * same one); the server keeps only its hash. The secret stays on this device (the only link to
 * an anonymous question). `creditConsent`: the ask box showed that the report may name the asker.
 */
export async function ask(boardId: BoardId, text: string, anonymous: boolean, creditConsent = false) {
  const secret = newQuestionSecret();
  const outcome = await runCommand(
    "qna:ask",
    { commandId: newCommandId(), secret, boardId, text, anonymous, creditConsent },
    { quiet: PANEL_QUIET },
  );
  if (outcome?.ok) qnaState.addOwn(outcome.data.question, secret);
  return outcome;
}

/** The author edits their question while it waits for approval. */
export async function editOwn(questionId: QuestionId, text: string) {
  const secret = qnaState.secretOf(questionId);
  if (!secret) return null;
  const outcome = await runCommand(
    "qna:edit",
    { commandId: newCommandId(), questionId, secret, text },
    { quiet: PANEL_QUIET },
  );
  if (outcome?.ok) qnaState.applyMine([], [outcome.data]);
  return outcome;
}

/**
 * The author deletes their question, in any state (with its votes; gone from every view and
 * report). NOT_FOUND (e.g. a retry after the first one worked) means it is gone: done.
 */
export async function withdrawOwn(questionId: QuestionId): Promise<WithdrawOutcome> {
  const secret = qnaState.secretOf(questionId);
  if (!secret) return null;
  const outcome = await runCommand(
    "qna:withdraw",
    { commandId: newCommandId(), questionId, secret },
    { quiet: PANEL_QUIET },
  );
  if (!outcome) return null;
  if (outcome.ok || outcome.error.code === "NOT_FOUND") {
    qnaState.forgetOwn(questionId);
    return { ok: true };
  }
  return { ok: false, error: { code: outcome.error.code } };
}

export type WithdrawOutcome = { ok: true } | { ok: false; error: { code: ClientErrorCode } } | null;

export async function upvote(questionId: QuestionId, up: boolean) {
  const outcome = await runCommand("qna:upvote", { commandId: newCommandId(), questionId, up }, { quiet: PANEL_QUIET });
  if (outcome?.ok) qnaState.recordVote(outcome.data.questionId, outcome.data.up, outcome.data.votes);
  return outcome;
}

/** Every moderation command answers with the question as it is now: shown at once, the feed confirms it. */
type QuestionOutcome = CommandOutcome<"qna:approve"> | null;

async function moderated(sent: Promise<QuestionOutcome>): Promise<QuestionOutcome> {
  const outcome = await sent;
  if (outcome?.ok) qnaState.applyQuestion(outcome.data);
  return outcome;
}

export function approve(questionId: QuestionId) {
  return moderated(runCommand("qna:approve", { commandId: newCommandId(), questionId }, { quiet: PANEL_QUIET }));
}

export function dismiss(questionId: QuestionId, reason: string) {
  const payload = reason
    ? { commandId: newCommandId(), questionId, reason }
    : { commandId: newCommandId(), questionId };
  return moderated(runCommand("qna:dismiss", payload, { quiet: PANEL_QUIET }));
}

/** "I'm handling this" (or letting go) on a question awaiting approval: co-moderators see who. */
export function claimQuestion(questionId: QuestionId, claim: boolean) {
  return moderated(runCommand("qna:claim", { commandId: newCommandId(), questionId, claim }, { quiet: PANEL_QUIET }));
}

export function restore(questionId: QuestionId) {
  return moderated(runCommand("qna:restore", { commandId: newCommandId(), questionId }, { quiet: PANEL_QUIET }));
}

export function markAnswered(questionId: QuestionId, reply: string) {
  const payload = reply ? { commandId: newCommandId(), questionId, reply } : { commandId: newCommandId(), questionId };
  return moderated(runCommand("qna:answer", payload, { quiet: PANEL_QUIET }));
}

export function setReply(questionId: QuestionId, reply: string) {
  return moderated(runCommand("qna:reply", { commandId: newCommandId(), questionId, reply }, { quiet: PANEL_QUIET }));
}

export function correct(questionId: QuestionId, text: string) {
  return moderated(runCommand("qna:correct", { commandId: newCommandId(), questionId, text }, { quiet: PANEL_QUIET }));
}

/** Pins one question as "now answering" (null: unpins the board's). */
export async function pin(boardId: BoardId, questionId: QuestionId | null) {
  const outcome = await runCommand(
    "qna:pin",
    { commandId: newCommandId(), boardId, questionId },
    { quiet: PANEL_QUIET },
  );
  if (outcome?.ok) qnaState.applyPin(outcome.data.boardId, outcome.data.questionId);
  return outcome;
}

export async function setPreModeration(boardId: BoardId, preModeration: boolean) {
  const outcome = await runCommand(
    "qna:settings",
    { commandId: newCommandId(), boardId, preModeration },
    { quiet: PANEL_QUIET },
  );
  if (outcome?.ok) qnaState.applySettings(outcome.data);
  return outcome;
}

/** Downloads a board's approved and answered questions (facilitators and note-takers); no authors in it. */
export function exportQna(boardId: BoardId, format: ExportFormat): Promise<ExportOutcome> {
  return downloadWorkshopFile(
    `/qna/export?format=${format}&board=${encodeURIComponent(boardId)}`,
    `questions-${boardId}.${format}`,
  );
}

// Keeping the boards current.

/** The boards the viewer looks at, each with whether they moderate it (that changes what the server shows). */
const wantedBoards = computed<string>(() => {
  const me = session.value;
  const role = myRole.value;
  if (!me || !role) return "";
  const actor = { participantId: me.participantId, role };
  const round = workshopState.round.value;
  const roomId = workshopState.myRoomId.value;
  const keys = [`plenary|${moderatesBoard(actor, "plenary", round)}`];
  if (roomId) keys.push(`${roomId}|${moderatesBoard(actor, roomId, round)}`);
  // The room a facilitator opened beside the console's room grid: its questions show in the pane.
  const opened = consoleRoom.value;
  if (opened && opened !== roomId && role === "facilitator" && round?.rooms.some((room) => room.roomId === opened))
    keys.push(`${opened}|${moderatesBoard(actor, opened, round)}`);
  // The boards of the sessions on now, shown in the plenary (the clock moves them on).
  for (const current of nowAndNext(workshopState.programme.value, serverNow.value).now) {
    const boardId = sessionBoardId(current.sessionId);
    keys.push(`${boardId}|${moderatesBoard(actor, boardId, round)}`);
  }
  return keys.join(",");
});

function parseWanted(value: string): Map<BoardId, string> {
  const boards = new Map<BoardId, string>();
  for (const key of value ? value.split(",") : []) boards.set(key.slice(0, key.indexOf("|")), key);
  return boards;
}

let loadedFor: SessionView | null = null;
let loadedKeys = new Map<BoardId, string>();
let reloadsSeen = 0;
/** The latest request per board: an older answer (an earlier connection, an earlier room) is dropped. */
const latestRequest = new Map<BoardId, number>();
let requestCounter = 0;

async function loadBoard(boardId: BoardId, spread: boolean): Promise<void> {
  const request = ++requestCounter;
  latestRequest.set(boardId, request);
  const me = session.peek();
  if (spread) await new Promise((resolve) => setTimeout(resolve, Math.random() * ROOM_FETCH_SPREAD_MS));
  if (latestRequest.get(boardId) !== request || session.peek() !== me) return;
  qnaState.beginFetch();
  const outcome = await runCommand("qna:board", { boardId }, { quiet: SILENT });
  const current = latestRequest.get(boardId) === request && session.peek() === me;
  qnaState.endFetch(current && outcome?.ok ? outcome.data : null);
  if (!current || !outcome || outcome.ok) return;
  if (RETRYABLE.has(outcome.error.code)) {
    setTimeout(
      () => {
        if (latestRequest.get(boardId) === request && session.peek() === me) void loadBoard(boardId, false);
      },
      RETRY_MIN_MS + Math.random() * ROOM_FETCH_SPREAD_MS * 2,
    );
  }
  // network/timeout: the reconnect's session:ready fetches every board again.
}

let mineInFlight = false;
let mineAgain = false;
let mineTimer: ReturnType<typeof setTimeout> | undefined;
let lastMineAt = -Infinity;

/** Asks the server for the viewer's own questions (by their secrets), at most once a second. */
function refreshMine(): void {
  if (mineInFlight || mineTimer !== undefined) {
    mineAgain = true;
    return;
  }
  const wait = lastMineAt + MINE_INTERVAL_MS - performance.now();
  if (wait > 0) {
    mineTimer = setTimeout(() => {
      mineTimer = undefined;
      void fetchMine();
    }, wait);
    return;
  }
  void fetchMine();
}

async function fetchMine(): Promise<void> {
  const items = qnaState.ownItems();
  const me = session.peek();
  if (items.length === 0 || !me) return;
  mineInFlight = true;
  lastMineAt = performance.now();
  const outcome = await runCommand("qna:mine", { items }, { quiet: SILENT });
  mineInFlight = false;
  if (outcome?.ok && session.peek() === me)
    qnaState.applyMine(
      items.map((item) => item.questionId),
      outcome.data.questions,
    );
  if (mineAgain) {
    mineAgain = false;
    refreshMine();
  }
}

/**
 * Starts keeping Q&A current: every `session:ready` (a new session object) fetches the boards
 * and the viewer's own questions; a change of room, role or lead fetches the boards whose view
 * changed; a `reset` change fetches them all again; a change touching one's own questions asks
 * `qna:mine` again. `qna:changed` itself is applied by net/connect.ts.
 */
export function startQnaSync(): () => void {
  const stopBoards = effect(() => {
    const me = session.value;
    const wanted = parseWanted(wantedBoards.value);
    const reloads = qnaState.reloadRequests.value;
    if (!me) {
      if (loadedFor) qnaState.reset();
      loadedFor = null;
      loadedKeys = new Map();
      return;
    }
    const fresh = me !== loadedFor || reloads !== reloadsSeen;
    if (me !== loadedFor) qnaState.setViewer(me.workshopId, me.participantId);
    for (const [boardId, key] of wanted) {
      if (fresh || loadedKeys.get(boardId) !== key)
        void loadBoard(boardId, !fresh && boardId !== "plenary" && boardId !== consoleRoom.peek());
    }
    if (me !== loadedFor) refreshMine();
    loadedFor = me;
    loadedKeys = wanted;
    reloadsSeen = reloads;
  });
  let staleSeen = qnaState.mineStale.peek();
  const stopMine = effect(() => {
    const stale = qnaState.mineStale.value;
    if (stale === staleSeen) return;
    staleSeen = stale;
    refreshMine();
  });
  return () => {
    stopBoards();
    stopMine();
  };
}
