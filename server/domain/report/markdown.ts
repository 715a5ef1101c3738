import type { LanguageTag } from "../../../shared/languages.js";
import type {
  Report,
  ReportPoll,
  ReportQuestion,
  ReportRound,
  ReportSection,
  ReportSession,
} from "../../../shared/report.js";
import {
  attributionLine,
  cellText,
  chatLine,
  isEmptyPlace,
  outcomeDetails,
  outcomeLabel,
  participationLine,
  placeTitle,
  questionLine,
  roomLine,
  roundLine,
  roundsOfSession,
  roundTitle,
  scopeTitle,
  sessionDetails,
  sessionLine,
  startedLine,
} from "./labels.js";
import { pollSummary, pollTable } from "./pollTable.js";
import { type ReportWords, reportWords } from "./words.js";

/**
 * The report as Markdown, readable as is, in the language asked for. Every value a person typed
 * goes through `inline` (markup characters escaped, one line) except the notes, which are
 * Markdown already: they keep their formatting but lose raw HTML, script-like link targets and
 * their top heading levels (demoted below the report's own headings). Their images are gone from
 * the model already (inert.ts), as are bidi controls from every value. The report's own words
 * hold no markup character (the catalogs' test), so they are written as they are.
 */
export function reportMarkdown(report: Report, lang: LanguageTag): string {
  const words = reportWords(lang);
  const { t } = words;
  const out: string[] = [];
  const block = (...lines: string[]) => out.push(...lines, "");
  block(`# ${t("reportTitle", { title: inline(report.workshop.title) })}`);
  block(
    `- ${t("metaScope")}: ${inline(scopeTitle(report, words))}`,
    `- ${t("metaWorkshopStarted")}: ${startedLine(report, words)}`,
    `- ${t("metaParticipation")}: ${participationLine(report, words)}`,
    ...(report.noteTakers.length > 0
      ? [`- ${t("metaNoteTakers")}: ${report.noteTakers.map(inline).join(t("listSeparator"))}`]
      : []),
    `- ${attributionLine(report, words)}`,
    ...(report.chatIncluded ? [`- ${t("chat")}: ${t("chatIncluded")}`] : []),
    `- ${t("metaGenerated")}: ${inline(words.dateTime(report.generatedAt, report.timeZone))}`,
  );

  // The contents list the programme first: what happened when, before what came of it.
  if (report.programme) {
    block(`## ${t("programme")}`);
    block(
      ...report.programme.map(
        (session) => `- ${inline(sessionLine(session, report.timeZone, words))}: **${inline(session.title)}**`,
      ),
    );
  }

  block(`## ${t("keyOutcomes")}`);
  if (report.keyOutcomes.length === 0) block(`_${t("noKeyOutcomes")}_`);
  for (const group of report.keyOutcomes) {
    block(`### ${inline(placeTitle(group, words))}`);
    block(
      ...group.outcomes.map(
        (outcome) =>
          `- **${outcomeLabel(outcome.kind, words)}:** ${inline(outcome.text)}${outcomeDetails(outcome, inline, words)}`,
      ),
    );
  }

  if (report.plenary) {
    block(`## ${t("plenary")}`);
    section(block, report.plenary, 3, `_${t("plenaryEmpty")}_`, words, report.timeZone);
  }
  // By session, then round and room; rounds of no session (or without a programme) as before.
  for (const session of report.programme ?? []) {
    sessionBlock(block, session, roundsOfSession(report, session.sessionId), report.timeZone, words);
  }
  for (const round of roundsOfSession(report, null)) roundBlock(block, round, 2, report.timeZone, words);
  return `${out.join("\n").trimEnd()}\n`;
}

type Block = (...lines: string[]) => void;

function sessionBlock(
  block: Block,
  session: ReportSession,
  rounds: readonly ReportRound[],
  timeZone: string,
  words: ReportWords,
): void {
  block(`## ${inline(session.title)}`);
  block(`_${inline(sessionLine(session, timeZone, words))}_`);
  const details = sessionDetails(session, words);
  if (details.length > 0) block(...details.map((line) => `- ${inline(line)}`));
  if (session.description !== "") block(inline(session.description));
  const place = { notes: "", outcomes: [], polls: session.polls, questions: session.questions };
  if (rounds.length === 0 || place.polls.length > 0 || place.questions.length > 0) {
    section(block, place, 3, `_${words.t("sessionEmpty")}_`, words, timeZone);
  }
  for (const round of rounds) roundBlock(block, round, 3, timeZone, words);
}

/** A round at heading `level`, its rooms one below. */
function roundBlock(block: Block, round: ReportRound, level: number, timeZone: string, words: ReportWords): void {
  const { t } = words;
  const heading = (depth: number) => "#".repeat(Math.min(6, level + depth));
  block(`${heading(0)} ${roundTitle(round, words)}`);
  block(`_${inline(roundLine(round, timeZone, words))}_`);
  if (round.polls.length > 0) {
    block(`${heading(1)} ${t("pollsInEveryRoom")}`);
    for (const poll of round.polls) pollBlock(block, poll, level + 2, words);
  }
  for (const room of round.rooms) {
    block(`${heading(1)} ${inline(room.name)}`);
    block(`_${room.topic ? `${t("topic", { topic: inline(room.topic) })} · ` : ""}${inline(roomLine(room, words))}_`);
    section(block, room, Math.min(6, level + 2), `_${t("roomEmpty")}_`, words, timeZone);
  }
}

