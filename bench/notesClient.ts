import { createHash, randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import {
  markerLine,
  markerPattern,
  type NotesEditorText,
  type NotesJoinConfig,
  type NotesLoaderMessage,
  type NotesLoaderResult,
  type NotesParentMessage,
  NotesParentMessageSchema,
  type NotesTypeConfig,
} from "./lib/notesMessages.js";
import { max, percentile } from "./lib/stats.js";
import { ClientStats, epochNow, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * One load generator of the notes-editing bench (bench/notes.ts): a child process running its
 * share of the editors. Each editor is a workshop participant (bench/lib/workshopClient.ts keeps
 * its copy of the workshop as the browser does) with a Yjs document of its notes. While typing,
 * every tick inserts one marker line at the start of a random line of its own copy and sends
 * that transaction's update as its own `notes:update` (no batching; the sync engine would merge
 * 150 ms of typing into one), without waiting for the previous ack. Every `notes:update` it
 * receives is timed on arrival (the marker in the update's bytes names the sender, the seq and
 * the emit time: all generators run on one machine, one clock) and then applied to the editor's
 * copy (in one transaction per 100 ms, see APPLY_EVERY_MS). A refused edit is kept and sent again
 * merged with the next one, the sync engine's rule. No awareness (cursor) messages are sent.
 */

const LOCAL = Symbol("local");
const REMOTE = Symbol("remote");
const JOIN_TIMEOUT_MS = 30_000;
/**
 * Received updates are applied in one Yjs transaction per editor every this many ms (each is
 * timed on arrival, before): one transaction's clean-up instead of one per update halves the
 * generators' CPU, which the servers need on a small machine. A local edit applies what
 * arrived first, so it is made on an up-to-date copy.
 */
const APPLY_EVERY_MS = 100;
const STEADY_AFTER_MS = 3000;

interface Unsent {
  seq: number;
  update: Uint8Array;
  code?: string;
}

interface Editor {
  index: number;
  node: number;
  client: WorkshopClient | null;
  participantId: string | null;
  lost: boolean;
  docId: string | null;
  doc: Y.Doc;
  text: Y.Text;
  canEdit: boolean;
  /** The update of the last local transaction (set synchronously by the doc's update event, listened to once per edit). */
  lastLocal: Uint8Array | null;
  /** Refused (or unanswered) edits, sent again with the next one. */
  unsent: Unsent[];
  /** Received updates not applied yet (applied together every APPLY_EVERY_MS, and before every local edit). */
  inbox: Uint8Array[];
  applyTimer: NodeJS.Timeout | null;
  /** Per sender: which of its seqs this editor has received (a resent update may arrive twice). */
  seen: Map<number, Uint8Array>;
  sent: number;
  acked: number;
  /** `notes:update` events with a marker since the typing started. */
  received: number;
  expected: number;
  lastReceivedAt: number;
  ticksLeft: number;
  startMessages: number;
  startBytes: number;
  endMessages: number;
  endBytes: number;
  endReceived: number;
}

const stats = new ClientStats();
const editors: Editor[] = [];
const joinFailures = new Map<string, number>();
const openFailures = new Map<string, number>();
const disconnects = new Map<string, number>();
const refused = new Map<string, number>();
const ackMs: number[] = [];
/** Second of the typing in which each acknowledged message was emitted (same order as ackMs). */
const ackSecond: number[] = [];
const sameNodeMs: number[] = [];
const crossNodeMs: number[] = [];
/** Propagation of the updates emitted after the first STEADY_AFTER_MS of the typing (start-up queues excluded). */
const steadyMs: number[] = [];
const perUpdate = new Map<string, [number, number, number, number]>();
const late: number[] = [];
const ackedByDoc = new Map<string, number>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let nodeOf: number[] = [];
let typing: NotesTypeConfig | null = null;
let typingCpu: NodeJS.CpuUsage | null = null;
let cpuSeconds = 0;
let loopP99 = Number.NaN;
let loopMax = Number.NaN;
let outstanding = 0;
let typedSent = false;
let unmarked = 0;
let duplicates = 0;
let resends = 0;
let ackedAfterResend = 0;
let finalFlushes = 0;
let closing = false;
let expectation: { timer: NodeJS.Timeout; done: boolean } | null = null;

const send = orchestratorChannel<NotesParentMessage, NotesLoaderMessage>(NotesParentMessageSchema, {
  join: ({ config }) => join(config),
  open: ({ docs }) => void openDocs(docs),
  type: ({ config }) => startTyping(config),
  expect: ({ acked, timeoutMs }) => expect(acked, timeoutMs),
  texts: () => send({ type: "texts", texts: texts() }),
  resync: () => void resync(),
  report: () => send({ type: "result", result: result() }),
  close() {
    closing = true;
    for (const editor of editors) editor.client?.socket.close();
  },
});

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const live = (editor: Editor): editor is Editor & { client: WorkshopClient } =>
  editor.client !== null && editor.participantId !== null && !editor.lost;

function join(config: NotesJoinConfig): void {
  let settled = 0;
  const settle = () => {
    settled++;
    if (settled < config.editors.length) return;
    const participants: Array<[number, string]> = [];
    for (const editor of editors) if (live(editor)) participants.push([editor.index, editor.participantId ?? ""]);
    send({ type: "joined", participants, failures: Object.fromEntries(joinFailures) });
  };
  config.editors.forEach((plan, position) => {
    const doc = new Y.Doc();
    const editor: Editor = {
      index: plan.index,
      node: plan.node,
      client: null,
      participantId: null,
      lost: false,
      docId: null,
      doc,
      text: doc.getText("notes"),
      canEdit: false,
      lastLocal: null,
      unsent: [],
      inbox: [],
      applyTimer: null,
      seen: new Map(),
      sent: 0,
      acked: 0,
      received: 0,
      expected: 0,
      lastReceivedAt: 0,
      ticksLeft: 0,
      startMessages: 0,
      startBytes: 0,
      endMessages: 0,
      endBytes: 0,
      endReceived: 0,
    };
    editors.push(editor);
    const due = config.startAt + (position * 1000) / config.joinRate;
    setTimeout(() => open(editor, config, settle), Math.max(0, due - Date.now()));
  });
  if (config.editors.length === 0) settle();
}

function open(editor: Editor, config: NotesJoinConfig, settle: () => void): void {
  const target = config.targets[editor.node % config.targets.length] ?? "";
  const client = new WorkshopClient(
    target,
    {
      joinCode: config.joinCode,
      displayName: `${config.namePrefix}${editor.index}`,
      joinId: randomUUID(),
      protocol: PROTOCOL_VERSION,
    },
    stats,
    () => undefined,
  );
  editor.client = client;
  let over = false;
  const fail = (reason: string) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    client.socket.close();
    editor.client = null;
    bump(joinFailures, reason);
    settle();
  };
  const timer = setTimeout(() => fail("no session within 30 s"), JOIN_TIMEOUT_MS);
  client.socket.on("connect_error", (error) => fail(`connect_error: ${error.message}`));
  client.socket.on("disconnect", (reason) => {
    if (closing) return;
    if (!over) {
      fail(`disconnected before ready: ${reason}`);
      return;
    }
    editor.lost = true;
    bump(disconnects, reason);
  });
  client.socket.once("session:ready", ({ session }) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    editor.participantId = session.participantId;
    settle();
  });
  client.socket.on("notes:update", (message) => {
    const at = epochNow();
    if (message.docId !== editor.docId) return;
    const update = message.update;
    const raw = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("latin1");
    let markers = 0;
    for (const match of raw.matchAll(markerPattern)) {
      markers++;
      if (!typing) continue;
      const sender = Number(match[1]);
      const seq = Number(match[2]);
      let seen = editor.seen.get(sender);
      if (!seen) {
        seen = new Uint8Array(typing.updatesPerEditor);
        editor.seen.set(sender, seen);
      }
      if (seen[seq]) {
        duplicates++;
        continue;
      }
      seen[seq] = 1;
      const ms = at - Number(match[3]);
      ((nodeOf[sender] ?? -1) === editor.node ? sameNodeMs : crossNodeMs).push(ms);
      if (Number(match[3]) >= typing.startAt + STEADY_AFTER_MS) steadyMs.push(ms);
      const key = `${sender}.${seq}`;
      const entry = perUpdate.get(key);
      if (entry) {
        entry[2] = Math.max(entry[2], ms);
        entry[3]++;
      } else perUpdate.set(key, [sender, seq, ms, 1]);
      editor.received++;
      editor.lastReceivedAt = at;
    }
    if (markers === 0) unmarked++;
    editor.inbox.push(new Uint8Array(update));
    if (!editor.applyTimer) editor.applyTimer = setTimeout(() => applyInbox(editor), APPLY_EVERY_MS);
    if (expectation && !expectation.done && editor.received >= editor.expected) checkDelivered();
  });
}

