import { CHAT_PAGE_MAX, type ChatChannelId } from "../../../shared/chat.js";
import { serverEvents } from "../../../shared/events.js";
import { ErrorCodeSchema } from "../../../shared/protocol.js";
import {
  applyChatMessages,
  applyChatPage,
  closeChat,
  dropOutgoing,
  openChat,
  openChats,
  setOutgoing,
  settleOutgoing,
} from "../state/chatState.js";
import type { ClientErrorCode } from "../state/session.js";
import { newCommandId } from "./commands.js";
import { followConnection } from "./connectionFollowers.js";
import { connection } from "./connectionState.js";
import { runCommand } from "./session.js";

/** The chat panel explains these itself, next to the message or the form. */
const QUIET: readonly ClientErrorCode[] = [
  "RATE_LIMITED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_REQUEST",
  "UNAVAILABLE",
  "network",
  "timeout",
];
/** Background reads explain nothing: the panel shows what it has. */
const SILENT: readonly ClientErrorCode[] = [...ErrorCodeSchema.options, "network", "timeout"];

/** The newest page of a channel: on opening, on every `session:ready` (what a reconnect missed). */
async function loadNewest(channelId: ChatChannelId): Promise<void> {
  const outcome = await runCommand("chat:history", { channelId }, { quiet: SILENT });
  if (outcome?.ok) applyChatPage(outcome.data, false);
}

/** The page before the oldest message held ("Older messages"). */
export async function loadOlder(channelId: ChatChannelId): Promise<void> {
  const first = openChats.peek().get(channelId)?.messages[0]?.seq;
  if (first === undefined) return;
  const outcome = await runCommand(
    "chat:history",
    { channelId, beforeSeq: first, limit: CHAT_PAGE_MAX },
    { quiet: SILENT },
  );
  if (outcome?.ok) applyChatPage(outcome.data, true);
}

/**
 * Keeps one channel current while its panel is on screen: its newest page now and after every
 * reconnect; forgotten when the panel goes (the person left the room).
 */
export function followChat(channelId: ChatChannelId): () => void {
  openChat(channelId);
  void loadNewest(channelId);
  const stop = followConnection({ ready: () => void loadNewest(channelId), lost: () => {}, event: () => {} });
  return () => {
    stop();
    closeChat(channelId);
  };
}

/**
 * Sends a message, shown at once as "sending"; a failure keeps it as "failed" with its commandId,
 * so "Try again" sends the same command (the server stores it once).
 */
export async function sendChatMessage(channelId: ChatChannelId, text: string, commandId = newCommandId()) {
  setOutgoing(channelId, { commandId, text, status: "sending" });
  const outcome = await runCommand("chat:send", { commandId, channelId, text }, { quiet: QUIET });
  if (outcome?.ok) settleOutgoing(channelId, commandId, outcome.data);
  else setOutgoing(channelId, { commandId, text, status: "failed" });
  return outcome;
}

export function discardFailed(channelId: ChatChannelId, commandId: string): void {
  dropOutgoing(channelId, commandId);
}

/** Moderators: hide a message for everyone, with the reason shown in its place. */
export async function hideChatMessage(channelId: ChatChannelId, seq: number, reason: string) {
  const outcome = await runCommand(
    "chat:hide",
    { commandId: newCommandId(), channelId, seq, reason },
    { quiet: QUIET },
  );
  if (outcome?.ok) applyChatMessages(channelId, [outcome.data]);
  return outcome;
}

/** `chat:messages`: kept only for a chat open here. */
export function onChatMessages(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["chat:messages"].payload.safeParse(payload);
  if (parsed.success) applyChatMessages(parsed.data.channelId, parsed.data.messages);
}
