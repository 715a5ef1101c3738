import { signal } from "@preact/signals";
import type { RoomId } from "../../../shared/ids.js";

/**
 * What the facilitator console has open: the room shown in the side pane beside the room grid
 * (its Q&A board is fetched for it, client/src/net/qna.ts), and the grid's filter.
 */
export const consoleRoom = signal<RoomId | null>(null);

export type RoomFilter = "attention" | "all";
export const consoleRoomFilter = signal<RoomFilter>("all");