async function openDocs(docs: ReadonlyArray<readonly [number, string]>): Promise<void> {
  const byIndex = new Map(editors.map((editor) => [editor.index, editor]));
  let editable = 0;
  let readOnly = 0;
  await Promise.all(
    docs.map(async ([index, docId]) => {
      const editor = byIndex.get(index);
      if (!editor || !live(editor)) return;
      editor.docId = docId;
      const opened = await editor.client.command(
        "notes:open",
        { docId, stateVector: Y.encodeStateVector(editor.doc) },
        { timeoutMs: 30_000, attempts: 2 },
      );
      if (!opened.ok) {
        bump(openFailures, opened.code);
        return;
      }
      Y.applyUpdate(editor.doc, new Uint8Array(opened.data.update), REMOTE);
      editor.canEdit = opened.data.canEdit;
      if (editor.canEdit) editable++;
      else readOnly++;
    }),
  );
  send({ type: "opened", editable, readOnly, failures: Object.fromEntries(openFailures) });
}

function applyInbox(editor: Editor): void {
  if (editor.applyTimer) clearTimeout(editor.applyTimer);
  editor.applyTimer = null;
  const updates = editor.inbox.splice(0);
  if (updates.length === 0) return;
  editor.doc.transact(() => {
    for (const update of updates) Y.applyUpdate(editor.doc, update, REMOTE);
  }, REMOTE);
}

