import type { WorkshopId } from "../../shared/ids.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import type { Logger } from "../logger.js";
import type { Stores } from "../store/stores.js";
import { rooms, type WorkshopServer } from "./types.js";

/**
 * Following a room's notes lasts while one may read them. When people leave a room (moved,
 * back to the plenary, the round closed), their sockets on this node stop receiving that
 * room's notes; facilitators and note-takers read every room's notes and stay.
 */
export function unfollowLeftRooms(io: WorkshopServer, stores: Stores, logger: Logger) {
  return (workshopId: WorkshopId, events: readonly WorkshopEvent[]): void => {
    const leaving: Array<{ socketIds: Iterable<string>; roomId: string }> = [];
    for (const event of events) {
      if (event.type === "breakout:assigned" && event.fromRoomId) {
        leaving.push({
          socketIds: io.of("/").adapter.rooms.get(rooms.participant(workshopId, event.participantId)) ?? [],
          roomId: event.fromRoomId,
        });
      } else if (event.type === "breakout:round" && event.round.status === "closed") {
        for (const room of event.round.rooms) {
          leaving.push({
            socketIds: io.of("/").adapter.rooms.get(rooms.notes(workshopId, room.roomId)) ?? [],
            roomId: room.roomId,
          });
        }
      }
    }
    if (leaving.length === 0) return;
    void (async () => {
      for (const { socketIds, roomId } of leaving) {
        for (const socketId of [...socketIds]) {
          const socket = io.of("/").sockets.get(socketId);
          if (!socket) continue;
          const person = await stores.workshops.getParticipant(workshopId, socket.data.participantId);
          if (person?.role === "participant") {
            socket.leave(rooms.notes(workshopId, roomId));
            socket.leave(rooms.notesEditors(workshopId, roomId));
          }
        }
      }
    })().catch((error: unknown) => {
      logger.warn({ workshopId, err: error instanceof Error ? error.message : String(error) }, "notes unfollow");
    });
  };
}
