import type { HelpView, RoundView } from "../../shared/breakout.js";
import type { ParsedPayload } from "../../shared/events.js";
import type { RoomId } from "../../shared/ids.js";
import {
  isRunning,
  newBroadcast,
  newHelp,
  requireRound,
  resolveHelp,
  roomLedBy,
  takeHelp,
} from "../domain/breakout/rounds.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import type { WorkshopRecord } from "../domain/records.js";
import { newBroadcastId, newHelpId } from "../security/ids.js";
import type { Stores } from "../store/stores.js";
import { decideAndCommit } from "./commit.js";

/**
 * What happens inside the rooms of a running round: help requests (stored with their room,
 * never with who asked) and banners. A room's lead answers and broadcasts in their own room
 * only.
 */
export class RoomSupportService {
  constructor(
    private readonly stores: Pick<Stores, "workshops" | "breakout">,
    private readonly now: () => number = Date.now,
  ) {}

  broadcast(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:broadcast">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const round = await this.currentRound(who.workshop);
      this.requireLeadScope(who, round, payload.roomId);
      const broadcast = newBroadcast(round, payload.roomId, payload.text, this.now());
      return {
        writes: [{ kind: "broadcast", broadcastId: newBroadcastId(), expected: null, next: broadcast }],
        events: [{ type: "breakout:broadcast", broadcast }],
        result: broadcast,
      };
    });
  }

  requestHelp(who: CommandContext, command: CommandRef, payload: ParsedPayload<"help:request">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const { workshop } = who;
      const round = await this.currentRound(workshop);
      const roomId = await this.stores.breakout.getAssignment(who.workshopId, round.roundId, who.participantId);
      if (!roomId || !isRunning(round)) throw new DomainError("INVALID_STATE", "you are not in a room");
      const help = newHelp({ helpId: newHelpId(), round, roomId, text: payload.text ?? "", now: this.now() });
      return {
        writes: [{ kind: "help", expected: null, next: help }],
        events: [{ type: "help:updated", help }],
        result: help,
      };
    });
  }

  takeHelp(who: CommandContext, command: CommandRef, payload: ParsedPayload<"help:take">) {
    return this.changeHelp(who, command, payload.helpId, (help) => takeHelp(help, who.participantId, this.now()));
  }

  resolveHelp(who: CommandContext, command: CommandRef, payload: ParsedPayload<"help:resolve">) {
    return this.changeHelp(who, command, payload.helpId, (help) => resolveHelp(help, who.participantId, this.now()));
  }

  private changeHelp(
    who: CommandContext,
    command: CommandRef,
    helpId: string,
    change: (help: HelpView) => ReturnType<typeof takeHelp>,
  ) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const help = await this.stores.breakout.getHelp(who.workshopId, helpId);
      if (!help) throw new DomainError("NOT_FOUND", "no such help request");
      const round = requireRound(await this.stores.breakout.getRound(who.workshopId, help.roundId));
      this.requireLeadScope(who, round, help.roomId);
      const next = change(help);
      return {
        writes: [{ kind: "help", expected: help, next }],
        events: [{ type: "help:updated", help: next }],
        result: next,
      };
    });
  }

  /** A room lead acts in their own room only (an aim at another room, or all rooms, is FORBIDDEN). */
  private requireLeadScope(context: CommandContext, round: RoundView, roomId: RoomId | null): void {
    if (context.authority !== "roomLead") return;
    if (roomId === null || roomLedBy(round, context.actor.participantId) !== roomId) {
      throw new DomainError("FORBIDDEN", "a room lead acts in their own room only");
    }
  }

  private async currentRound(workshop: WorkshopRecord): Promise<RoundView> {
    const round = workshop.currentRoundId
      ? await this.stores.breakout.getRound(workshop.workshopId, workshop.currentRoundId)
      : null;
    return requireRound(round);
  }
}
