import type { LanguageTag } from "../../../shared/languages.js";
import type { Report, ReportChatMessage, ReportPoll, ReportSection } from "../../../shared/report.js";
import { type CsvValue, csvTable } from "../export/csv.js";
import { POLL_CSV_HEADER, pollCsvRows } from "../polls/export.js";
import { isoLocalOf } from "./dates.js";
import { type ReportWords, reportWords } from "./words.js";

/**
 * The report as one CSV table for spreadsheets: a row per poll option (value, word) per room,
 * a row per published question and a row per marked outcome, each saying where it comes from
 * (round number, empty for the plenary; place). Columns a row does not use stay empty, so the
 * sheet filters by `section`. Formula injection is neutralised by csvTable.
 *
 * In every language the header and the codes (`section`, `kind`, `item_type`, `status`) stay
 * the same machine names, and numbers stay plain numbers: scripts and formulas key on them and
 * a spreadsheet must read them as numbers. Only what people read as a place is in the report's
 * language: the plenary, "Every room", "All rooms" (beside the room names, which are as typed).
 *
 * A report that includes chat (a facilitator's choice) has two more columns at the end,
 * `message_seq` and `sent_at` (ISO 8601 in the report's zone, with its offset), a first row
 * `chat` / `notice` saying whose choice it was and that it names no one, and a `chat` row per
 * message (`item_type` `message`, or `hidden` without its words): never an author. Without chat
 * the table is what it always was.
 */
export const REPORT_CSV_HEADER = [
  "section",
  "round",
  "place",
  ...POLL_CSV_HEADER,
  "question_seq",
  "votes",
  "status",
  "reply",
  "author",
  "owner",
  "due",
] as const;

const POLL_COLUMNS = POLL_CSV_HEADER.length;
const TAIL_COLUMNS = REPORT_CSV_HEADER.length - 3 - POLL_COLUMNS;
const CHAT_CSV_COLUMNS = ["message_seq", "sent_at"] as const;

type Row = CsvValue[];

function pollRows(round: number | null, place: string, poll: ReportPoll, words: ReportWords): Row[] {
  const rows = pollCsvRows({
    pollId: poll.pollId,
    question: poll.question,
    kind: poll.kind,
    options: poll.options,
    results: poll.results,
    roomNames: Object.fromEntries(poll.rooms.map((room) => [room.roomId, room.name])),
    answers: [],
    allRoomsName: words.t("allRooms"),
  });
  return rows.map((row) => ["poll", round, place, ...row, ...Array<CsvValue>(TAIL_COLUMNS).fill(null)]);
}

/** A row of the chat columns' part of the table: `section` chat, the poll columns' item type and item. */
function chatRow(round: number | null, place: string | null, itemType: string, item: string | null): Row {
  const cells = Array<CsvValue>(POLL_COLUMNS).fill(null);
  cells[POLL_CSV_HEADER.indexOf("item_type")] = itemType;
  cells[POLL_CSV_HEADER.indexOf("item")] = item;
  return ["chat", round, place, ...cells, ...Array<CsvValue>(TAIL_COLUMNS).fill(null)];
}

function chatRows(round: number | null, place: string, messages: readonly ReportChatMessage[], timeZone: string) {
  return messages.map(
    (message): Row => [
      ...chatRow(round, place, message.text === null ? "hidden" : "message", message.text),
      message.seq,
      isoLocalOf(message.at, timeZone),
    ],
  );
}

function sectionRows(round: number | null, place: string, section: ReportSection, words: ReportWords): Row[] {
  const blankPoll = Array<CsvValue>(POLL_COLUMNS).fill(null);
  return [
    ...section.polls.flatMap((poll) => pollRows(round, place, poll, words)),
    ...section.questions.map((question): Row => {
      const cells = [...blankPoll];
      cells[POLL_CSV_HEADER.indexOf("question")] = question.text;
      return [
        "question",
        round,
        place,
        ...cells,
        question.seq,
        question.votes,
        question.status,
        question.reply,
        question.author,
        null,
        null,
      ];
    }),
    ...section.outcomes.map((outcome): Row => {
      const cells = [...blankPoll];
      cells[POLL_CSV_HEADER.indexOf("item_type")] = outcome.kind;
      cells[POLL_CSV_HEADER.indexOf("item")] = outcome.text;
      return ["outcome", round, place, ...cells, null, null, null, null, null, outcome.owner, outcome.due];
    }),
  ];
}

export function reportCsv(report: Report, lang: LanguageTag): string {
  const words = reportWords(lang);
  const rows: Row[] = [];
  const chat: Row[] = [];
  const placeRows = (round: number | null, place: string, section: ReportSection) => {
    rows.push(...sectionRows(round, place, section, words));
    if (section.chat) chat.push(...chatRows(round, place, section.chat, report.timeZone));
  };
  if (report.plenary) placeRows(null, words.t("plenary"), report.plenary);
  // A session's own polls and questions, its title as the place.
  for (const session of report.programme ?? []) {
    const place = { notes: "", outcomes: [], polls: session.polls, questions: session.questions };
    rows.push(...sectionRows(null, session.title, place, words));
  }
  for (const round of report.rounds) {
    for (const poll of round.polls) rows.push(...pollRows(round.number, words.t("everyRoom"), poll, words));
    for (const room of round.rooms) placeRows(round.number, room.name, room);
  }
  if (!report.chatIncluded) return csvTable(REPORT_CSV_HEADER, rows);
  const notice = chatRow(null, null, "notice", words.t("chatIncluded"));
  return csvTable(
    [...REPORT_CSV_HEADER, ...CHAT_CSV_COLUMNS],
    [[...notice, null, null], ...rows.map((row) => [...row, null, null]), ...chat],
  );
}
