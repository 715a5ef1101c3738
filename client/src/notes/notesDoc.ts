import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { NOTES_TEXT, type NoteDocId } from "../../../shared/notes.js";
import type { Ack } from "../../../shared/protocol.js";
import { newCommandId } from "../net/commands.js";
import { followConnection } from "../net/connectionFollowers.js";
import { NOTES_QUIET } from "../net/notes.js";
import { runCommand } from "../net/session.js";
import { socketStatus } from "../state/session.js";
import {
  notesDatabaseName,
  readUnsavedSince,
  readUnsynced,
  rememberDatabase,
  setNotesCloser,
  writeUnsavedSince,
  writeUnsynced,
} from "./notesStore.js";
import { NotesSync, type SyncState } from "./syncEngine.js";

/**
 * One open notes document in the browser: a Yjs document loaded from this device's IndexedDB
 * first (edits made offline survive a reload), then kept in sync with the server by the shared
 * engine (syncEngine.ts) over the session's socket, with the editors' cursors (awareness).
 *
 * The connection: `notes:open` on every `session:ready`, the engine told on every drop, the
 * server's `notes:update`s fed to it. Cursors: only editors send theirs (at most ~5 a second),
 * and answer a newcomer with their own so both see each other at once; readers only listen,
 * so a plenary of a thousand readers sends nothing.
 */

export type NotesUser = { name: string; color: string };

export interface NotesView {
  sync: SyncState;
  /** The server has answered `notes:open` at least once: `sync.canEdit` is known. */
  opened: boolean;
  /** The device's copy is loaded (IndexedDB): the editor can show it. */
  loaded: boolean;
  /**
   * Since when (ms) some local edit has not been acknowledged, while one has not: what a writer
   * needs to know offline ("unsaved changes since 10:42"), not how many keystrokes it was.
   */
  unsavedSince: number | null;
}

/** Cursors at most this often (the connection allows 30 notes messages a second, edits included). */
const AWARENESS_EVERY_MS = 200;
/** A refusal that means "not now": open again (and send what is missing) after a moment. */
const TRANSIENT: ReadonlySet<string> = new Set(["RATE_LIMITED", "UNAVAILABLE", "INTERNAL", "CONFLICT", "timeout"]);
const RETRY_MIN_MS = 2000;
/** IndexedDB that does not answer (disabled, private mode, a broken profile): go on without it. */
const LOAD_TIMEOUT_MS = 4000;
const NAME_MAX = 60;
const FALLBACK_COLOR = "#57606a";

/** Socket.IO gives binary as an ArrayBuffer in the browser (a Buffer in Node). */
export function toBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

type AnyRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is AnyRecord => typeof value === "object" && value !== null;
const isIdJson = (value: unknown) =>
  value === null ||
  value === undefined ||
  (isRecord(value) && Number.isSafeInteger(value.client) && Number.isSafeInteger(value.clock));

/** A relative position as y-codemirror writes it, on this document's text only. */
function cleanPosition(value: unknown): AnyRecord | null {
  if (!isRecord(value) || !isIdJson(value.type) || !isIdJson(value.item)) return null;
  if (value.tname !== undefined && value.tname !== null && value.tname !== NOTES_TEXT) return null;
  const assoc = Number.isSafeInteger(value.assoc) ? value.assoc : 0;
  return { type: value.type ?? null, tname: value.tname ?? null, item: value.item ?? null, assoc };
}

/**
 * Another editor's awareness state, reduced to what the editor shows: a name (text, shortened),
 * a colour (#rrggbb only: it lands in a style attribute) and a cursor on this document's text.
 */
export function cleanAwarenessState(state: unknown): AnyRecord | null {
  if (!isRecord(state)) return null;
  const user = isRecord(state.user) ? state.user : {};
  const name = typeof user.name === "string" ? [...user.name].slice(0, NAME_MAX).join("") : "?";
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : FALLBACK_COLOR;
  const cursor = isRecord(state.cursor) ? state.cursor : null;
  const anchor = cursor ? cleanPosition(cursor.anchor) : null;
  const head = cursor ? cleanPosition(cursor.head) : null;
  return { user: { name, color }, cursor: anchor && head ? { anchor, head } : null };
}