function section(
  block: Block,
  place: ReportSection,
  level: number,
  empty: string,
  words: ReportWords,
  timeZone: string,
): void {
  const heading = "#".repeat(level);
  if (isEmptyPlace(place)) {
    block(empty);
    return;
  }
  if (place.notes !== "") {
    block(`${heading} ${words.t("notes")}`);
    block(notesMarkdown(place.notes, level));
  }
  if (place.polls.length > 0) {
    block(`${heading} ${words.t("polls")}`);
    for (const poll of place.polls) pollBlock(block, poll, level + 1, words);
  }
  if (place.questions.length > 0) {
    block(`${heading} ${words.t("questions")}`);
    block(...place.questions.flatMap((question, index) => questionLines(question, index, words)));
  }
  if (place.chat) {
    block(`${heading} ${words.t("chat")}`);
    if (place.chat.length === 0) block(`_${words.t("chatEmpty")}_`);
    else
      block(...place.chat.map((message) => `- ${chatLine(message, timeZone, words, inline, (text) => `_${text}_`)}`));
  }
}

function pollBlock(block: Block, poll: ReportPoll, level: number, words: ReportWords): void {
  block(`${"#".repeat(Math.min(level, 6))} ${inline(poll.question)}`);
  block(`_${inline(pollSummary(poll, words))}_`);
  const table = pollTable(poll, words);
  block(
    `| ${[table.itemHeader, ...table.columns].map(inline).join(" | ")} |`,
    `| --- | ${table.columns.map(() => "---:").join(" | ")} |`,
    ...table.rows.map(
      (row) => `| ${[inline(row.item), ...row.cells.map((cell) => inline(cellText(cell, words)))].join(" | ")} |`,
    ),
  );
}

/** Numbered with ASCII digits in every language: Markdown only reads those as a list. */
function questionLines(question: ReportQuestion, index: number, words: ReportWords): string[] {
  const lines = [`${index + 1}. **${inline(question.text)}** (${inline(questionLine(question, words))})`];
  if (question.reply !== null) lines.push(`   > ${words.t("reply")}: ${inline(question.reply)}`);
  return lines;
}

/**
 * Characters that start Markdown markup or HTML inside a line (inline values never start a
 * line: a bullet, heading or table pipe always comes first). Links need `[`, images `![`,
 * tags `<`, entities `&`, table cells `|`.
 */
const MARKUP = /[\\`*_[\]<>|~&]/g;

/** A value typed by a person, as one line of inert Markdown text. */
export function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(MARKUP, (char) => `\\${char}`);
}

const ATX_HEADING = /^( {0,3})(#{1,6})(?=\s|$)/;
/** `<` that would open an HTML tag, comment or declaration, with the backslashes before it. */
const HTML_OPEN = /(\\*)<(?=[A-Za-z/!?])/g;
/** Link targets a viewer could run: `](javascript:...)`, `](data:...)`. */
const SCRIPT_LINK = /\]\(\s*<?\s*(?:javascript|vbscript|data|file):/gi;

const FENCE_OPEN = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The lines every viewer shows as code, left as written: fenced blocks whose opening fence has
 * no indent (so no list item can hold it and end it early) and, for backticks, no backtick after
 * it (else it is no fence). Any other fence is treated as text, raw HTML escaped: a viewer that
 * saw no code there would render it.
 */
function fencedLines(lines: readonly string[]): boolean[] {
  let fence: string | null = null;
  return lines.map((line) => {
    if (fence === null) {
      const open = FENCE_OPEN.exec(line);
      fence = open ? ((open[1] ?? open[2]) as string) : null;
      return fence !== null;
    }
    const close = FENCE_CLOSE.exec(line)?.[1];
    if (close && close[0] === fence[0] && close.length >= fence.length) fence = null;
    return true;
  });
}

/**
 * Notes inside the report: headings demoted under `level`, raw HTML and script links made inert.
 * A `<` after an odd number of backslashes is escaped already (an image's alt text, inert.ts).
 */
export function notesMarkdown(notes: string, level: number): string {
  const lines = notes.split(/\r\n?|\n/);
  const code = fencedLines(lines);
  return lines
    .map((line, index) => {
      if (code[index]) return line;
      const demoted = line.replace(
        ATX_HEADING,
        (_, indent: string, hashes: string) => `${indent}${"#".repeat(Math.min(6, hashes.length + level))}`,
      );
      return demoted
        .replace(HTML_OPEN, (all, slashes: string) => (slashes.length % 2 === 1 ? all : `${slashes}&lt;`))
        .replace(SCRIPT_LINK, "](blocked:");
    })
    .join("\n");
}
