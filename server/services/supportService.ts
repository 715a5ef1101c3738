import type { ParsedPayload } from "../../shared/events.js";
import {
  countOpen,
  DEFAULT_SUPPORT_SETTINGS,
  isOpen,
  type SupportList,
  type SupportRequestId,
  type SupportRequestView,
  type SupportSettings,
} from "../../shared/support.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import {
  addMessage,
  closeRequest,
  newSupportRequest,
  requestFor,
  seesRequest,
  takeRequest,
} from "../domain/support/requests.js";
import { newSupportRequestId } from "../security/ids.js";
import type { Stores } from "../store/stores.js";
import type { SupportWrite } from "../store/support/port.js";
import { commitAtMostOnce } from "./commit.js";

/**
 * Private support between a person and the safeguarding leads. Nothing of it goes through the
 * workshop's event log, a report or an export, and its handlers log ids and codes only; the
 * support feed sends each change to the person and the leads, and facilitators at most a count.
 */
export class SupportService {
  constructor(
    private readonly stores: Pick<Stores, "support" | "workshops" | "breakout">,
    private readonly now: () => number = Date.now,
  ) {}

  /** One open request per person: asking again answers the open one (a double tap asks once). */
  request(who: CommandContext, command: CommandRef, payload: ParsedPayload<"support:request">) {
    return this.commit(who, command, async () => {
      const requests = await this.stores.support.listRequests(who.workshopId);
      const open = requests.find((request) => request.person.participantId === who.participantId && isOpen(request));
      if (open) return { writes: [], result: requestFor(open, who.actor) };
      const request = newSupportRequest({
        requestId: newSupportRequestId(),
        person: { participantId: who.participantId, displayName: who.actor.displayName },
        where: await this.roomNameOf(who),
        note: payload.note ?? "",
        contact: payload.contact,
        now: this.now(),
      });
      return { writes: [requestWrite(null, request)], result: request };
    });
  }

  take(who: CommandContext, command: CommandRef, payload: ParsedPayload<"support:take">) {
    const lead = { participantId: who.participantId, displayName: who.actor.displayName };
    return this.change(who, command, payload.requestId, (request) => takeRequest(request, lead, this.now()));
  }

  message(who: CommandContext, command: CommandRef, payload: ParsedPayload<"support:message">) {
    return this.change(who, command, payload.requestId, (request) =>
      addMessage(request, who.actor, payload.text, this.now()),
    );
  }

  close(who: CommandContext, command: CommandRef, payload: ParsedPayload<"support:close">) {
    return this.change(who, command, payload.requestId, (request) => closeRequest(request, who.actor));
  }

  settings(who: CommandContext, command: CommandRef, payload: ParsedPayload<"support:settings">) {
    return this.commit(who, command, async () => {
      const current = await this.stores.support.getSettings(who.workshopId);
      const next: SupportSettings = { countToFacilitators: payload.countToFacilitators };
      return { writes: [{ kind: "settings", expected: current, next }], result: next };
    });
  }

  /** The person's own open requests; every open one for leads; facilitators the count, if allowed. */
  async list(who: CommandContext): Promise<SupportList> {
    const [requests, settings] = await Promise.all([
      this.stores.support.listRequests(who.workshopId),
      this.settingsOf(who.workshopId),
    ]);
    const open = requests.filter(isOpen);
    return {
      requests: open
        .filter((request) => seesRequest(request, who.actor))
        .map((request) => requestFor(request, who.actor))
        .sort((a, b) => a.createdAt - b.createdAt || a.requestId.localeCompare(b.requestId)),
      count: who.actor.role === "facilitator" && settings.countToFacilitators ? countOpen(open) : null,
      settings,
    };
  }

  async settingsOf(workshopId: string): Promise<SupportSettings> {
    return (await this.stores.support.getSettings(workshopId)) ?? DEFAULT_SUPPORT_SETTINGS;
  }

  private change(
    who: CommandContext,
    command: CommandRef,
    requestId: SupportRequestId,
    change: (request: SupportRequestView) => SupportRequestView,
  ) {
    return this.commit(who, command, async () => {
      const request = await this.stores.support.getRequest(who.workshopId, requestId);
      // Someone else's request is as absent as a missing one: its existence is not theirs to learn.
      if (!request || !seesRequest(request, who.actor)) throw new DomainError("NOT_FOUND", "no such support request");
      const next = change(request);
      return { writes: next === request ? [] : [requestWrite(request, next)], result: requestFor(next, who.actor) };
    });
  }

  private commit<T>(
    who: CommandContext,
    command: CommandRef,
    decide: () => Promise<{ writes: SupportWrite[]; result: T }>,
  ): Promise<T> {
    return commitAtMostOnce(
      () => this.stores.workshops.commandResult<T>(who.workshopId, command),
      decide,
      (decision) => this.stores.support.commitSupport(who.workshopId, command, decision),
    );
  }

  /** The name of the room the person is in while a round runs (a lead checking on them goes there). */
  private async roomNameOf(who: CommandContext): Promise<string | null> {
    const roundId = who.workshop.currentRoundId;
    if (!roundId) return null;
    const [round, roomId] = await Promise.all([
      this.stores.breakout.getRound(who.workshopId, roundId),
      this.stores.breakout.getAssignment(who.workshopId, roundId, who.participantId),
    ]);
    if (!round || !isRunning(round) || !roomId) return null;
    return round.rooms.find((room) => room.roomId === roomId)?.name ?? null;
  }
}

function requestWrite(expected: SupportRequestView | null, next: SupportRequestView): SupportWrite {
  return { kind: "request", requestId: next.requestId, expected, next };
}
