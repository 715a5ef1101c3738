import type { ParticipantId, WorkshopId } from "../../shared/ids.js";

/**
 * This node's sockets of each person (their tabs here), from connection to disconnect: whom a
 * removal revokes, whose notes a move closes. Not a Socket.IO room: under the sharded adapter
 * every room is a Redis channel subscription (SSUBSCRIBE on the first join, SUNSUBSCRIBE on the
 * last leave), two commands per join and leave that nothing needs, since nothing is sent to a
 * person from another node.
 */
export class PersonSockets {
  private readonly byPerson = new Map<string, Set<string>>();

  add(workshopId: WorkshopId, participantId: ParticipantId, socketId: string): void {
    const key = personKey(workshopId, participantId);
    const sockets = this.byPerson.get(key);
    if (sockets) sockets.add(socketId);
    else this.byPerson.set(key, new Set([socketId]));
  }

  remove(workshopId: WorkshopId, participantId: ParticipantId, socketId: string): void {
    const key = personKey(workshopId, participantId);
    const sockets = this.byPerson.get(key);
    if (!sockets) return;
    sockets.delete(socketId);
    if (sockets.size === 0) this.byPerson.delete(key);
  }

  /** A copy: callers disconnect sockets while they go through them. */
  of(workshopId: WorkshopId, participantId: ParticipantId): string[] {
    return [...(this.byPerson.get(personKey(workshopId, participantId)) ?? [])];
  }
}

function personKey(workshopId: WorkshopId, participantId: ParticipantId): string {
  return `${workshopId}/${participantId}`;
}