/** A random line start of the editor's own text: whole marker lines are never split, so every one stays findable. */
function lineStart(text: string): number {
  if (text.length === 0) return 0;
  const at = Math.floor(Math.random() * (text.length + 1));
  if (at === 0 || text[at - 1] === "\n") return at;
  const next = text.indexOf("\n", at);
  return next === -1 ? text.length : next + 1;
}

function startTyping(config: NotesTypeConfig): void {
  typing = config;
  nodeOf = config.nodeOf;
  const interval = 1000 / config.rate;
  for (const editor of editors) {
    editor.startMessages = editor.client?.messages ?? 0;
    editor.startBytes = editor.client?.bytes ?? 0;
    editor.received = 0;
  }
  loopDelay.reset();
  loopDelay.enable();
  typingCpu = process.cpuUsage();
  const typists = editors.filter((editor) => live(editor) && editor.canEdit && editor.docId !== null);
  for (const editor of typists) {
    editor.ticksLeft = config.updatesPerEditor;
    const offset = (editor.index / config.editors) * interval;
    // On schedule; a late generator catches up at most at twice the rate (a starved one would
    // otherwise fire a burst past the server's 30 updates/s per connection, which no typist does).
    const tick = (seq: number, earliest: number) => {
      const due = Math.max(config.startAt + offset + seq * interval, earliest);
      setTimeout(
        () => {
          const firedAt = epochNow();
          fire(editor, seq, config.startAt + offset + seq * interval, config);
          if (seq + 1 < config.updatesPerEditor) tick(seq + 1, firedAt + interval / 2);
        },
        Math.max(0, due - epochNow()),
      );
    };
    tick(0, 0);
  }
  if (typists.length === 0) maybeTyped();
}

