import type { LanguageTag } from "../../../shared/languages.js";
import type { Report, ReportPoll, ReportSection } from "../../../shared/report.js";
import { type CsvValue, csvTable } from "../export/csv.js";
import { POLL_CSV_HEADER, pollCsvRows } from "../polls/export.js";
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
  if (report.plenary) rows.push(...sectionRows(null, words.t("plenary"), report.plenary, words));
  // A session's own polls and questions, its title as the place.
  for (const session of report.programme ?? []) {
    const place = { notes: "", outcomes: [], polls: session.polls, questions: session.questions };
    rows.push(...sectionRows(null, session.title, place, words));
  }
  for (const round of report.rounds) {
    for (const poll of round.polls) rows.push(...pollRows(round.number, words.t("everyRoom"), poll, words));
    for (const room of round.rooms) rows.push(...sectionRows(round.number, room.name, room, words));
  }
  return csvTable(REPORT_CSV_HEADER, rows);
}
