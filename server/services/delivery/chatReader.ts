import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import type { WorkshopId } from "../../../shared/ids.js";
import { type Membership, viewerOfMembership } from "../../domain/membership.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { ChatNotice } from "../../store/chat/port.js";
import type { Stores } from "../../store/stores.js";

/** Who reads which channel among a node's sockets, worked out once per tick: O(sockets). */
export interface ChatReaders {
  /** Every registered socket: the plenary's readers. */
  all: string[];
  facilitators: string[];
  /** roomId -> the sockets of people sitting in it while the round runs (facilitators not included). */
  byRoom: Map<string, string[]>;
}

/**
 * What the chat feed sends and to whom: the stored messages it was told of, and the sockets
 * whose person reads the channel now (the one rule, usesBoard, on each socket's membership as
 * of the events already delivered to it): the plenary's chat to everyone, a room's to the people
 * sitting in it while the round runs and to facilitators, as `usesBoard` (shared/qnaRules.ts).
 */
export class ChatReader {
  constructor(private readonly stores: Pick<Stores, "chat">) {}

  follow(workshopId: WorkshopId, onNotice: (notice: ChatNotice) => void): Promise<Unsubscribe> {
    return this.stores.chat.subscribeChat(workshopId, onNotice);
  }

  messages(workshopId: WorkshopId, channelId: ChatChannelId, seqs: readonly number[]): Promise<ChatMessageView[]> {
    return this.stores.chat.messages(workshopId, channelId, seqs);
  }

  readers(members: ReadonlyMap<string, Membership>): ChatReaders {
    const readers: ChatReaders = { all: [], facilitators: [], byRoom: new Map() };
    for (const [socketId, membership] of members) {
      readers.all.push(socketId);
      const viewer = viewerOfMembership(membership);
      if (viewer.role === "facilitator") readers.facilitators.push(socketId);
      else if (viewer.roomId !== null) {
        const room = readers.byRoom.get(viewer.roomId);
        if (room) room.push(socketId);
        else readers.byRoom.set(viewer.roomId, [socketId]);
      }
    }
    return readers;
  }

  /** The sockets that read a channel. */
  readersOf(readers: ChatReaders, channelId: ChatChannelId): string[] {
    if (channelId === "plenary") return readers.all;
    return [...readers.facilitators, ...(readers.byRoom.get(channelId) ?? [])];
  }
}
