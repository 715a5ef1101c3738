import type { RoundView } from "../../../shared/breakout.js";
import type { ChatChannelId, ChatMessageView } from "../../../shared/chat.js";
import type { RoomId, RoundId } from "../../../shared/ids.js";
import type { NoteDocId } from "../../../shared/notes.js";
import { extractOutcomes } from "../../../shared/outcomes.js";
import type { PollResults, PollView } from "../../../shared/poll.js";
import {
  orderedProgramme,
  type ProgrammeSessionView,
  sessionBoardId,
  sessionOfBoard,
} from "../../../shared/programme.js";
import {
  type Attribution,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportChatMessage,
  type ReportOutcomeGroup,
  type ReportOutline,
  type ReportPoll,
  type ReportQuestion,
  type ReportRoom,
  type ReportRound,
  type ReportScope,
  type ReportSection,
  type ReportSession,
} from "../../../shared/report.js";
import type { QuestionRecord } from "../../domain/qna/records.js";
import { DomainError } from "../errors.js";
import type { ParticipantRecord, WorkshopRecord } from "../records.js";
import { reportNotes, withoutBidiControlsIn } from "./inert.js";

/** Everything a report is made of, read from the store at one moment (services/reportService.ts). */
export interface ReportSource {
  workshop: WorkshopRecord;
  participants: readonly ParticipantRecord[];
  /** Every round, any order. */
  rounds: readonly RoundView[];
  /** Round id -> room id -> people assigned. */
  roomCounts: ReadonlyMap<RoundId, Record<string, number>>;
  /** Polls that were opened at least once, each with the results of one atomic tally read. */
  polls: ReadonlyArray<{ poll: PollView; results: PollResults }>;
  questions: ReadonlyArray<{ record: QuestionRecord; votes: number }>;
  /** Notes Markdown per document ("plenary" or a room id); a missing document is empty. */
  notes: ReadonlyMap<NoteDocId, string>;
  /** The programme's sessions, any order; absent or empty: a workshop without a programme. */
  programme?: readonly ProgrammeSessionView[];
  /**
   * The chat channels a facilitator chose to include, each with its kept messages; absent or
   * empty: no chat (the default). Each must be a place of the report.
   */
  chat?: ReadonlyMap<ChatChannelId, readonly ChatMessageView[]>;
}

/**
 * The report model, a pure function of its source: the same source gives the same report,
 * field for field and in the same order (only `generatedAt` is the caller's clock). Names enter
 * it in exactly two places, both behind `attribution === "attributed"`: note-takers and the
 * authors of creditable named questions. Included chat carries no author, in any mode. Typed text enters it inert (inert.ts): no string carries
 * a bidi control, and notes carry no image, so every format agrees.
 */
