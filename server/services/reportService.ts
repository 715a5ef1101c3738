import type { ChatChannelId } from "../../shared/chat.js";
import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import type { RoundId, WorkshopId } from "../../shared/ids.js";
import type { NoteDocId } from "../../shared/notes.js";
import type { Attribution, Report, ReportOutline, ReportScope } from "../../shared/report.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { authorizeDownload } from "../domain/policy.js";
import { toWorkshopView, type WorkshopRecord } from "../domain/records.js";
import { buildReport, type ReportSource, reportOutline, roundsInScope } from "../domain/report/build.js";
import type { Stores } from "../store/stores.js";
import { decideAndCommit } from "./commit.js";
import { exporterContext } from "./exportAccess.js";
import type { NotesService } from "./notes/notesService.js";
import type { PollService } from "./pollService.js";
import type { WorkshopService } from "./workshopService.js";

/**
 * The outcome report: who may take it, the attribution setting, and reading its source.
 * Each part is read whole in one step (a poll's counters and voter count in one read, so a
 * tally always matches the ballots it counts, even while votes keep arriving); the report is
 * then a pure function of what was read (domain/report/build.ts).
 */
export class ReportService {
  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
    private readonly polls: PollService,
    private readonly notes: NotesService,
    /** Messages kept per chat channel (CHAT_HISTORY_MAX): an included chat is read whole. */
    private readonly chatHistoryMax: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `chat`: channels a facilitator includes (the plenary's, rooms'); empty, the default: none.
   * Who may include it is the policy's download table (`reportChat`: facilitators only).
   */
  async report(
    sessionToken: string,
    workshopId: WorkshopId,
    scope: ReportScope,
    attribution: Attribution,
    timeZone = "UTC",
    chat: readonly ChatChannelId[] = [],
  ): Promise<Report> {
    const { workshop, actor } = await exporterContext(this.workshops, sessionToken, workshopId);
    if (chat.length > 0) authorizeDownload("reportChat", actor.role);
    if (attribution === "attributed" && workshop.reportAttribution !== "attributed") {
      throw new DomainError("INVALID_STATE", "a facilitator has not allowed reports that name people in this workshop");
    }
    return buildReport(await this.source(workshop, scope, chat), scope, attribution, this.now(), timeZone);
  }

  /** What a report can cover (rounds and rooms), for the same people who may download it. */
  async outline(sessionToken: string, workshopId: WorkshopId): Promise<ReportOutline> {
    await exporterContext(this.workshops, sessionToken, workshopId);
    return reportOutline(await this.stores.breakout.listRounds(workshopId));
  }

  /** Facilitators turn attribution on or off; everyone sees it (the ask box tells named askers). */
  setAttribution(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"workshop:setAttribution">,
  ): Promise<CommandResult<"workshop:setAttribution">> {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      // Read again: the record is what this write replaces (compare-and-set).
      const workshop = await this.workshops.freshWorkshop(who.workshopId);
      const next: WorkshopRecord = { ...workshop, reportAttribution: payload.attribution };
      const view = toWorkshopView(next);
      if ((workshop.reportAttribution ?? "none") === payload.attribution) {
        return { writes: [], events: [], result: view };
      }
      return {
        writes: [{ kind: "workshop", expected: workshop, next }],
        events: [{ type: "workshop:updated", workshop: view }],
        result: view,
      };
    });
  }

  private async source(
    workshop: WorkshopRecord,
    scope: ReportScope,
    chatChannels: readonly ChatChannelId[],
  ): Promise<ReportSource> {
    const { workshopId } = workshop;
    const [participants, rounds, polls, questions, programme] = await Promise.all([
      this.stores.workshops.listParticipants(workshopId),
      this.stores.breakout.listRounds(workshopId),
      this.stores.polls.listPolls(workshopId),
      this.stores.qna.listQuestions(workshopId),
      this.stores.programme.listSessions(workshopId),
    ]);
    const inScope = roundsInScope(rounds, scope);
    const roundById = new Map(rounds.map((round) => [round.roundId, round]));
    const docIds: NoteDocId[] = [
      ...(scope.kind === "workshop" ? ["plenary"] : []),
      ...inScope.flatMap((round) =>
        round.rooms.filter((room) => scope.kind !== "room" || room.roomId === scope.roomId).map((room) => room.roomId),
      ),
    ];
    const opened = polls.filter((poll) => poll.status !== "draft");
    const [counts, tallies, votes, notes, chat] = await Promise.all([
      Promise.all(inScope.map((round) => this.stores.breakout.getCounts(workshopId, round.roundId))),
      Promise.all(
        opened.map((poll) => {
          const scopeOfPoll = poll.definition.scope;
          const round = scopeOfPoll.kind === "everyRoom" ? (roundById.get(scopeOfPoll.roundId) ?? null) : null;
          return this.polls.results(workshopId, poll, round);
        }),
      ),
      this.stores.qna.questionVotes(
        workshopId,
        questions.map((question) => question.questionId),
      ),
      Promise.all(docIds.map((docId) => this.notes.text(workshopId, docId))),
      // Each channel in one read (a page script): every message it keeps, oldest first.
      Promise.all(
        chatChannels.map((channelId) => this.stores.chat.page(workshopId, channelId, null, this.chatHistoryMax)),
      ),
    ]);
    return {
      workshop,
      participants,
      rounds,
      roomCounts: new Map<RoundId, Record<string, number>>(
        inScope.map((round, index) => [round.roundId, counts[index] ?? {}]),
      ),
      polls: opened.map((poll, index) => ({ poll, results: (tallies[index] as (typeof tallies)[number]).results })),
      questions: questions.map((record, index) => ({ record, votes: votes[index] ?? 0 })),
      notes: new Map(docIds.map((docId, index) => [docId, notes[index] ?? ""])),
      programme,
      chat: new Map(chatChannels.map((channelId, index) => [channelId, chat[index]?.messages ?? []])),
    };
  }
}
