import { randomInt } from "node:crypto";
import * as Y from "yjs";
import { isRoundRunning } from "../../../shared/breakout.js";
import type { ParsedPayload } from "../../../shared/events.js";
import type { WorkshopId } from "../../../shared/ids.js";
import { NOTES_TEXT, type NoteAccess, type NoteDocId, type SnapshotView } from "../../../shared/notes.js";
import type { CommandContext, CommandRef } from "../../domain/commands.js";
import { DomainError } from "../../domain/errors.js";
import { stampAwarenessName } from "../../domain/notes/awareness.js";
import { restoreUpdate } from "../../domain/notes/documents.js";
import type { ParticipantRecord, WorkshopRecord } from "../../domain/records.js";
import type { Stores } from "../../store/stores.js";
import { decideAndCommit } from "../commit.js";
import { RateWindow } from "../rateWindow.js";
import type { WorkshopService } from "../workshopService.js";
import type { UpdateValidator } from "./updateValidator.js";

export interface NotesLimits {
  updateMaxBytes: number;
  docMaxBytes: number;
  updatesPerSecond: number;
  compactAfter: number;
}

/** What a person may do with one document. */
export interface NotesRights {
  canRead: boolean;
  canEdit: boolean;
  openToAll: boolean;
}

const SNAPSHOT_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const newSnapshotId = () =>
  `s${Array.from({ length: 11 }, () => SNAPSHOT_ID_ALPHABET[randomInt(SNAPSHOT_ID_ALPHABET.length)]).join("")}`;

const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/**
 * Shared notes: one Yjs document per board, stored in the store as a list of updates that is
 * merged into one now and then. The server never keeps a document in memory between
 * requests: every node reads the same stored updates, so a node can die at any moment and an
 * acknowledged edit is already in Redis.
 */
