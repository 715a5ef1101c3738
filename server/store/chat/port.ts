import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import type { WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";

/** A message about to be stored: the store gives it the channel's next seq. */
export type ChatDraft = Omit<ChatMessageView, "seq">;

/** Where a message is: what a command record keeps of a send (never its words, which hiding must delete). */
export interface ChatMessageRef {
  channelId: ChatChannelId;
  seq: number;
}

export type ChatAppendOutcome =
  | { status: "applied"; message: ChatMessageView }
  /** A retry: where its first message went (read it for its current state: it may be hidden since). */
  | { status: "duplicate"; ref: ChatMessageRef };

/** What a node is told after each change: a new message (its seq), or one hidden. */
export interface ChatNotice {
  channelId: ChatChannelId;
  seq: number;
  hidden: boolean;
}

/** The newest messages up to a seq, and where the channel stands. */
export interface ChatRange {
  /** Oldest first; seqs trimmed away are simply absent. */
  messages: ChatMessageView[];
  latestSeq: number;
}

/**
 * Chat: per channel (plenary, each room) a consecutive seq made atomically and the newest
 * `historyMax` messages by seq; older ones are deleted as new ones arrive. Outside the
 * workshop's event log (a message is not workshop state every client must hold).
 */
export interface ChatStore {
  /**
   * Appends a message with the channel's next seq, at most once per command (a retry gets where
   * the first message went; the command record holds that, not the words), drops the message `historyMax` seqs older, and tells every node.
   */
  append(workshopId: WorkshopId, command: CommandRef, draft: ChatDraft, historyMax: number): Promise<ChatAppendOutcome>;
  /**
   * Replaces a stored message with `hidden` (its words and author gone from storage) and tells
   * every node; a message already hidden stays as it is. Null: no such message (any more).
   */
  hide(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    seq: number,
    hide: (message: ChatMessageView) => ChatMessageView,
  ): Promise<ChatMessageView | null>;
  /** Up to `limit` messages before `beforeSeq` (null: the newest), oldest first. */
  page(workshopId: WorkshopId, channelId: ChatChannelId, beforeSeq: number | null, limit: number): Promise<ChatRange>;
  /** The stored messages among `seqs` (missing ones left out), in the order asked. */
  messages(workshopId: WorkshopId, channelId: ChatChannelId, seqs: readonly number[]): Promise<ChatMessageView[]>;
  /** Every channel that has had a message (for reports). */
  channels(workshopId: WorkshopId): Promise<ChatChannelId[]>;
  subscribeChat(workshopId: WorkshopId, onNotice: (notice: ChatNotice) => void): Promise<Unsubscribe>;
}
