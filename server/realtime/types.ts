import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events.js";
import type { ParticipantId, WorkshopId } from "../../shared/ids.js";

/** What the handshake established; handlers trust nothing else about the socket. */
export interface SocketData {
  workshopId: WorkshopId;
  participantId: ParticipantId;
  /** `<nodeId>/<socketId>`: lets a surviving node close this connection if ours dies. */
  connectionId: string;
  /** Last version the client told us it had (handshake), for the first sync. */
  sinceVersion: number | undefined;
  /** The people list is open (handshake `watchRoster`, then `roster:watch`): shared/audience.ts `Viewer.watchesRoster`. */
  watchesRoster: boolean;
}

/** Messages between nodes (Socket.IO's serverSideEmit, through the adapter). */
type InterServerEvents = {
  /** A workshop was deleted: close its sockets on this node too. */
  "workshop:deleted": (workshopId: WorkshopId) => void;
};
export type WorkshopServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WorkshopSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO rooms: the workshop (all members) and the notes' followers (a person's tabs: `PersonSockets`). */
export const rooms = {
  workshop: (workshopId: WorkshopId) => `w:${workshopId}`,
  /** Followers of one notes document (updates and cursors are relayed here, across nodes). */
  notes: (workshopId: WorkshopId, docId: string) => `w:${workshopId}:n:${docId}`,
  /** Editors of one notes document: cursors go to them only (readers in a plenary may be a thousand). */
  notesEditors: (workshopId: WorkshopId, docId: string) => `w:${workshopId}:ne:${docId}`,
};
