import type { RoundView } from "../../shared/breakout.js";
import { CHAT_PAGE_MAX, type ChatChannelId, type ChatMessageView, type ChatPage } from "../../shared/chat.js";
import type { ParsedPayload } from "../../shared/events.js";
import { moderatesBoard, usesBoard } from "../../shared/qnaRules.js";
import { chatAuthorLabel, draftMessage, hiddenMessage } from "../domain/chat/messages.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import type { ChatMessageRef } from "../store/chat/port.js";
import type { Stores } from "../store/stores.js";
import type { QnaService } from "./qnaService.js";
import { RateWindow } from "./rateWindow.js";

export interface ChatLimits {
  /** Messages kept per channel (CHAT_HISTORY_MAX). */
  historyMax: number;
  messagesPerWindow: number;
  windowMs: number;
}

/**
 * Text chat per channel: the plenary's and each room's, read and written by the same people as
 * that board of Q&A (usesBoard), moderated by the same people (moderatesBoard: facilitators, a
 * room's lead in their room). A message is stored with a label decided when sent, never the
 * sender's id; hiding deletes its words and author from storage.
 */
export class ChatService {
  private readonly sends: RateWindow;

  constructor(
    private readonly stores: Pick<Stores, "chat" | "workshops">,
    /** Where the actor sits now (room, round): the same viewer Q&A boards are judged by. */
    private readonly boards: Pick<QnaService, "viewerOf">,
    private readonly limits: ChatLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.sends = new RateWindow(limits.messagesPerWindow, limits.windowMs, now);
  }

  async history(who: CommandContext, payload: ParsedPayload<"chat:history">): Promise<ChatPage> {
    await this.requireReader(who, payload.channelId);
    const range = await this.stores.chat.page(
      who.workshopId,
      payload.channelId,
      payload.beforeSeq ?? null,
      payload.limit ?? CHAT_PAGE_MAX,
    );
    const oldestKept = Math.max(1, range.latestSeq - this.limits.historyMax + 1);
    const first = range.messages[0]?.seq;
    return {
      channelId: payload.channelId,
      messages: range.messages,
      latestSeq: range.latestSeq,
      hasOlder: first !== undefined && first > oldestKept,
    };
  }

  async send(who: CommandContext, command: CommandRef, payload: ParsedPayload<"chat:send">): Promise<ChatMessageView> {
    // A retry gets its first message back (as it is now: hidden, maybe), past the limit or a move too.
    const earlier = await this.stores.workshops.commandResult<ChatMessageRef>(who.workshopId, command);
    if (earlier) return this.sent(who, earlier);
    const round = await this.requireReader(who, payload.channelId);
    if (!this.sends.allow(`${who.workshopId}:${who.participantId}`)) {
      throw new DomainError(
        "RATE_LIMITED",
        `at most ${this.limits.messagesPerWindow} messages in ${this.limits.windowMs / 1000} s`,
      );
    }
    const author = chatAuthorLabel(who.actor, who.workshop, round, payload.channelId);
    const outcome = await this.stores.chat.append(
      who.workshopId,
      command,
      draftMessage(payload.channelId, payload.text, author, this.now()),
      this.limits.historyMax,
    );
    return outcome.status === "applied" ? outcome.message : this.sent(who, outcome.ref);
  }

  private async sent(who: CommandContext, ref: ChatMessageRef): Promise<ChatMessageView> {
    const [message] = await this.stores.chat.messages(who.workshopId, ref.channelId, [ref.seq]);
    if (!message) throw new DomainError("NOT_FOUND", "that message is no longer kept");
    return message;
  }

  /** Idempotent by itself: hiding a hidden message answers it as it is (the first reason stays). */
  async hide(who: CommandContext, payload: ParsedPayload<"chat:hide">): Promise<ChatMessageView> {
    const viewer = await this.boards.viewerOf(who.actor, who.workshop);
    if (!moderatesBoard(who.actor, payload.channelId, viewer.round)) {
      throw new DomainError("FORBIDDEN", "only facilitators, or this room's lead, hide messages here");
    }
    const hidden = await this.stores.chat.hide(who.workshopId, payload.channelId, payload.seq, (message) =>
      hiddenMessage(message, payload.reason),
    );
    if (!hidden) throw new DomainError("NOT_FOUND", "no such message");
    return hidden;
  }

  /** The channel is the plenary's, the actor's room's, or any for a facilitator; the current round. */
  private async requireReader(who: CommandContext, channelId: ChatChannelId): Promise<RoundView | null> {
    const viewer = await this.boards.viewerOf(who.actor, who.workshop);
    if (!usesBoard(viewer, channelId)) throw new DomainError("FORBIDDEN", "that is not your room's chat");
    return viewer.round;
  }
}
