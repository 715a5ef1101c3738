import type { NotesService } from "../services/notes/notesService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";
import { rooms } from "./types.js";

/**
 * Shared notes over the existing connection. Following a document is joining its Socket.IO
 * room; stored updates and cursors are relayed to that room through the adapter, so editors
 * on every node see each other.
 */
export function notesHandlers(notes: NotesService): DefinedHandler[] {
  return [
    defineHandler("notes:open", async ({ who, payload, socket }) => {
      const opened = await notes.open(who, payload);
      socket.join(rooms.notes(who.workshopId, payload.docId));
      if (opened.canEdit) socket.join(rooms.notesEditors(who.workshopId, payload.docId));
      else socket.leave(rooms.notesEditors(who.workshopId, payload.docId));
      return opened;
    }),
    defineHandler("notes:close", async ({ who, payload, socket }) => {
      socket.leave(rooms.notes(who.workshopId, payload.docId));
      socket.leave(rooms.notesEditors(who.workshopId, payload.docId));
      return {};
    }),
    defineHandler("notes:update", async ({ who, payload, socket }) => {
      const stored = await notes.update(who, socket.data.connectionId, payload);
      socket.to(rooms.notes(who.workshopId, payload.docId)).emit("notes:update", {
        docId: payload.docId,
        update: payload.update,
      });
      return stored;
    }),
    defineHandler("notes:awareness", async ({ who, payload, socket }) => {
      const update = await notes.awareness(who, socket.data.connectionId, payload);
      socket.to(rooms.notesEditors(who.workshopId, payload.docId)).emit("notes:awareness", {
        docId: payload.docId,
        update,
      });
      return {};
    }),
    defineHandler("notes:setAccess", ({ who, command, payload }) => notes.setAccess(who, command, payload)),
    defineHandler("notes:snapshot", ({ who, payload }) => notes.snapshot(who, payload)),
    defineHandler("notes:snapshots", ({ who, payload }) => notes.snapshots(who, payload)),
    defineHandler("notes:snapshotState", ({ who, payload }) => notes.snapshotState(who, payload)),
    defineHandler("notes:restore", async ({ who, payload, socket }) => {
      const { update, bytes } = await notes.restore(who, payload);
      // Everyone following, the requester included: the restore is an edit they did not type.
      socket.nsp.to(rooms.notes(who.workshopId, payload.docId)).emit("notes:update", { docId: payload.docId, update });
      return { bytes };
    }),
  ];
}
