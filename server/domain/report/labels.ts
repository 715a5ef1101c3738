import type { OutcomeKind } from "../../../shared/outcomes.js";
import type {
  Report,
  ReportOutcome,
  ReportOutcomeGroup,
  ReportQuestion,
  ReportRoom,
  ReportRound,
} from "../../../shared/report.js";

/**
 * The words of the report, shared by every format so Markdown, HTML and CSV say the same
 * thing. Dates are spelled out in the report's time zone (UTC unless the request named one),
 * with the zone written next to every time.
 */

/** YYYY-MM-DD and HH:MM of an instant in a zone (Intl: the zone rules of the runtime). */
function clockIn(ms: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

export function dateOf(ms: number, timeZone: string): string {
  return clockIn(ms, timeZone).date;
}

export function dateTimeOf(ms: number, timeZone: string): string {
  const { date, time } = clockIn(ms, timeZone);
  return `${date} ${time} ${timeZone}`;
}

export const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  decision: "Decision",
  action: "Action",
  recommendation: "Recommendation",
};

export const OUTCOME_GROUP_LABEL: Record<OutcomeKind, string> = {
  decision: "Decisions",
  action: "Actions",
  recommendation: "Recommendations",
};

export function roundTitle(round: Pick<ReportRound, "number">): string {
  return `Round ${round.number}`;
}

/** "Round 2 · Shelters" for a room, "Plenary" for the plenary. */
export function placeTitle(group: Pick<ReportOutcomeGroup, "roundNumber" | "roomName">): string {
  return group.roomName === null ? "Plenary" : `Round ${group.roundNumber} · ${group.roomName}`;
}

export function scopeTitle(report: Report): string {
  const round = report.rounds[0];
  switch (report.scope.kind) {
    case "workshop":
      return "Whole workshop";
    case "round":
      return round ? roundTitle(round) : "Round";
    case "room":
      return round?.rooms[0] ? `${roundTitle(round)} · ${round.rooms[0].name}` : "Room";
  }
}

export function attributionLine(report: Report): string {
  return report.attribution === "attributed"
    ? "Attributed: people are named only where they agreed to it; anonymous contributions are never named."
    : "No attribution (Chatham House): nobody is named in this report.";
}

/** "1 vote", "2 votes". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function participationLine(report: Report): string {
  const { total, facilitators, noteTakers, participants } = report.participation;
  return `${count(total, "person", "people")} (${count(participants, "participant")}, ${count(facilitators, "facilitator")}, ${count(noteTakers, "note-taker")})`;
}

export function roundLine(round: ReportRound, timeZone: string): string {
  const status =
    round.status === "closed"
      ? round.endsAt === null
        ? "closed"
        : `ended ${dateTimeOf(round.endsAt, timeZone)}`
      : round.status === "planned"
        ? "not run yet"
        : "in progress";
  return `${status} · ${count(round.rooms.length, "room")} · ${count(round.participants, "person", "people")}`;
}

export function roomLine(room: ReportRoom): string {
  const people = count(room.participants, "person", "people");
  return room.closedEarly ? `${people} · closed early` : people;
}

/** " (owner: Amal, due 2026-12-15)" for actions; "" otherwise. `escapeText` makes the owner safe for the format. */
export function outcomeDetails(
  outcome: Pick<ReportOutcome, "owner" | "due">,
  escapeText: (text: string) => string,
): string {
  const details = [
    outcome.owner && `owner: ${escapeText(outcome.owner)}`,
    outcome.due && `due ${escapeText(outcome.due)}`,
  ].filter(Boolean);
  return details.length > 0 ? ` (${details.join(", ")})` : "";
}

export function questionLine(question: ReportQuestion): string {
  const parts = [count(question.votes, "vote")];
  if (question.status === "answered") parts.push("answered");
  if (question.edited) parts.push("edited by a moderator");
  if (question.author !== null) parts.push(`asked by ${question.author}`);
  return parts.join(" · ");
}

/** A value in a table cell: numbers as written, nothing as a dash. */
export function cellText(value: number | string | null): string {
  return value === null ? "–" : String(value);
}
