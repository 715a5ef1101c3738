import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import type { WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import { DomainError } from "../../domain/errors.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { RedisCore } from "../redis/core.js";
import { parseChatNotice } from "./notice.js";
import type { ChatAppendOutcome, ChatDraft, ChatMessageRef, ChatNotice, ChatRange, ChatStore } from "./port.js";
import { appendChatScript, chatPageScript, replaceChatScript } from "./scripts.js";

const MAX_REPLACE_ATTEMPTS = 5;

/** Chat in Redis: a seq per channel in one hash, each channel's messages in a hash by seq. */
export class RedisChatStore implements ChatStore {
  constructor(private readonly core: RedisCore) {}

  async append(
    workshopId: WorkshopId,
    command: CommandRef,
    draft: ChatDraft,
    historyMax: number,
  ): Promise<ChatAppendOutcome> {
    const keys = this.core.keys(workshopId);
    const record = this.core.commandRecord(workshopId, command);
    const [status, json] = (await this.core.run(
      appendChatScript,
      [keys.meta, ...record.keys, keys.chatSeqs, keys.chatMessages(draft.channelId)],
      [record.id, record.expiresAt, draft.channelId, JSON.stringify(draft), historyMax, keys.chat],
    )) as [string, string];
    return status === "duplicate"
      ? { status: "duplicate", ref: JSON.parse(json) as ChatMessageRef }
      : { status: "applied", message: JSON.parse(json) as ChatMessageView };
  }

  async hide(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    seq: number,
    hide: (message: ChatMessageView) => ChatMessageView,
  ): Promise<ChatMessageView | null> {
    const keys = this.core.keys(workshopId);
    for (let attempt = 0; attempt < MAX_REPLACE_ATTEMPTS; attempt++) {
      const current = await this.core.bounded(this.core.client.hGet(keys.chatMessages(channelId), String(seq)));
      if (!current) return null;
      const message = JSON.parse(current) as ChatMessageView;
      if (message.hidden) return message;
      const next = hide(message);
      const outcome = await this.core.run(
        replaceChatScript,
        [keys.meta, keys.chatMessages(channelId)],
        [seq, current, JSON.stringify(next), keys.chat, channelId],
      );
      if (outcome === "missing") return null;
      if (outcome === "applied") return next;
    }
    throw new DomainError("CONFLICT", "the message kept changing; try again");
  }

  async page(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    beforeSeq: number | null,
    limit: number,
  ): Promise<ChatRange> {
    const keys = this.core.keys(workshopId);
    const [latest = "0", ...messages] = (await this.core.run(
      chatPageScript,
      [keys.chatSeqs, keys.chatMessages(channelId)],
      [channelId, beforeSeq ?? "", limit],
    )) as string[];
    return { latestSeq: Number(latest), messages: messages.map((json) => JSON.parse(json) as ChatMessageView) };
  }

  async messages(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    seqs: readonly number[],
  ): Promise<ChatMessageView[]> {
    if (seqs.length === 0) return [];
    const all = await this.core.bounded(
      this.core.client.hmGet(this.core.keys(workshopId).chatMessages(channelId), seqs.map(String)),
    );
    return all.flatMap((json) => (json ? [JSON.parse(json) as ChatMessageView] : []));
  }

  async channels(workshopId: WorkshopId): Promise<ChatChannelId[]> {
    return (await this.core.bounded(this.core.client.hKeys(this.core.keys(workshopId).chatSeqs))) as ChatChannelId[];
  }

  subscribeChat(workshopId: WorkshopId, onNotice: (notice: ChatNotice) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).chat, (message) => {
      const notice = parseChatNotice(message);
      if (notice) onNotice(notice);
    });
  }
}