function fire(editor: Editor, seq: number, due: number, config: NotesTypeConfig): void {
  editor.ticksLeft--;
  const docId = editor.docId;
  if (!live(editor) || docId === null) {
    maybeTyped();
    return;
  }
  applyInbox(editor);
  const sentAt = epochNow();
  late.push(sentAt - due);
  editor.lastLocal = null;
  // Listening only around the local edit: a standing "update" listener makes Yjs encode every applied remote update too.
  editor.doc.once("update", (local: Uint8Array) => {
    editor.lastLocal = local;
  });
  editor.doc.transact(() => {
    editor.text.insert(lineStart(editor.text.toString()), markerLine(editor.index, seq, sentAt));
  }, LOCAL);
  const update = editor.lastLocal as Uint8Array | null;
  if (!update) throw new Error("a local insert made no update");
  editor.sent++;
  transmit(editor, docId, [...editor.unsent.splice(0), { seq, update }], config.ackTimeoutMs);
}

/**
 * One `notes:update` carrying `pieces` (the new edit, preceded by any refused earlier ones merged
 * in, as the sync engine keeps a refused update and sends it again with the next edit).
 */
function transmit(
  editor: Editor & { client: WorkshopClient },
  docId: string,
  pieces: Unsent[],
  timeoutMs: number,
): void {
  const update =
    pieces.length === 1 ? (pieces[0]?.update as Uint8Array) : Y.mergeUpdates(pieces.map((piece) => piece.update));
  if (pieces.length > 1) resends++;
  const emittedAt = epochNow();
  outstanding++;
  void editor.client
    .command("notes:update", { commandId: newCommandId(), docId, update }, { timeoutMs, attempts: 1 })
    .then((outcome) => {
      const ackAt = epochNow();
      if (outcome.ok) {
        ackMs.push(ackAt - emittedAt);
        ackSecond.push(Math.floor((emittedAt - (typing?.startAt ?? emittedAt)) / 1000));
        editor.acked += pieces.length;
        bump(ackedByDoc, docId, pieces.length);
        if (pieces.length > 1) ackedAfterResend += pieces.length - 1;
      } else {
        bump(refused, outcome.code);
        for (const piece of pieces) editor.unsent.push({ ...piece, code: outcome.code });
        editor.unsent.sort((a, b) => a.seq - b.seq);
      }
      outstanding--;
      maybeTyped();
    });
}

/** After the last tick: what is still refused goes again (the user typing one more key), up to 3 times, 1 s apart. */
function maybeTyped(): void {
  if (typedSent || outstanding > 0 || !typing) return;
  if (editors.some((editor) => editor.ticksLeft > 0)) return;
  const stuck = editors.filter(
    (editor): editor is Editor & { client: WorkshopClient } =>
      live(editor) && editor.docId !== null && editor.unsent.length > 0,
  );
  if (stuck.length > 0 && finalFlushes < 3) {
    finalFlushes++;
    outstanding++;
    const config = typing;
    setTimeout(() => {
      for (const editor of stuck) {
        if (live(editor) && editor.docId !== null) {
          transmit(editor, editor.docId, editor.unsent.splice(0), config.ackTimeoutMs);
        }
      }
      outstanding--;
      maybeTyped();
    }, 1000);
    return;
  }
  typedSent = true;
  send({ type: "typed", at: epochNow(), acked: Object.fromEntries(ackedByDoc) });
}

function expect(acked: Record<string, number>, timeoutMs: number): void {
  for (const editor of editors) {
    editor.expected = editor.docId === null ? 0 : Math.max(0, (acked[editor.docId] ?? 0) - editor.acked);
  }
  expectation = { timer: setTimeout(() => finishDelivered(), timeoutMs), done: false };
  checkDelivered();
}

function checkDelivered(): void {
  if (!expectation || expectation.done) return;
  if (editors.every((editor) => !live(editor) || editor.docId === null || editor.received >= editor.expected)) {
    finishDelivered();
  }
}

