import { signal } from "@preact/signals";
import type { ChatChannelId, ChatMessageView, ChatPage } from "../../../shared/chat.js";

/** A message of this tab's on its way, or refused; sent again with the same commandId. */
export interface OutgoingMessage {
  commandId: string;
  text: string;
  status: "sending" | "failed";
}

/** One open chat as this tab holds it: messages by seq (oldest first), what it is sending. */
export interface ChannelChat {
  messages: ChatMessageView[];
  hasOlder: boolean;
  loaded: boolean;
  outgoing: OutgoingMessage[];
  /** Seqs this tab sent: shown as "You" (a neutral label names nobody, not even to the sender's other tabs). */
  mine: Set<number>;
}

/**
 * The chats this tab has open (a panel on screen): nothing else is kept, so when a person leaves a
 * room, its chat leaves with the panel. Memory only: never written to the device.
 */
export const openChats = signal<ReadonlyMap<ChatChannelId, ChannelChat>>(new Map());

function emptyChat(): ChannelChat {
  return { messages: [], hasOlder: false, loaded: false, outgoing: [], mine: new Set() };
}

function update(channelId: ChatChannelId, change: (chat: ChannelChat) => ChannelChat): void {
  const current = openChats.peek().get(channelId);
  if (!current) return;
  const next = new Map(openChats.peek());
  next.set(channelId, change(current));
  openChats.value = next;
}

export function openChat(channelId: ChatChannelId): void {
  if (openChats.peek().has(channelId)) return;
  const next = new Map(openChats.peek());
  next.set(channelId, emptyChat());
  openChats.value = next;
}

export function closeChat(channelId: ChatChannelId): void {
  if (!openChats.peek().has(channelId)) return;
  const next = new Map(openChats.peek());
  next.delete(channelId);
  openChats.value = next;
}

/** Merges by seq: the same seq twice is one message, the later copy wins (a hidden one replaces its words). */
export function mergeMessages(
  held: readonly ChatMessageView[],
  arriving: readonly ChatMessageView[],
): ChatMessageView[] {
  const bySeq = new Map(held.map((message) => [message.seq, message]));
  for (const message of arriving) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A page from `chat:history`: the newest (`older` false) or the one before what is held. */
export function applyChatPage(page: ChatPage, older: boolean): void {
  update(page.channelId, (chat) => ({
    ...chat,
    messages: mergeMessages(chat.messages, page.messages),
    // The newest page says whether anything lies before it only until an older page was read.
    hasOlder: older || !chat.loaded ? page.hasOlder : chat.hasOlder,
    loaded: true,
  }));
}

/** Live messages (`chat:messages`); a channel not open here is not kept. */
export function applyChatMessages(channelId: ChatChannelId, messages: readonly ChatMessageView[]): void {
  update(channelId, (chat) => ({ ...chat, messages: mergeMessages(chat.messages, messages) }));
}

export function setOutgoing(channelId: ChatChannelId, outgoing: OutgoingMessage): void {
  update(channelId, (chat) => ({
    ...chat,
    outgoing: [...chat.outgoing.filter((item) => item.commandId !== outgoing.commandId), outgoing],
  }));
}

/** The server stored it: it is a message now, and this tab's own. */
export function settleOutgoing(channelId: ChatChannelId, commandId: string, message: ChatMessageView): void {
  update(channelId, (chat) => ({
    ...chat,
    outgoing: chat.outgoing.filter((item) => item.commandId !== commandId),
    messages: mergeMessages(chat.messages, [message]),
    mine: new Set([...chat.mine, message.seq]),
  }));
}

export function dropOutgoing(channelId: ChatChannelId, commandId: string): void {
  update(channelId, (chat) => ({ ...chat, outgoing: chat.outgoing.filter((item) => item.commandId !== commandId) }));
}