export function buildReport(
  source: ReportSource,
  scope: ReportScope,
  attribution: Attribution,
  generatedAt: number,
  timeZone = "UTC",
): Report {
  const named = attribution === "attributed";
  const sessions = orderedProgramme(source.programme ?? []);
  const known = new Set(sessions.map((session) => session.sessionId));
  /** The (existing) session a poll or board belongs to; a deleted session's go back to the plenary. */
  const sessionOfPoll = ({ definition: { scope } }: PollView) =>
    scope.kind === "plenary" && scope.sessionId && known.has(scope.sessionId) ? scope.sessionId : null;
  const onPlenaryBoard = (boardId: string) => {
    const sessionId = sessionOfBoard(boardId);
    return boardId === "plenary" || (sessionId !== null && !known.has(sessionId));
  };
  const section = (docId: NoteDocId, polls: ReportPoll[]): ReportSection => {
    const notes = reportNotes(source.notes.get(docId) ?? "");
    const chat = source.chat?.get(docId);
    return {
      notes,
      outcomes: extractOutcomes(notes).map(({ kind, text, owner, due }) => ({ kind, text, owner, due })),
      polls,
      questions: questionsOf(source, docId === "plenary" ? onPlenaryBoard : (boardId) => boardId === docId, named),
      ...(chat ? { chat: chatOf(chat) } : {}),
    };
  };
  const pollsWhere = (test: (poll: PollView) => boolean, round: RoundView | null) =>
    source.polls
      .filter(({ poll }) => test(poll))
      .sort((a, b) => a.poll.createdAt - b.poll.createdAt || a.poll.pollId.localeCompare(b.poll.pollId))
      .map(({ poll, results }) => toReportPoll(poll, results, round));

  const roomReport = (round: RoundView, roomId: RoomId): ReportRoom => {
    const room = round.rooms.find((candidate) => candidate.roomId === roomId);
    if (!room) throw new Error(`room ${roomId} is not in round ${round.roundId}`);
    return {
      roomId,
      name: room.name,
      topic: room.topic,
      participants: source.roomCounts.get(round.roundId)?.[roomId] ?? 0,
      closedEarly: room.closed,
      ...section(
        roomId,
        pollsWhere((poll) => poll.definition.scope.kind === "room" && poll.definition.scope.roomId === roomId, null),
      ),
    };
  };
  const roundReport = (round: RoundView, onlyRoom: RoomId | null): ReportRound => {
    const everyRoom = pollsWhere(
      (poll) => poll.definition.scope.kind === "everyRoom" && poll.definition.scope.roundId === round.roundId,
      round,
    );
    return {
      roundId: round.roundId,
      number: round.number,
      status: round.status,
      endsAt: round.endsAt,
      participants: round.rooms.reduce(
        (sum, room) => sum + (source.roomCounts.get(round.roundId)?.[room.roomId] ?? 0),
        0,
      ),
      rooms: round.rooms
        .filter((room) => onlyRoom === null || room.roomId === onlyRoom)
        .map((room) => roomReport(round, room.roomId)),
      polls: onlyRoom === null ? everyRoom : everyRoom.map((poll) => onlyRoomOf(poll, onlyRoom)),
      ...(round.sessionId && known.has(round.sessionId) ? { sessionId: round.sessionId } : {}),
    };
  };
  const sessionReport = (session: ProgrammeSessionView): ReportSession => ({
    sessionId: session.sessionId,
    title: session.title,
    kind: session.kind,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    description: session.description,
    speakers: session.speakers,
    contentNote: session.contentNote ?? null,
    polls: pollsWhere((poll) => sessionOfPoll(poll) === session.sessionId, null),
    questions: questionsOf(source, (boardId) => boardId === sessionBoardId(session.sessionId), named),
  });

  const inScope = roundsInScope(source.rounds, scope);
  if (scope.kind !== "workshop" && inScope.length === 0) {
    throw new DomainError("NOT_FOUND", scope.kind === "round" ? "no such round" : "no such room");
  }
  const plenary =
    scope.kind === "workshop"
      ? section(
          "plenary",
          pollsWhere((poll) => poll.definition.scope.kind === "plenary" && sessionOfPoll(poll) === null, null),
        )
      : null;
  const reportRounds = inScope.map((round) => roundReport(round, scope.kind === "room" ? scope.roomId : null));
  const chatIncluded = includedChat(source.chat, plenary !== null, reportRounds);

  const people = source.participants.filter((person) => person.status !== "removed");
  const countRole = (role: ParticipantRecord["role"]) => people.filter((person) => person.role === role).length;
  return withoutBidiControlsIn<Report>({
    report: "workshop-outcomes",
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt,
    workshop: {
      workshopId: source.workshop.workshopId,
      title: source.workshop.title,
      status: source.workshop.status,
      createdAt: source.workshop.createdAt,
    },
    scope,
    attribution,
    timeZone,
    participation: {
      total: people.length,
      facilitators: countRole("facilitator"),
      noteTakers: countRole("note-taker"),
      // Safeguarding leads take part as participants; the report does not single out who supports.
      participants: countRole("participant") + countRole("safeguarding-lead"),
    },
    noteTakers: named
      ? people
          .filter((person) => person.role === "note-taker")
          .map((person) => person.displayName)
          .sort(compareText)
      : [],
    plenary,
    ...(scope.kind === "workshop" && sessions.length > 0 ? { programme: sessions.map(sessionReport) } : {}),
    rounds: reportRounds,
    keyOutcomes: keyOutcomes(plenary, reportRounds),
    ...(chatIncluded.length > 0 ? { chatIncluded } : {}),
  });
}

/**
 * The channels included, in the report's order (the plenary, then rooms as they appear). A
 * channel that is no place of this report (a room of another round, the plenary outside the
 * workshop scope, no such room) is refused: a facilitator's choice is never silently dropped.
 */
function includedChat(
  chat: ReportSource["chat"],
  withPlenary: boolean,
  rounds: readonly ReportRound[],
): ChatChannelId[] {
  if (!chat || chat.size === 0) return [];
  const places: ChatChannelId[] = [
    ...(withPlenary ? ["plenary" as const] : []),
    ...rounds.flatMap((round) => round.rooms.map((room) => room.roomId)),
  ];
  for (const channelId of chat.keys()) {
    if (!places.includes(channelId)) throw new DomainError("NOT_FOUND", "a chat asked for is no place of this report");
  }
  return places.filter((place) => chat.has(place));
}

/** A channel's messages without their author: when and what (a hidden one: when only), oldest first. */
function chatOf(messages: readonly ChatMessageView[]): ReportChatMessage[] {
  return [...messages]
    .sort((a, b) => a.seq - b.seq)
    .map((message) => ({ seq: message.seq, at: message.at, text: message.hidden ? null : message.text }));
}

