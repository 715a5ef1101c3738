import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import type { WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { type MemoryCore, mapIn, WorkshopSlices } from "../memory/core.js";
import type { ChatAppendOutcome, ChatDraft, ChatMessageRef, ChatNotice, ChatRange, ChatStore } from "./port.js";

interface ChatSlice {
  seqs: Map<ChatChannelId, number>;
  /** channelId -> seq -> JSON, as in Redis. */
  messages: Map<ChatChannelId, Map<number, string>>;
  listeners: Set<(notice: ChatNotice) => void>;
}

/** Chat in this process: the same seqs, bound and notices as the Redis store. */
export class MemoryChatStore implements ChatStore {
  private readonly slices: WorkshopSlices<ChatSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({ seqs: new Map(), messages: new Map(), listeners: new Set() }));
  }

  async append(
    workshopId: WorkshopId,
    command: CommandRef,
    draft: ChatDraft,
    historyMax: number,
  ): Promise<ChatAppendOutcome> {
    const earlier = this.core.priorResult<ChatMessageRef>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", ref: earlier };
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const seq = (slice.seqs.get(draft.channelId) ?? 0) + 1;
    slice.seqs.set(draft.channelId, seq);
    const message: ChatMessageView = { seq, ...draft };
    const json = JSON.stringify(message);
    const channel = mapIn(slice.messages, draft.channelId, () => new Map<number, string>());
    channel.set(seq, json);
    channel.delete(seq - historyMax);
    this.core.remember(workshopId, command, JSON.stringify({ channelId: draft.channelId, seq }));
    this.notify(slice, { channelId: draft.channelId, seq, hidden: false });
    return { status: "applied", message };
  }

  async hide(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    seq: number,
    hide: (message: ChatMessageView) => ChatMessageView,
  ): Promise<ChatMessageView | null> {
    const slice = this.slices.peek(workshopId);
    const channel = slice?.messages.get(channelId);
    const json = channel?.get(seq);
    if (!slice || !channel || !json) return null;
    const message = JSON.parse(json) as ChatMessageView;
    if (message.hidden) return message;
    const next = hide(message);
    channel.set(seq, JSON.stringify(next));
    this.notify(slice, { channelId, seq, hidden: true });
    return next;
  }

  async page(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    beforeSeq: number | null,
    limit: number,
  ): Promise<ChatRange> {
    const slice = this.slices.peek(workshopId);
    const latestSeq = slice?.seqs.get(channelId) ?? 0;
    const before = Math.min(beforeSeq ?? latestSeq + 1, latestSeq + 1);
    const seqs: number[] = [];
    for (let seq = Math.max(1, before - limit); seq < before; seq++) seqs.push(seq);
    return { latestSeq, messages: await this.messages(workshopId, channelId, seqs) };
  }

  async messages(
    workshopId: WorkshopId,
    channelId: ChatChannelId,
    seqs: readonly number[],
  ): Promise<ChatMessageView[]> {
    const channel = this.slices.peek(workshopId)?.messages.get(channelId);
    return seqs.flatMap((seq) => {
      const json = channel?.get(seq);
      return json ? [JSON.parse(json) as ChatMessageView] : [];
    });
  }

  async channels(workshopId: WorkshopId): Promise<ChatChannelId[]> {
    return [...(this.slices.peek(workshopId)?.seqs.keys() ?? [])];
  }

  async subscribeChat(workshopId: WorkshopId, onNotice: (notice: ChatNotice) => void): Promise<Unsubscribe> {
    this.core.require(workshopId);
    const { listeners } = this.slices.slice(workshopId);
    listeners.add(onNotice);
    return async () => {
      listeners.delete(onNotice);
    };
  }

  private notify(slice: ChatSlice, notice: ChatNotice): void {
    for (const listener of slice.listeners) queueMicrotask(() => listener(notice));
  }
}
