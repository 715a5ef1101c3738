import type { OutcomeKind } from "../../../shared/outcomes.js";
import type { SessionKind } from "../../../shared/programme.js";
import type {
  Report,
  ReportChatMessage,
  ReportOutcome,
  ReportOutcomeGroup,
  ReportQuestion,
  ReportRoom,
  ReportRound,
  ReportSection,
  ReportSession,
} from "../../../shared/report.js";
import type { ReportMessageKey } from "./i18n/index.js";
import type { ReportWords } from "./words.js";

/**
 * The sentences of the report, shared by every format so Markdown, HTML and CSV say the same
 * thing, in the report's language (words.ts). Dates are spelled out in the report's time zone
 * (UTC unless the request named one), with the zone written next to every time.
 */

const OUTCOME_LABEL_KEY: Record<OutcomeKind, ReportMessageKey> = {
  decision: "outcomeDecision",
  action: "outcomeAction",
  recommendation: "outcomeRecommendation",
};

export function outcomeLabel(kind: OutcomeKind, words: ReportWords): string {
  return words.t(OUTCOME_LABEL_KEY[kind]);
}

export function roundTitle(round: Pick<ReportRound, "number">, words: ReportWords): string {
  return words.t("roundTitle", { number: round.number });
}

/** "Round 2 · Shelters" for a room, "Plenary" for the plenary. */
export function placeTitle(group: Pick<ReportOutcomeGroup, "roundNumber" | "roomName">, words: ReportWords): string {
  return group.roomName === null
    ? words.t("plenary")
    : words.t("roomPlace", { number: group.roundNumber ?? 0, room: group.roomName });
}

export function scopeTitle(report: Report, words: ReportWords): string {
  const round = report.rounds[0];
  switch (report.scope.kind) {
    case "workshop":
      return words.t("scopeWorkshop");
    case "round":
      return round ? roundTitle(round, words) : words.t("scopeRound");
    case "room":
      return round?.rooms[0]
        ? placeTitle({ roundNumber: round.number, roomName: round.rooms[0].name }, words)
        : words.t("scopeRoom");
  }
}

/** "2026-12-01 (in progress)": when the workshop started, and whether it has ended. */
export function startedLine(report: Report, words: ReportWords): string {
  const status = words.t(report.workshop.status === "ended" ? "workshopEnded" : "workshopInProgress");
  return `${words.date(report.workshop.createdAt, report.timeZone)} (${status})`;
}

export function attributionLine(report: Report, words: ReportWords): string {
  return words.t(report.attribution === "attributed" ? "attributionNamed" : "attributionNone");
}

export function participationLine(report: Report, words: ReportWords): string {
  return words.t("participation", report.participation);
}

export function roundLine(round: ReportRound, timeZone: string, words: ReportWords): string {
  const status =
    round.status === "closed"
      ? round.endsAt === null
        ? words.t("roundClosed")
        : words.t("roundEnded", { dateTime: words.dateTime(round.endsAt, timeZone) })
      : round.status === "planned"
        ? words.t("roundPlanned")
        : words.t("roundInProgress");
  return [
    status,
    words.t("roomCount", { count: round.rooms.length }),
    words.t("peopleCount", { count: round.participants }),
  ].join(" · ");
}

export function roomLine(room: ReportRoom, words: ReportWords): string {
  const people = words.t("peopleCount", { count: room.participants });
  return room.closedEarly ? `${people} · ${words.t("roomClosedEarly")}` : people;
}

/** " (owner: Amal, due 2026-12-15)" for actions; "" otherwise. `escapeText` makes the owner safe for the format. */
export function outcomeDetails(
  outcome: Pick<ReportOutcome, "owner" | "due">,
  escapeText: (text: string) => string,
  words: ReportWords,
): string {
  const details: string[] = [];
  if (outcome.owner) details.push(words.t("outcomeOwner", { owner: escapeText(outcome.owner) }));
  if (outcome.due) details.push(words.t("outcomeDue", { due: escapeText(outcome.due) }));
  return details.length > 0 ? ` (${details.join(words.t("listSeparator"))})` : "";
}

export function questionLine(question: ReportQuestion, words: ReportWords): string {
  const parts = [words.t("voteCount", { count: question.votes })];
  if (question.status === "answered") parts.push(words.t("questionAnswered"));
  if (question.edited) parts.push(words.t("questionEdited"));
  if (question.author !== null) parts.push(words.t("questionAskedBy", { name: question.author }));
  return parts.join(" · ");
}

/** A value in a table cell: numbers in the language's digits, nothing as a dash. */
export function cellText(value: number | string | null, words: ReportWords): string {
  return value === null ? "–" : typeof value === "number" ? words.number(value) : value;
}

const SESSION_KIND_KEY: Record<SessionKind, ReportMessageKey> = {
  plenary: "sessionKindPlenary",
  panel: "sessionKindPanel",
  workshop: "sessionKindWorkshop",
};

/** "2030-03-01 09:00 UTC to 10:00 · Panel": when a session ran, in the report's zone, and what it was. */
export function sessionLine(session: ReportSession, timeZone: string, words: ReportWords): string {
  const when = words.t("sessionTime", {
    start: words.dateTime(session.startsAt, timeZone),
    end: words.time(session.endsAt, timeZone),
  });
  return `${when} · ${words.t(SESSION_KIND_KEY[session.kind])}`;
}

/** The lines under a session's heading: speakers (as typed) and content note, when it has them. */
export function sessionDetails(session: ReportSession, words: ReportWords): string[] {
  const lines: string[] = [];
  if (session.speakers.length > 0) {
    lines.push(words.t("sessionSpeakers", { speakers: session.speakers.join(words.t("listSeparator")) }));
  }
  if (session.contentNote !== null) lines.push(words.t("sessionContentNote", { note: session.contentNote }));
  return lines;
}

/** The report's rounds of one session, or (null) those of no session, in order. */
export function roundsOfSession(report: Report, sessionId: string | null): ReportRound[] {
  return report.rounds.filter((round) => (round.sessionId ?? null) === sessionId);
}

/** A place with nothing to show: no notes, polls or questions, and no chat included. */
export function isEmptyPlace(place: ReportSection): boolean {
  return place.notes === "" && place.polls.length === 0 && place.questions.length === 0 && place.chat === undefined;
}

/**
 * One included chat message: when it was sent (in the report's zone, the zone named) and what it
 * said, never who; a hidden one says so, without the moderator's reason. `text` makes typed text
 * safe for the format, `note` marks the report's own words (a hidden message).
 */
export function chatLine(
  message: ReportChatMessage,
  timeZone: string,
  words: ReportWords,
  text: (typed: string) => string,
  note: (own: string) => string,
): string {
  const when = words.dateTime(message.at, timeZone);
  return `${text(when)}: ${message.text === null ? note(words.t("chatHidden")) : text(message.text)}`;
}
