import type { BroadcastView, HelpView, RoundView } from "../../../shared/breakout.js";
import type { HelpId, RoomId, RoundId } from "../../../shared/ids.js";
import type { PollId, PollView } from "../../../shared/poll.js";
import type { WorkshopEvent } from "../../../shared/workshop.js";
import { roundCallLinks } from "../calls.js";
import type { FullSnapshot } from "../snapshot.js";

/**
 * What the rooms of the current round hold besides their people (help requests, banners, the
 * rooms' own polls, call links), moved along the log one event at a time beside the roster
 * directory: a node answers `breakout:room` from it without reading the store, at the very
 * version its batches went out at. When a round opens, every participant asks at once.
 */
export class RoundContents {
  private roundId: RoundId | null;
  readonly helps = new Map<HelpId, HelpView>();
  broadcasts: BroadcastView[] = [];
  /** Polls scoped to a room (of any round: room ids are never reused). */
  readonly roomPolls = new Map<PollId, PollView>();
  private readonly callLinks = new Map<RoomId, string>();

  constructor(full: Pick<FullSnapshot, "breakout" | "polls" | "calls">) {
    const round = full.breakout.round;
    this.roundId = round?.roundId ?? null;
    for (const help of full.breakout.helps) if (help.roundId === this.roundId) this.helps.set(help.helpId, help);
    this.broadcasts = full.breakout.broadcasts.filter((broadcast) => broadcast.roundId === this.roundId);
    for (const poll of full.polls) if (poll.definition.scope.kind === "room") this.roomPolls.set(poll.pollId, poll);
    for (const [roomId, url] of roundCallLinks(full.calls, round)) this.callLinks.set(roomId, url);
  }

  callOf(roomId: RoomId): string | null {
    return this.callLinks.get(roomId) ?? null;
  }

  /** Moves the contents past one event (in log order). */
  apply(event: WorkshopEvent): void {
    switch (event.type) {
      case "breakout:round":
        this.startRound(event.round);
        break;
      case "help:updated":
        if (event.help.roundId === this.roundId) this.helps.set(event.help.helpId, event.help);
        break;
      case "breakout:broadcast":
        if (event.broadcast.roundId === this.roundId) this.broadcasts.push(event.broadcast);
        break;
      case "poll:upserted":
        if (event.poll.definition.scope.kind === "room") this.roomPolls.set(event.poll.pollId, event.poll);
        break;
      case "poll:deleted":
        this.roomPolls.delete(event.pollId);
        break;
      case "call:link":
        if (event.roundId === null || event.roundId !== this.roundId || event.roomId === null) break;
        if (event.url === null) this.callLinks.delete(event.roomId);
        else this.callLinks.set(event.roomId, event.url);
        break;
      default:
        break;
    }
  }

  /** A new round's rooms start empty (its links come as `call:link` events in the same commit). */
  private startRound(round: RoundView): void {
    if (round.roundId === this.roundId) return;
    this.roundId = round.roundId;
    this.helps.clear();
    this.broadcasts = [];
    this.callLinks.clear();
  }
}
