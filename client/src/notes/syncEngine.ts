import * as Y from "yjs";
import type { Ack } from "../../../shared/protocol.js";

/** What the sync needs from a connection; the browser and the tests each provide one. */
export interface NotesTransport {
  open(
    stateVector: Uint8Array,
  ): Promise<Ack<{ update: Uint8Array; stateVector: Uint8Array; canEdit: boolean; maxUpdateBytes: number }>>;
  send(update: Uint8Array): Promise<Ack<{ bytes: number }>>;
}

/** saved: the server has every local edit; saving: some are on their way; offline: not connected; error: refused. */
export type SyncStatus = "saved" | "saving" | "offline" | "error";

export interface SyncState {
  status: SyncStatus;
  /** Local edits the server has not acknowledged yet. */
  unsynced: number;
  canEdit: boolean;
  /** The error code of the last refusal (status "error"). */
  errorCode: string | null;
}

/** Local edits wait this long to be sent together (typing makes one update per key). */
const SEND_EVERY_MS = 150;
/** After a send failed for a passing reason, try again this much later. */
const RETRY_AFTER_MS = 2000;
/** Refusals that may not repeat: the same update is sent again later. */
const TRANSIENT = new Set(["UNAVAILABLE", "RATE_LIMITED", "CONFLICT", "INTERNAL", "timeout", "network"]);

/**
 * Keeps one Yjs document in sync with the server over any transport. On every (re)connect it
 * exchanges state vectors: the server sends what this copy lacks, and this copy sends back
 * everything the server lacks (edits made offline, or whose ack was lost), so nothing is
 * lost and applying something twice is harmless. Between connects, local edits are merged
 * and sent at most every SEND_EVERY_MS; the state says whether everything is saved.
 */
export class NotesSync {
  private pending: Uint8Array[] = [];
  private pendingEdits = 0;
  private inFlight: { update: Uint8Array; edits: number } | null = null;
  private connected = false;
  private maxUpdateBytes = Number.POSITIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(state: SyncState) => void>();
  private state: SyncState = { status: "offline", unsynced: 0, canEdit: false, errorCode: null };

  constructor(
    readonly doc: Y.Doc,
    private transport: NotesTransport,
    /** Edits already unsynced before this copy started (kept across a reload by the caller). */
    initialUnsynced = 0,
  ) {
    this.pendingEdits = initialUnsynced;
    this.state = { ...this.state, unsynced: initialUnsynced };
    doc.on("update", this.onLocalUpdate);
  }

  get current(): SyncState {
    return this.state;
  }

  onChange(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call when the connection is (again) up. */
  async connect(): Promise<void> {
    this.connected = true;
    const opened = await this.transport.open(Y.encodeStateVector(this.doc)).catch(() => null);
    if (!opened || !this.connected) return;
    if (!opened.ok) {
      this.set({ status: "error", errorCode: opened.error.code });
      return;
    }
    Y.applyUpdate(this.doc, opened.data.update, this);
    this.maxUpdateBytes = opened.data.maxUpdateBytes;
    // A refusal before this open (of an open, or of a send) is over: what is still missing is sent again below.
    this.set({ canEdit: opened.data.canEdit, errorCode: null });
    // Everything the server lacks, whatever its story: offline edits, lost acks, a reload. The
    // queued updates are kept as they are when the whole would be too big for one message.
    const missing = missingParts(this.doc, opened.data.stateVector, this.maxUpdateBytes);
    if (this.inFlight) this.requeueInFlight();
    if (missing.length === 0 || !opened.data.canEdit) this.pending = [];
    else this.pending = missing;
    if (this.pending.length === 0) this.pendingEdits = 0;
    this.publish();
    this.flush();
  }

  /** Call when the connection dropped: edits keep accumulating locally. */
  disconnect(): void {
    this.connected = false;
    if (this.inFlight) this.requeueInFlight();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.publish();
  }

  /** A stored update from another editor. */
  receive(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, this);
  }

  destroy(): void {
    this.doc.off("update", this.onLocalUpdate);
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    this.pending.push(update);
    this.pendingEdits++;
    this.publish();
    this.schedule();
  };

  private schedule(): void {
    if (this.timer || !this.connected) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, SEND_EVERY_MS);
  }

  private flush(): void {
    if (!this.connected || this.inFlight || this.pending.length === 0 || !this.state.canEdit) return;
    // As many queued updates as fit in one message; a single one over the limit goes alone and is refused.
    let take = 1;
    let update = this.pending[0] as Uint8Array;
    while (take < this.pending.length) {
      const merged = Y.mergeUpdates([update, this.pending[take] as Uint8Array]);
      if (merged.byteLength > this.maxUpdateBytes) break;
      update = merged;
      take++;
    }
    const edits = take === this.pending.length ? this.pendingEdits : Math.min(take, this.pendingEdits);
    this.inFlight = { update, edits };
    this.pending = this.pending.slice(take);
    this.pendingEdits -= edits;
    this.publish();
    void this.transport
      .send(update)
      .catch(() => null)
      .then((answer) => {
        const sent = this.inFlight;
        if (!sent || sent.update !== update) return;
        this.inFlight = null;
        if (answer?.ok) {
          this.set({ errorCode: null });
        } else {
          // Not stored (or unknown): keep it to resend; a resend of a stored update is harmless.
          this.pending.unshift(update);
          this.pendingEdits += sent.edits;
          if (answer && !answer.ok) this.set({ status: "error", errorCode: answer.error.code });
        }
        this.publish();
        if (answer?.ok) this.flush();
        else if (!answer || TRANSIENT.has(answer.error.code)) this.retryLater();
      });
  }

  /** A send that failed for a passing reason (no answer, Redis away, too fast) is tried again by itself. */
  private retryLater(): void {
    if (this.timer || !this.connected) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, RETRY_AFTER_MS);
  }

  private requeueInFlight(): void {
    const sent = this.inFlight;
    if (!sent) return;
    this.inFlight = null;
    this.pending.unshift(sent.update);
    this.pendingEdits += sent.edits;
  }

  private set(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    this.publish();
  }

  private publish(): void {
    const unsynced = this.pendingEdits + (this.inFlight?.edits ?? 0);
    const status: SyncStatus = !this.connected
      ? "offline"
      : this.state.status === "error" && this.state.errorCode
        ? "error"
        : unsynced > 0
          ? "saving"
          : "saved";
    this.state = { ...this.state, status, unsynced };
    for (const listener of this.listeners) listener(this.state);
  }
}

/**
 * What the server lacks, as one update when it fits in a message, else one update per editor
 * (client id) of this copy: a long offline spell with several people's edits still goes through.
 */
export function missingParts(doc: Y.Doc, serverStateVector: Uint8Array, maxBytes: number): Uint8Array[] {
  const whole = Y.encodeStateAsUpdate(doc, serverStateVector);
  if (!hasContent(whole)) return [];
  if (whole.byteLength <= maxBytes) return [whole];
  const server = Y.decodeStateVector(serverStateVector);
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  const parts: Uint8Array[] = [];
  for (const [client, clock] of local) {
    if (clock <= (server.get(client) ?? 0)) continue;
    // "The server knows everything but this client's missing part": the diff holds only that.
    const known = new Map(local);
    known.set(client, server.get(client) ?? 0);
    parts.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(known)));
  }
  return parts.length > 0 ? parts : [whole];
}

/** An update with no structs and no deletions is two zero bytes. */
function hasContent(update: Uint8Array): boolean {
  return update.byteLength > 2;
}
