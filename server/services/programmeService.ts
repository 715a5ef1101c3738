import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import type { ProgrammeSessionView } from "../../shared/programme.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { reorderedSessions, requireRoomForSession, requireSession, sessionOf } from "../domain/programme.js";
import type { WorkshopRecord } from "../domain/records.js";
import { newProgrammeSessionId } from "../security/ids.js";
import type { Stores } from "../store/stores.js";
import type { RecordWrite } from "../store/workshop/port.js";
import { decideAndCommit } from "./commit.js";
import type { WorkshopService } from "./workshopService.js";

/** The forum's programme: sessions added, rewritten, taken off and put in order, through the event log. */
export class ProgrammeService {
  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
  ) {}

  create(who: CommandContext, command: CommandRef, payload: ParsedPayload<"programme:create">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      // The workshop record is written too (compare-and-set): creates racing on two nodes are
      // ordered, so positions differ and the bound holds.
      const workshop = await this.workshops.freshWorkshop(who.workshopId);
      requireRoomForSession((await this.stores.programme.listSessions(who.workshopId)).length);
      const position = workshop.programmeCount ?? 0;
      const session = sessionOf(newProgrammeSessionId(), payload.session, position);
      const nextWorkshop: WorkshopRecord = { ...workshop, programmeCount: position + 1 };
      return {
        writes: [
          { kind: "workshop", expected: workshop, next: nextWorkshop },
          { kind: "programme", sessionId: session.sessionId, expected: null, next: session },
        ],
        events: [{ type: "programme:upserted", session }],
        result: session,
      };
    });
  }

  update(who: CommandContext, command: CommandRef, payload: ParsedPayload<"programme:update">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const current = requireSession(await this.stores.programme.getSession(who.workshopId, payload.sessionId));
      const session = sessionOf(current.sessionId, payload.session, current.position);
      return {
        writes: [{ kind: "programme", sessionId: session.sessionId, expected: current, next: session }],
        events: [{ type: "programme:upserted", session }],
        result: session,
      };
    });
  }

  delete(who: CommandContext, command: CommandRef, payload: ParsedPayload<"programme:delete">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const current = requireSession(await this.stores.programme.getSession(who.workshopId, payload.sessionId));
      return {
        writes: [{ kind: "programme", sessionId: current.sessionId, expected: current, next: null }],
        events: [{ type: "programme:deleted", sessionId: current.sessionId }],
        result: { sessionId: current.sessionId },
      };
    });
  }

  reorder(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"programme:reorder">,
  ): Promise<CommandResult<"programme:reorder">> {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const current = await this.stores.programme.listSessions(who.workshopId);
      const byId = new Map(current.map((session) => [session.sessionId, session]));
      const moved = reorderedSessions(current, payload.sessionIds).filter(
        (session) => byId.get(session.sessionId)?.position !== session.position,
      );
      const writes: RecordWrite[] = moved.map((session) => ({
        kind: "programme",
        sessionId: session.sessionId,
        expected: byId.get(session.sessionId) as ProgrammeSessionView,
        next: session,
      }));
      return {
        writes,
        events: moved.map((session) => ({ type: "programme:upserted" as const, session })),
        result: { sessionIds: payload.sessionIds },
      };
    });
  }
}
