import { connection } from "./connectionState.js";

/**
 * Shared notes (loaded with the editor, client/src/notes/notesDoc.ts) follow the connection:
 * every `session:ready` (first or after a reconnect), every drop, and their server events.
 */
export interface ConnectionFollower {
  ready(): void;
  lost(): void;
  event(name: "notes:update" | "notes:awareness", payload: unknown): void;
}

const followers = new Set<ConnectionFollower>();

export function followConnection(follower: ConnectionFollower): () => void {
  followers.add(follower);
  return () => followers.delete(follower);
}

export function tellFollowersReady(): void {
  for (const follower of followers) follower.ready();
}

export function tellFollowersLost(): void {
  for (const follower of followers) follower.lost();
}

export function forwardNotes(name: "notes:update" | "notes:awareness", payload: unknown): void {
  if (connection.stopped) return;
  for (const follower of followers) follower.event(name, payload);
}
