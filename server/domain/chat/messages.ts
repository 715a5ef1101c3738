import { isNamedToAll } from "../../../shared/audience.js";
import { type RoundView, roomShowsNames } from "../../../shared/breakout.js";
import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import { isRosterPrivate, type ParticipantRecord, type WorkshopRecord } from "../records.js";

const MINUTE_MS = 60_000;

/**
 * The author label of a message, decided once, when it is sent: the sender's display name when
 * everyone who reads the channel may know them by name (roster privacy, shared/audience.ts),
 * else null (a neutral label). The plenary's chat is read by everyone: the name only when the
 * roster is open or the sender is listed to all (staff, or chose to be listed). A room's chat is
 * read by its people and facilitators: also when the room shows its people's names. One label
 * for every reader keeps a channel's messages one payload, and who wrote an unnamed message is
 * stored nowhere.
 */
export function chatAuthorLabel(
  sender: Pick<ParticipantRecord, "displayName" | "role" | "listed">,
  workshop: Pick<WorkshopRecord, "rosterPrivate">,
  round: RoundView | null,
  channelId: ChatChannelId,
): string | null {
  const listed = sender.listed ?? false;
  if (isNamedToAll(isRosterPrivate(workshop), { role: sender.role, listed })) return sender.displayName;
  return channelId !== "plenary" && roomShowsNames(round, channelId) ? sender.displayName : null;
}

/** A new message before the store gives it its seq. `at`: the minute (a chat shows no more). */
export function draftMessage(
  channelId: ChatChannelId,
  text: string,
  author: string | null,
  now: number,
): Omit<ChatMessageView, "seq"> {
  return { channelId, text, author, at: Math.floor(now / MINUTE_MS) * MINUTE_MS, hidden: null };
}

/** What is left of a hidden message: its place, its time and the reason; no words, no author. */
export function hiddenMessage(message: ChatMessageView, reason: string): ChatMessageView {
  return { ...message, text: null, author: null, hidden: { reason } };
}