/** The rounds and rooms a workshop report covers, in its order, without their content (the scope picker's). */
export function reportOutline(rounds: readonly RoundView[]): ReportOutline {
  return withoutBidiControlsIn<ReportOutline>({
    rounds: roundsInScope(rounds, { kind: "workshop" }).map((round) => ({
      roundId: round.roundId,
      number: round.number,
      rooms: round.rooms.map((room) => ({ roomId: room.roomId, name: room.name })),
    })),
  });
}

/**
 * The rounds a report covers, in order: every round that ran (a round only planned has
 * produced nothing yet), the one asked for, or the one holding the room asked for.
 */
export function roundsInScope(rounds: readonly RoundView[], scope: ReportScope): RoundView[] {
  const ordered = [...rounds].sort((a, b) => a.number - b.number);
  switch (scope.kind) {
    case "workshop":
      return ordered.filter((round) => round.status !== "planned");
    case "round":
      return ordered.filter((round) => round.roundId === scope.roundId);
    case "room":
      return ordered.filter((round) => round.rooms.some((room) => room.roomId === scope.roomId));
  }
}

/** Code-point order: the same everywhere, unlike locale-aware sorting. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Published questions of the boards a place shows, most upvoted first. */
function questionsOf(source: ReportSource, onBoard: (boardId: string) => boolean, named: boolean): ReportQuestion[] {
  return source.questions
    .filter(({ record }) => onBoard(record.boardId) && (record.status === "approved" || record.status === "answered"))
    .sort(
      (a, b) =>
        b.votes - a.votes ||
        a.record.seq - b.record.seq ||
        (a.record.questionId < b.record.questionId ? -1 : a.record.questionId > b.record.questionId ? 1 : 0),
    )
    .map(({ record, votes }) => ({
      seq: record.seq,
      text: record.text,
      status: record.status === "answered" ? "answered" : "approved",
      votes,
      reply: record.reply,
      edited: record.edited,
      // Anonymous questions have no author stored at all; creditable is false for them too.
      author: named && !record.anonymous && record.creditable === true ? record.authorName : null,
    }));
}

function toReportPoll(poll: PollView, results: PollResults, round: RoundView | null): ReportPoll {
  const { definition } = poll;
  return {
    pollId: poll.pollId,
    question: definition.question,
    kind: definition.kind,
    status: poll.status === "open" ? "open" : "closed",
    anonymous: definition.anonymous,
    resultsVisibility: definition.resultsVisibility,
    options: "options" in definition ? definition.options : [],
    scale:
      definition.kind === "rating"
        ? { max: definition.scale, lowLabel: definition.lowLabel ?? null, highLabel: definition.highLabel ?? null }
        : null,
    results: inRoomOrder(withoutAnswers(results), round),
    rooms: round ? round.rooms.map((room) => ({ roomId: room.roomId, name: room.name })) : [],
  };
}

/** byRoom in the round's room order: the counters come back in whatever order the store keeps them. */
function inRoomOrder(results: PollResults, round: RoundView | null): PollResults {
  const byRoom = results.byRoom;
  if (!byRoom || !round) return results;
  const ordered = Object.fromEntries(
    round.rooms.flatMap((room) => (byRoom[room.roomId] ? [[room.roomId, byRoom[room.roomId]]] : [])),
  );
  return { ...results, byRoom: ordered } as PollResults;
}

/** Open-text answers as written stay out of the report (the word cloud stays). */
function withoutAnswers(results: PollResults): PollResults {
  if (results.kind !== "text") return results;
  const strip = (tally: typeof results.combined) => ({ ...tally, answers: null });
  return {
    ...results,
    combined: strip(results.combined),
    ...(results.byRoom
      ? { byRoom: Object.fromEntries(Object.entries(results.byRoom).map(([id, tally]) => [id, strip(tally)])) }
      : {}),
  };
}

/** An every-room poll in a one-room report: that room's results and the combined ones. */
function onlyRoomOf(poll: ReportPoll, roomId: RoomId): ReportPoll {
  const byRoom = poll.results.byRoom;
  const mine = byRoom?.[roomId];
  return {
    ...poll,
    results: { ...poll.results, ...(byRoom ? { byRoom: mine ? { [roomId]: mine } : {} } : {}) } as PollResults,
    rooms: poll.rooms.filter((room) => room.roomId === roomId),
  };
}

function keyOutcomes(plenary: ReportSection | null, rounds: readonly ReportRound[]): ReportOutcomeGroup[] {
  const groups: ReportOutcomeGroup[] = [];
  if (plenary && plenary.outcomes.length > 0) {
    groups.push({ roundNumber: null, roomName: null, outcomes: plenary.outcomes });
  }
  for (const round of rounds) {
    for (const room of round.rooms) {
      if (room.outcomes.length > 0) {
        groups.push({ roundNumber: round.number, roomName: room.name, outcomes: room.outcomes });
      }
    }
  }
  return groups;
}
