import type { RoundView } from "../../shared/breakout.js";
import type { CallSettings } from "../../shared/calls.js";
import type { ParsedPayload } from "../../shared/events.js";
import { type CallsRecord, callEvents, callSettingsOf, callsForRound, emptyCallsRecord } from "../domain/calls.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { newCallSlug } from "../security/ids.js";
import type { Stores } from "../store/stores.js";
import { decideAndCommit } from "./commit.js";
import type { WorkshopService } from "./workshopService.js";

/**
 * Call links: facilitators set the plenary's link, the rooms' template and links pasted per room.
 * Each change is one compare-and-set of the workshop's calls record with the events that tell
 * exactly the people concerned (server/domain/calls.ts `callEvents`; who receives which:
 * shared/audience.ts). Links are never logged: handlers log the command name and its code only.
 */
export class CallService {
  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
  ) {}

  setPlenary(who: CommandContext, command: CommandRef, payload: ParsedPayload<"call:setPlenary">) {
    return this.change(who, command, (record) => ({ ...record, plenary: payload.url }));
  }

  setTemplate(who: CommandContext, command: CommandRef, payload: ParsedPayload<"call:setTemplate">) {
    return this.change(who, command, (record) => ({ ...record, template: payload.template }));
  }

  setRoom(who: CommandContext, command: CommandRef, payload: ParsedPayload<"call:setRoom">) {
    return this.change(who, command, (record, round) => {
      if (round?.roundId !== payload.roundId || !round.rooms.some((room) => room.roomId === payload.roomId)) {
        throw new DomainError("NOT_FOUND", "no such room in the current round");
      }
      if (round.status === "closed") throw new DomainError("INVALID_STATE", "the round is over");
      const pasted = { ...record.pasted };
      if (payload.url === null) delete pasted[payload.roomId];
      else pasted[payload.roomId] = payload.url;
      return { ...record, pasted };
    });
  }

  private change(
    who: CommandContext,
    command: CommandRef,
    next: (record: CallsRecord, round: RoundView | null) => CallsRecord,
  ): Promise<CallSettings> {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      // The record first: a round planned after this read rewrites it, so the commit conflicts.
      const expected = await this.stores.calls.getCalls(who.workshopId);
      const workshop = await this.workshops.freshWorkshop(who.workshopId);
      const round = workshop.currentRoundId
        ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId)
        : null;
      let base = expected ?? emptyCallsRecord(newCallSlug);
      // A round planned before call links existed gets its rooms' words now.
      if (round && base.roundId !== round.roundId) base = callsForRound(base, round, newCallSlug);
      const record = next(base, round);
      return {
        writes: [{ kind: "calls", expected, next: record }],
        events: callEvents(expected, record, round),
        result: callSettingsOf(record),
      };
    });
  }
}
