import { CHAT_PAGE_MAX, type ChatChannelId } from "../../shared/chat.js";
import type { WorkshopId } from "../../shared/ids.js";
import type { Membership } from "../domain/membership.js";
import type { Unsubscribe } from "../domain/unsubscribe.js";
import type { Logger } from "../logger.js";
import type { ChatReader } from "../services/delivery/chatReader.js";
import type { ChatNotice } from "../store/chat/port.js";
import type { WorkshopServer } from "./types.js";
import { type FollowerState, type InitialState, WorkshopFollower } from "./workshopFollower.js";

/** What a channel has waiting for the next tick: new seqs up to `toSeq`, and seqs hidden since. */
interface PendingChannel {
  fromSeq: number;
  toSeq: number;
  hidden: Set<number>;
}

interface ChatFeedState extends FollowerState {
  pending: Map<ChatChannelId, PendingChannel>;
  /** The newest seq this node delivered per channel: a lost notice is made up by the next one. */
  delivered: Map<ChatChannelId, number>;
}

/**
 * Delivers chat to the sockets on THIS node, coalesced (invariant 5): every tick, one
 * `chat:messages` per channel that changed, carrying its new messages (and ones hidden since),
 * encoded once and written to that channel's readers only (ChatReader). 34 rooms chatting cost
 * at most 34 messages a tick to their own rooms, plus the facilitators'. Clients load the newest
 * page with `chat:history` when they open a chat, connect or change room; this keeps them
 * current from there, and they merge by seq (a message twice is one message).
 */
export class ChatFeed extends WorkshopFollower<ChatFeedState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly reader: ChatReader,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected initialState(): InitialState<ChatFeedState> {
    return { pending: new Map(), delivered: new Map() };
  }

  protected subscribe(workshopId: WorkshopId, state: ChatFeedState): Promise<Unsubscribe> {
    return this.reader.follow(workshopId, (notice) => {
      noteChange(state, notice);
      this.schedule(workshopId);
    });
  }

  protected async flush(workshopId: WorkshopId, state: ChatFeedState): Promise<void> {
    const pending = state.pending;
    state.pending = new Map();
    const readers = this.reader.readers(this.membersOf(workshopId));
    // Every changed channel read at once (one round trip's time for 34 rooms), each sent alone.
    await Promise.all(
      [...pending].map(async ([channelId, change]) => {
        try {
          const messages = await this.reader.messages(
            workshopId,
            channelId,
            seqsToRead(change, state.delivered.get(channelId)),
          );
          if (change.toSeq > (state.delivered.get(channelId) ?? 0)) state.delivered.set(channelId, change.toSeq);
          const socketIds = this.reader.readersOf(readers, channelId);
          if (messages.length > 0 && socketIds.length > 0) {
            this.io.local.to(socketIds).emit("chat:messages", { channelId, messages });
          }
        } catch (error) {
          this.logger.warn(
            { workshopId, err: error instanceof Error ? error.message : String(error) },
            "chat flush failed",
          );
          noteRetry(state, channelId, change);
          this.schedule(workshopId);
        }
      }),
    );
  }
}

function noteChange(state: ChatFeedState, notice: ChatNotice): void {
  let change = state.pending.get(notice.channelId);
  if (!change) {
    change = { fromSeq: 0, toSeq: 0, hidden: new Set() };
    state.pending.set(notice.channelId, change);
  }
  if (notice.hidden) change.hidden.add(notice.seq);
  else {
    change.fromSeq = change.fromSeq === 0 ? notice.seq : Math.min(change.fromSeq, notice.seq);
    change.toSeq = Math.max(change.toSeq, notice.seq);
  }
}

/** A tick that failed is tried again with whatever arrived meanwhile. */
function noteRetry(state: ChatFeedState, channelId: ChatChannelId, change: PendingChannel): void {
  if (change.toSeq > 0) {
    noteChange(state, { channelId, seq: change.fromSeq, hidden: false });
    noteChange(state, { channelId, seq: change.toSeq, hidden: false });
  }
  for (const seq of change.hidden) noteChange(state, { channelId, seq, hidden: true });
}

/**
 * The seqs to read: the new ones (from just after what this node delivered, so a lost notice is
 * made up, at most a page back) and the hidden ones, ascending.
 */
function seqsToRead(change: PendingChannel, delivered: number | undefined): number[] {
  const seqs = new Set(change.hidden);
  if (change.toSeq > 0) {
    const after = delivered === undefined ? change.fromSeq - 1 : Math.min(delivered, change.fromSeq - 1);
    for (let seq = Math.max(after + 1, change.toSeq - CHAT_PAGE_MAX + 1); seq <= change.toSeq; seq++) seqs.add(seq);
  }
  return [...seqs].sort((a, b) => a - b);
}