function finishDelivered(): void {
  if (!expectation || expectation.done) return;
  expectation.done = true;
  clearTimeout(expectation.timer);
  const cpu = process.cpuUsage(typingCpu ?? undefined);
  cpuSeconds = (cpu.user + cpu.system) / 1e6;
  loopP99 = loopDelay.percentile(99) / 1e6;
  loopMax = loopDelay.max / 1e6;
  loopDelay.disable();
  let incomplete = 0;
  let missing = 0;
  let at = 0;
  for (const editor of editors) {
    editor.endMessages = editor.client?.messages ?? editor.startMessages;
    editor.endBytes = editor.client?.bytes ?? editor.startBytes;
    editor.endReceived = editor.received;
    if (!live(editor) || editor.docId === null) continue;
    at = Math.max(at, editor.lastReceivedAt);
    if (editor.received < editor.expected) {
      incomplete++;
      missing += editor.expected - editor.received;
    }
  }
  send({ type: "delivered", at: incomplete > 0 || at === 0 ? epochNow() : at, incomplete, missing });
}

function texts(): NotesEditorText[] {
  return editors
    .filter((editor) => live(editor) && editor.docId !== null)
    .map((editor) => {
      applyInbox(editor);
      const text = editor.text.toString();
      return {
        index: editor.index,
        docId: editor.docId ?? "",
        sha1: createHash("sha1").update(text).digest("hex"),
        length: text.length,
        pending: editor.doc.store.pendingStructs !== null || editor.doc.store.pendingDs !== null,
      };
    });
}

/** What the sync engine does on every (re)connect: state vectors both ways, and whatever the server lacks sent back. */
async function resync(): Promise<void> {
  let sentBack = 0;
  let failures = 0;
  await Promise.all(
    editors.map(async (editor) => {
      const docId = editor.docId;
      if (!live(editor) || docId === null) return;
      applyInbox(editor);
      const opened = await editor.client.command(
        "notes:open",
        { docId, stateVector: Y.encodeStateVector(editor.doc) },
        { timeoutMs: 30_000, attempts: 2 },
      );
      if (!opened.ok) {
        failures++;
        return;
      }
      Y.applyUpdate(editor.doc, new Uint8Array(opened.data.update), REMOTE);
      const missing = Y.encodeStateAsUpdate(editor.doc, new Uint8Array(opened.data.stateVector));
      if (!editor.canEdit || missing.byteLength <= 2) return;
      const sent = await editor.client.command(
        "notes:update",
        { commandId: newCommandId(), docId, update: missing },
        { timeoutMs: 30_000, attempts: 3 },
      );
      if (sent.ok) sentBack++;
      else failures++;
    }),
  );
  send({ type: "resynced", sentBack, failures });
}

function result(): NotesLoaderResult {
  const connected = editors.filter((editor) => live(editor) && editor.docId !== null);
  return {
    editors: editors.length,
    connected: connected.length,
    sent: editors.reduce((sum, editor) => sum + editor.sent, 0),
    acked: editors.reduce((sum, editor) => sum + editor.acked, 0),
    sentPerEditor: editors.map((editor) => [editor.index, editor.sent]),
    refused: Object.fromEntries(refused),
    notAcked: editors.flatMap((editor) =>
      editor.unsent.map((piece): [number, number, string] => [editor.index, piece.seq, piece.code ?? "?"]),
    ),
    resends,
    ackedAfterResend,
    duplicates,
    ackMs,
    ackSecond,
    sameNodeMs,
    crossNodeMs,
    steadyMs,
    perUpdate: [...perUpdate.values()],
    notesEvents: connected.map((editor) => editor.endReceived),
    wsMessages: connected.map((editor) => editor.endMessages - editor.startMessages),
    wsBytes: connected.map((editor) => editor.endBytes - editor.startBytes),
    unmarked,
    lateP99Ms: percentile(late, 99),
    lateMaxMs: max(late),
    loopDelayP99Ms: loopP99,
    loopDelayMaxMs: loopMax,
    cpuSeconds,
    disconnects: Object.fromEntries(disconnects),
    openFailures: Object.fromEntries(openFailures),
  };
}