/** The update with every state cleaned and entries about this very client dropped; null when unreadable. */
function cleanAwarenessUpdate(update: Uint8Array, selfId: number): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(update);
    const encoder = encoding.createEncoder();
    const entries: { clientId: number; clock: number; state: AnyRecord | null }[] = [];
    const count = decoding.readVarUint(decoder);
    if (count > 1000) return null;
    for (let index = 0; index < count; index++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const parsed: unknown = JSON.parse(decoding.readVarString(decoder));
      if (clientId === selfId) continue;
      entries.push({ clientId, clock, state: parsed === null ? null : cleanAwarenessState(parsed) });
    }
    encoding.writeVarUint(encoder, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
    return entries.length > 0 ? encoding.toUint8Array(encoder) : null;
  } catch {
    return null;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class NotesDoc {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText(NOTES_TEXT);
  readonly awareness = new Awareness(this.doc);
  /** Resolves when the device's copy is loaded and the sync runs. */
  readonly ready: Promise<void>;
  private sync: NotesSync | null = null;
  private stopFollowing: () => void = () => {};
  private readonly listeners = new Set<(view: NotesView) => void>();
  private state: NotesView = {
    sync: { status: "offline", unsynced: 0, canEdit: false, errorCode: null },
    opened: false,
    loaded: false,
    unsavedSince: null,
  };
  private connected = false;
  private closed = false;
  private users = 1;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAwarenessAt = Number.NEGATIVE_INFINITY;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly workshopId: string,
    readonly docId: NoteDocId,
    user: NotesUser,
  ) {
    this.awareness.setLocalStateField("user", user);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.ready = this.start();
  }

  get view(): NotesView {
    return this.state;
  }

  subscribe(listener: (view: NotesView) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** What the person may do may have changed (role, lead, access): ask the server again. */
  refresh(): void {
    if (this.connected && this.sync) this.connect();
  }

  /** One more view shows this document (the registry shares one copy per document). */
  retain(): this {
    this.users++;
    return this;
  }

  release(): void {
    this.users--;
    if (this.users <= 0) this.close(true);
  }

  /** Stops everything; `polite`: tell the server and the other editors (not when the session is over). */
  close(polite: boolean): void {
    if (this.closed) return;
    this.closed = true;
    openDocs.delete(docKey(this.workshopId, this.docId));
    if (polite && this.connected) {
      if (this.mayAnnounce()) {
        removeAwarenessStates(this.awareness, [this.doc.clientID], "close");
        const update = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
        void runCommand(
          "notes:awareness",
          { docId: this.docId, update },
          { quiet: NOTES_QUIET, send: { attempts: 1, timeoutMs: 5000 } },
        );
      }
      void runCommand("notes:close", { docId: this.docId }, { quiet: NOTES_QUIET, send: { attempts: 1 } });
    }
    this.stopFollowing();
    this.listeners.clear();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.sync?.destroy();
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    // Destroying the document closes its IndexedDB connection (y-indexeddb listens), after pending writes.
    this.doc.destroy();
  }

  private async start(): Promise<void> {
    rememberDatabase(this.workshopId, this.docId);
    try {
      // Closed with the document (y-indexeddb listens to its destroy).
      const persistence = new IndexeddbPersistence(notesDatabaseName(this.workshopId, this.docId), this.doc);
      const failed = persistence._db.then(
        () => new Promise<void>(() => {}),
        () => undefined,
      );
      await Promise.race([persistence.whenSynced, failed, delay(LOAD_TIMEOUT_MS)]);
      if (!persistence.synced && !this.closed) {
        // No IndexedDB: the notes still work, only not across a reload.
        void persistence.destroy().catch(() => {});
      }
    } catch {
      // No IndexedDB at all: the same.
    }
    if (this.closed) return;
    const sync = new NotesSync(
      this.doc,
      {
        open: (stateVector) => this.open(stateVector),
        send: (update) => this.send(update),
      },
      readUnsynced(this.workshopId, this.docId),
    );
    this.sync = sync;
    let unsavedSince = readUnsavedSince(this.workshopId, this.docId);
    sync.onChange((current) => {
      if (this.closed) return;
      writeUnsynced(this.workshopId, this.docId, current.unsynced);
      const since = current.unsynced === 0 ? null : (unsavedSince ?? Date.now());
      if (since !== unsavedSince) writeUnsavedSince(this.workshopId, this.docId, since);
      unsavedSince = since;
      this.publish({ sync: current, unsavedSince: since });
      this.retryIfStuck(current);
    });
    this.publish({ sync: sync.current, loaded: true, unsavedSince: sync.current.unsynced > 0 ? unsavedSince : null });
    this.stopFollowing = followConnection({
      ready: () => this.connect(),
      lost: () => this.lost(),
      event: (name, payload) => this.onServerEvent(name, payload),
    });
    if (socketStatus.peek() === "connected") this.connect();
  }

  private connect(): void {
    const sync = this.sync;
    if (!sync || this.closed) return;
    this.connected = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    sync
      .connect()
      .then(() => {
        if (this.closed || !this.connected) return;
        // Everyone who follows this document learns this editor's name and cursor now.
        if (this.mayAnnounce()) this.sendAwareness();
      })
      .catch(() => {
        // An answer that does not apply (malformed): ask again in a moment.
        this.scheduleRetry();
      });
  }

  private lost(): void {
    this.connected = false;
    this.sync?.disconnect();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    // Others' cursors stay: after a short drop they are still right; after 30 s unheard, awareness drops them.
  }

  private async open(
    stateVector: Uint8Array,
  ): Promise<Ack<{ update: Uint8Array; stateVector: Uint8Array; canEdit: boolean; maxUpdateBytes: number }>> {
    const outcome = await runCommand(
      "notes:open",
      { docId: this.docId, stateVector },
      { quiet: NOTES_QUIET, send: { attempts: 2 } },
    );
    if (!outcome) throw new Error("no session");
    if (!outcome.ok) {
      const { code, message } = outcome.error;
      if (code === "network" || code === "timeout") {
        // Not answered: the next session:ready opens again; a live connection retries in a moment.
        this.scheduleRetry();
        throw new Error(code);
      }
      return { ok: false, error: { code, message } };
    }
    const update = toBytes(outcome.data.update);
    const serverVector = toBytes(outcome.data.stateVector);
    if (!update || !serverVector) return { ok: false, error: { code: "BAD_REQUEST", message: "not binary" } };
    if (!this.closed) this.publish({ opened: true });
    return { ok: true, data: { ...outcome.data, update, stateVector: serverVector } };
  }

  private async send(update: Uint8Array): Promise<Ack<{ bytes: number }>> {
    const outcome = await runCommand(
      "notes:update",
      { commandId: newCommandId(), docId: this.docId, update },
      { quiet: NOTES_QUIET },
    );
    if (!outcome) throw new Error("no session");
    if (!outcome.ok && outcome.error.code === "network") throw new Error("network");
    if (!outcome.ok && outcome.error.code === "timeout") {
      this.scheduleRetry();
      throw new Error("timeout");
    }
    return outcome as Ack<{ bytes: number }>;
  }

  /** A refusal that may pass (busy server, rate limit): open again in a moment, which sends all that is missing. */
  private retryIfStuck(current: SyncState): void {
    if (current.status === "error" && current.errorCode && TRANSIENT.has(current.errorCode)) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        if (this.connected && socketStatus.peek() === "connected") this.connect();
      },
      RETRY_MIN_MS + Math.random() * RETRY_MIN_MS,
    );
  }

  private onServerEvent(name: "notes:update" | "notes:awareness", payload: unknown): void {
    if (this.closed || !isRecord(payload) || payload.docId !== this.docId) return;
    const bytes = toBytes(payload.update);
    if (!bytes) return;
    if (name === "notes:update") {
      try {
        this.sync?.receive(bytes);
      } catch {
        // An unreadable update changes nothing; the next open brings what is missing.
      }
      return;
    }
    const clean = cleanAwarenessUpdate(bytes, this.doc.clientID);
    if (!clean) return;
    const known = new Set(this.awareness.getStates().keys());
    try {
      applyAwarenessUpdate(this.awareness, clean, "remote");
    } catch {
      return;
    }
    // A newcomer: answer with this editor's cursor, so both see each other without waiting.
    if (this.mayAnnounce() && [...this.awareness.getStates().keys()].some((id) => !known.has(id))) {
      this.queueAwareness();
    }
  }

  private readonly onAwarenessUpdate = (_change: unknown, origin: unknown) => {
    if (origin === "local") this.queueAwareness();
  };

  /** Only editors show a cursor; readers only listen. */
  private mayAnnounce(): boolean {
    return !this.closed && this.connected && this.state.opened && this.state.sync.canEdit;
  }

  private queueAwareness(): void {
    if (this.awarenessTimer || !this.mayAnnounce()) return;
    const wait = Math.max(0, this.lastAwarenessAt + AWARENESS_EVERY_MS - performance.now());
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      this.sendAwareness();
    }, wait);
  }

  private sendAwareness(): void {
    if (!this.mayAnnounce() || this.awareness.getLocalState() === null) return;
    this.lastAwarenessAt = performance.now();
    const update = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    void runCommand(
      "notes:awareness",
      { docId: this.docId, update },
      { quiet: NOTES_QUIET, send: { attempts: 1, timeoutMs: 5000 } },
    );
  }

  private publish(patch: Partial<NotesView>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

const openDocs = new Map<string, NotesDoc>();
const docKey = (workshopId: string, docId: string) => `${workshopId}/${docId}`;

/** The document's one copy in this page (shared by the views that show it); release it when done. */
export function acquireNotesDoc(workshopId: string, docId: NoteDocId, user: NotesUser): NotesDoc {
  const existing = openDocs.get(docKey(workshopId, docId));
  if (existing) return existing.retain();
  const created = new NotesDoc(workshopId, docId, user);
  openDocs.set(docKey(workshopId, docId), created);
  return created;
}

// "Leave now" and the end of a session close every open document before their databases are deleted.
setNotesCloser((workshopId) => {
  for (const notes of [...openDocs.values()]) if (!workshopId || notes.workshopId === workshopId) notes.close(false);
});

/** A colour per person (the same on every device), dark enough for white text on it. */
const COLORS = ["#0b5cad", "#b3261e", "#1a7f37", "#6f42c1", "#9a4d00", "#00727a", "#a3145b", "#4a4fbf"];
export function colorFor(participantId: string): string {
  let hash = 0;
  for (const char of participantId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}