export class NotesService {
  private readonly perConnection: RateWindow;
  private readonly compacting = new Set<string>();

  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
    private readonly validator: UpdateValidator,
    private readonly limits: NotesLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.perConnection = new RateWindow(limits.updatesPerSecond, 1000, now);
  }

  /** Reading: the plenary's notes everyone; a room's its people; facilitators and note-takers all. Editing: see canEdit. */
  async rights(who: CommandContext, docId: NoteDocId): Promise<NotesRights> {
    return this.resolveRights(who.actor, who.workshop, docId);
  }

  async open(who: CommandContext, payload: ParsedPayload<"notes:open">) {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canRead) throw new DomainError("FORBIDDEN", "these notes are not yours to read");
    const merged = await this.mergedState(who.workshopId, payload.docId);
    let update: Uint8Array;
    try {
      update = Y.diffUpdate(merged, payload.stateVector);
    } catch {
      throw new DomainError("BAD_REQUEST", "the state vector is not valid");
    }
    return {
      update,
      stateVector: Y.encodeStateVectorFromUpdate(merged),
      canEdit: rights.canEdit,
      openToAll: rights.openToAll,
      maxUpdateBytes: this.limits.updateMaxBytes,
    };
  }

  /** Stored before the ack: an acknowledged edit survives any node. Returns the update to relay. */
  async update(
    who: CommandContext,
    connectionId: string,
    payload: ParsedPayload<"notes:update">,
  ): Promise<{ bytes: number }> {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canEdit) throw new DomainError("FORBIDDEN", "these notes are read-only for you");
    this.requireRate(connectionId);
    if (payload.update.byteLength > this.limits.updateMaxBytes) {
      throw new DomainError("PAYLOAD_TOO_LARGE", `an update has at most ${this.limits.updateMaxBytes} bytes`);
    }
    if (!(await this.validator.validate(payload.update))) {
      throw new DomainError("BAD_REQUEST", "the update is not a valid Yjs update");
    }
    const stored = await this.stores.notes.appendNoteUpdate(who.workshopId, {
      docId: payload.docId,
      update: toBase64(payload.update),
      bytes: payload.update.byteLength,
      maxBytes: this.limits.docMaxBytes,
    });
    if (stored.status === "tooLarge") {
      throw new DomainError("PAYLOAD_TOO_LARGE", `a notes document has at most ${this.limits.docMaxBytes} bytes`);
    }
    if (stored.count > this.limits.compactAfter) void this.compact(who.workshopId, payload.docId);
    return { bytes: stored.bytes };
  }

  /**
   * Cursors are relayed, never stored; only readers may send them, at the same rate limit as
   * edits. Returns the message to relay: every cursor named with the sender's own display name.
   */
  async awareness(
    who: CommandContext,
    connectionId: string,
    payload: ParsedPayload<"notes:awareness">,
  ): Promise<Uint8Array> {
    const { actor, workshop } = who;
    const rights = await this.resolveRights(actor, workshop, payload.docId);
    if (!rights.canRead) throw new DomainError("FORBIDDEN", "these notes are not yours to read");
    this.requireRate(connectionId);
    if (payload.update.byteLength > 16 * 1024) throw new DomainError("PAYLOAD_TOO_LARGE", "awareness is small");
    const stamped = stampAwarenessName(payload.update, actor.displayName);
    if (!stamped) throw new DomainError("BAD_REQUEST", "the awareness message is not readable");
    return stamped;
  }

  setAccess(who: CommandContext, command: CommandRef, payload: ParsedPayload<"notes:setAccess">): Promise<NoteAccess> {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const expected = await this.stores.notes.getNoteAccess(who.workshopId, payload.docId);
      const next = { docId: payload.docId, openToAll: payload.openToAll };
      return {
        writes: [{ kind: "noteAccess", expected, next }],
        events: [{ type: "notes:access", access: next }],
        result: next,
      };
    });
  }

  async snapshot(who: CommandContext, payload: ParsedPayload<"notes:snapshot">): Promise<SnapshotView> {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canEdit) throw new DomainError("FORBIDDEN", "only editors take snapshots");
    const merged = await this.mergedState(who.workshopId, payload.docId);
    const view: SnapshotView = {
      snapshotId: newSnapshotId(),
      docId: payload.docId,
      name: payload.name,
      takenAt: this.now(),
    };
    await this.stores.notes.saveSnapshot(who.workshopId, view, toBase64(merged));
    return view;
  }

  async snapshots(who: CommandContext, payload: ParsedPayload<"notes:snapshots">) {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canRead) throw new DomainError("FORBIDDEN", "these notes are not yours to read");
    return { snapshots: await this.stores.notes.listSnapshots(who.workshopId, payload.docId) };
  }

  async snapshotState(who: CommandContext, payload: ParsedPayload<"notes:snapshotState">) {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canRead) throw new DomainError("FORBIDDEN", "these notes are not yours to read");
    const state = await this.stores.notes.snapshotState(who.workshopId, payload.docId, payload.snapshotId);
    if (state === null) throw new DomainError("NOT_FOUND", "no such snapshot");
    return { update: fromBase64(state) };
  }

  /** The text becomes the snapshot's, as one ordinary edit: offline editors merge onto it like onto any other. */
  async restore(
    who: CommandContext,
    payload: ParsedPayload<"notes:restore">,
  ): Promise<{ update: Uint8Array; bytes: number }> {
    const rights = await this.rights(who, payload.docId);
    if (!rights.canEdit) throw new DomainError("FORBIDDEN", "only editors restore snapshots");
    const state = await this.stores.notes.snapshotState(who.workshopId, payload.docId, payload.snapshotId);
    if (state === null) throw new DomainError("NOT_FOUND", "no such snapshot");
    const update = restoreUpdate(await this.mergedState(who.workshopId, payload.docId), fromBase64(state));
    const stored = await this.stores.notes.appendNoteUpdate(who.workshopId, {
      docId: payload.docId,
      update: toBase64(update),
      bytes: update.byteLength,
      maxBytes: this.limits.docMaxBytes,
    });
    if (stored.status === "tooLarge") throw new DomainError("PAYLOAD_TOO_LARGE", "the document is full");
    return { update, bytes: stored.bytes };
  }

  /** The whole document as one update (exports and the report read it). */
  async mergedState(workshopId: WorkshopId, docId: NoteDocId): Promise<Uint8Array> {
    const updates = await this.stores.notes.noteUpdates(workshopId, docId);
    return updates.length === 1 ? fromBase64(updates[0] as string) : Y.mergeUpdates(updates.map(fromBase64));
  }

  /** The document's text (Markdown). */
  async text(workshopId: WorkshopId, docId: NoteDocId): Promise<string> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await this.mergedState(workshopId, docId));
    return doc.getText(NOTES_TEXT).toString();
  }

  /** Reads only what the answer needs: staff need nothing more; others their room and the access setting. */
  private async resolveRights(
    actor: ParticipantRecord,
    workshop: WorkshopRecord,
    docId: NoteDocId,
  ): Promise<NotesRights> {
    const staff = actor.role === "facilitator" || actor.role === "note-taker";
    const access = await this.stores.notes.getNoteAccess(workshop.workshopId, docId);
    const openToAll = access?.openToAll ?? false;
    if (docId === "plenary") return { canRead: true, canEdit: staff || openToAll, openToAll };
    if (staff) return { canRead: true, canEdit: true, openToAll };
    const roundId = workshop.currentRoundId;
    const [round, roomId] = roundId
      ? await Promise.all([
          this.stores.breakout.getRound(workshop.workshopId, roundId),
          this.stores.breakout.getAssignment(workshop.workshopId, roundId, actor.participantId),
        ])
      : [null, null];
    const inRoom = isRoundRunning(round) && roomId === docId;
    const leads =
      inRoom && (round?.rooms.some((room) => room.roomId === docId && room.leadId === actor.participantId) ?? false);
    return { canRead: inRoom, canEdit: leads || (inRoom && openToAll), openToAll };
  }

  private requireRate(connectionId: string): void {
    if (!this.perConnection.allow(connectionId)) {
      throw new DomainError("RATE_LIMITED", `at most ${this.limits.updatesPerSecond} notes messages a second`);
    }
  }

  /** Merges the stored updates into one, compare-and-set (edits arriving meanwhile stay after it). */
  private async compact(workshopId: WorkshopId, docId: NoteDocId): Promise<void> {
    const key = `${workshopId}/${docId}`;
    if (this.compacting.has(key)) return;
    this.compacting.add(key);
    try {
      const updates = await this.stores.notes.noteUpdates(workshopId, docId);
      if (updates.length < 2) return;
      const merged = Y.mergeUpdates(updates.map(fromBase64));
      await this.stores.notes.compactNoteUpdates(workshopId, {
        docId,
        replaced: updates.length,
        lastReplaced: updates[updates.length - 1] as string,
        merged: toBase64(merged),
        mergedBytes: merged.byteLength,
      });
    } catch {
      // Compaction is an optimisation: the next update past the threshold tries again.
    } finally {
      this.compacting.delete(key);
    }
  }
}
