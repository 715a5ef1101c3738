import { z } from "zod";
import { RoomIdSchema } from "./ids.js";
import { freeText } from "./text.js";

/** Longest chat message, characters (after trimming and NFC, like all text people write). */
export const CHAT_TEXT_MAX = 500;
export const CHAT_HIDE_REASON_MAX = 200;
/** Most messages one history page holds (`chat:history`). */
export const CHAT_PAGE_MAX = 50;

/** One chat in the plenary and one per breakout room (its room id), like Q&A boards. */
export const ChatChannelIdSchema = z.union([z.literal("plenary"), RoomIdSchema]);
export type ChatChannelId = z.infer<typeof ChatChannelIdSchema>;

export const ChatTextSchema = freeText(CHAT_TEXT_MAX).refine((text) => text.length > 0, {
  message: "must not be empty",
});

/**
 * A chat message as everyone who reads its channel sees it (one payload per channel). `author`
 * is the sender's display name when everyone reading the channel may know them by name, decided
 * when it was sent; null shows a neutral label. A hidden message has no text and no author any
 * more (removed from storage), only the moderator's reason. `at`: the minute it was sent (ms).
 */
export const ChatMessageViewSchema = z.object({
  channelId: ChatChannelIdSchema,
  /** Order within the channel: 1, 2, ... */
  seq: z.number().int().positive(),
  text: z.string().nullable(),
  author: z.string().nullable(),
  at: z.number().int(),
  hidden: z.object({ reason: z.string() }).nullable(),
});
export type ChatMessageView = z.infer<typeof ChatMessageViewSchema>;

/** One page of a channel's history, oldest first. */
export const ChatPageSchema = z.object({
  channelId: ChatChannelIdSchema,
  messages: z.array(ChatMessageViewSchema),
  /** The channel's newest seq when read (0: no message yet). */
  latestSeq: z.number().int().nonnegative(),
  /** Older messages are still kept: ask with `beforeSeq` = the first seq of this page. */
  hasOlder: z.boolean(),
});
export type ChatPage = z.infer<typeof ChatPageSchema>;

/** New messages of one channel, and ones hidden since, coalesced per tick; oldest first. */
export const ChatMessagesEventSchema = z.object({
  channelId: ChatChannelIdSchema,
  messages: z.array(ChatMessageViewSchema),
});
export type ChatMessagesEvent = z.infer<typeof ChatMessagesEventSchema>;
