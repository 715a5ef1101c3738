import { computed, signal } from "@preact/signals";
import {
  type BroadcastView,
  type HelpView,
  isRoundRunning,
  type RoomView,
  type RoundView,
} from "../../../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../../../shared/ids.js";
import { workshopState } from "../../state/workshopState.js";

export function isRunning(round: RoundView | null): round is RoundView {
  return isRoundRunning(round);
}

/** Rooms of the current round by id. */
export const roomsById = computed<ReadonlyMap<RoomId, RoomView>>(
  () => new Map((workshopState.round.value?.rooms ?? []).map((room) => [room.roomId, room])),
);

/** Help requests of the current round that still need someone, per room, oldest first. */
export const activeHelpsByRoom = computed<ReadonlyMap<RoomId, readonly HelpView[]>>(() => {
  const roundId = workshopState.round.value?.roundId;
  const byRoom = new Map<RoomId, HelpView[]>();
  for (const help of workshopState.helps.value) {
    if (help.roundId !== roundId || help.status === "resolved") continue;
    const list = byRoom.get(help.roomId);
    if (list) list.push(help);
    else byRoom.set(help.roomId, [help]);
  }
  for (const list of byRoom.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return byRoom;
});

/** Head-count of a room: the live coalesced count, else what the viewer can count themself. */
export function headCount(roomId: RoomId): number {
  const counted = workshopState.counts.value[roomId];
  return counted ?? workshopState.membersOf(roomId).length;
}

export function broadcastKey(broadcast: BroadcastView): string {
  return `${broadcast.sentAt}/${broadcast.roomId ?? "*"}/${broadcast.text}`;
}

/** Banners this tab dismissed; kept across view changes (room, plenary) but not across reloads. */
export const dismissedBanners = signal<ReadonlySet<string>>(new Set());

export function dismissBanner(broadcast: BroadcastView): void {
  const next = new Set(dismissedBanners.value);
  next.add(broadcastKey(broadcast));
  dismissedBanners.value = next;
}

/** The person whose tags a facilitator is editing (the tags dialog is open while set). */
export const editingTagsOf = signal<ParticipantId | null>(null);

/** Names of people, for reports ("Amal, Bo"); unknown ids (someone who left) show as a placeholder. */
export function namesOf(participantIds: readonly string[], unknown: string): string {
  return participantIds.map((id) => workshopState.participant(id)?.displayName ?? unknown).join(", ");
}

/** Set when the viewer's room view closes (round ended, room closed, moved out): the plenary says so and takes focus. */
export const backFromRoom = signal(false);
