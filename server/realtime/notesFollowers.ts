import type { RoundView } from "../../shared/breakout.js";
import type { WorkshopId } from "../../shared/ids.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import type { Membership } from "../domain/membership.js";
import type { PersonSockets } from "./personSockets.js";
import { rooms, type WorkshopServer } from "./types.js";

/**
 * Following a room's notes lasts while one may read them. When people leave a room (moved,
 * back to the plenary, the round closed), their sockets on this node stop receiving that
 * room's notes; facilitators and note-takers read every room's notes and stay. Judged by each
 * socket's membership, already moved through the batch this is called with.
 */
export function unfollowLeftRooms(
  io: WorkshopServer,
  membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
  personSockets: PersonSockets,
  roundOf: (workshopId: WorkshopId) => RoundView | null,
) {
  return (workshopId: WorkshopId, events: readonly WorkshopEvent[]): void => {
    const leaving: Array<{ socketIds: Iterable<string>; roomId: string }> = [];
    for (const event of events) {
      if (event.type === "breakout:assigned" && event.fromRoomId) {
        leaving.push({
          socketIds: personSockets.of(workshopId, event.participantId),
          roomId: event.fromRoomId,
        });
      } else if (
        (event.type === "breakout:round" && event.round.status === "closed") ||
        (event.type === "breakout:roundStatus" && event.status === "closed")
      ) {
        // The round as the node's copy holds it after the batch: a status change does not list its rooms.
        const round = event.type === "breakout:round" ? event.round : roundOf(workshopId);
        for (const room of round?.rooms ?? []) {
          leaving.push({
            socketIds: io.of("/").adapter.rooms.get(rooms.notes(workshopId, room.roomId)) ?? [],
            roomId: room.roomId,
          });
        }
      }
    }
    if (leaving.length === 0) return;
    const members = membersOf(workshopId);
    for (const { socketIds, roomId } of leaving) {
      for (const socketId of [...socketIds]) {
        const socket = io.of("/").sockets.get(socketId);
        const role = members.get(socketId)?.role;
        // A socket still registering may have opened the notes already: it leaves too (privacy
        // first; a facilitator's client opens them again after its session:ready).
        if (!socket || (role !== undefined && role !== "participant")) continue;
        socket.leave(rooms.notes(workshopId, roomId));
        socket.leave(rooms.notesEditors(workshopId, roomId));
      }
    }
  };
}
