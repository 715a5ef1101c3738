import type { LanguageTag } from "../../../shared/languages.js";
import { type Block, type Inline, parseNotes } from "../../../shared/notesMarkdown.js";
import type {
  Report,
  ReportOutcome,
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
import { type ChartBar, chartBars, pollSummary, pollTable } from "./pollTable.js";
import { REPORT_CSS } from "./reportCss.js";
import { type ReportWords, reportWords } from "./words.js";

/**
 * The report as ONE self-contained HTML file: inline CSS, an inline SVG bar chart per poll, a
 * table of contents, print styles for "Print to PDF". No scripts, and a Content-Security-Policy
 * that forbids them, so even a value that escaped escaping could not run. Every value a person
 * typed goes through `escapeHtml`; notes are parsed into plain blocks (no raw HTML, no links;
 * their images are alt text already, inert.ts). Element ids come from positions and server ids,
 * never from typed text. `<html lang dir>` is the report's language (Urdu right to left; the
 * stylesheet uses logical properties, so it mirrors).
 */
export function reportHtml(report: Report, lang: LanguageTag): string {
  const words = reportWords(lang);
  const t = htmlWords(words);
  const title = words.t("reportTitle", { title: report.workshop.title });
  const body: string[] = [];
  body.push(`<header><h1>${escapeHtml(title)}</h1>`, `<dl class="meta">`);
  const meta = (term: string, value: string) => body.push(`<dt>${term}</dt><dd>${value}</dd>`);
  meta(t("metaScope"), escapeHtml(scopeTitle(report, words)));
  meta(t("metaWorkshopStarted"), escapeHtml(startedLine(report, words)));
  meta(t("metaParticipation"), escapeHtml(participationLine(report, words)));
  if (report.noteTakers.length > 0) {
    meta(t("metaNoteTakers"), report.noteTakers.map(escapeHtml).join(t("listSeparator")));
  }
  meta(t("metaAttribution"), escapeHtml(attributionLine(report, words)));
  if (report.chatIncluded) meta(t("chat"), t("chatIncluded"));
  meta(t("metaGenerated"), escapeHtml(words.dateTime(report.generatedAt, report.timeZone)));
  body.push("</dl></header>");

  body.push(tableOfContents(report, words), "<main>");
  if (report.programme) body.push(programmeHtml(report.programme, report.timeZone, words));
  body.push(`<section id="key-outcomes"><h2>${t("keyOutcomes")}</h2>`);
  if (report.keyOutcomes.length === 0) {
    body.push(`<p class="empty">${t("noKeyOutcomes")}</p>`);
  }
  for (const group of report.keyOutcomes) {
    body.push(`<h3>${escapeHtml(placeTitle(group, words))}</h3><ul class="outcomes">`);
    for (const outcome of group.outcomes)
      body.push(`<li class="outcome ${outcome.kind}">${outcomeHtml(outcome, escapeHtml(outcome.text), words)}</li>`);
    body.push("</ul>");
  }
  body.push("</section>");

  if (report.plenary) {
    body.push(`<section id="plenary"><h2>${t("plenary")}</h2>`);
    section(body, report.plenary, 3, t("plenaryEmpty"), report.timeZone, words);
    body.push("</section>");
  }
  // By session, then round and room; rounds of no session (or without a programme) as before.
  (report.programme ?? []).forEach((session, index) => {
    sessionHtml(body, session, index, roundsOfSession(report, session.sessionId), report.timeZone, words);
  });
  for (const round of roundsOfSession(report, null)) roundHtml(body, round, 2, report.timeZone, words);
  body.push("</main>");

  return [
    "<!doctype html>",
    `<html lang="${words.lang}" dir="${words.dir}">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The programme at a glance: when, what, and where in the report. */
function programmeHtml(programme: readonly ReportSession[], timeZone: string, words: ReportWords): string {
  const items = programme.map(
    (session, index) =>
      `<li><a href="#session-${index + 1}">${escapeHtml(session.title)}</a> <span class="sub">${escapeHtml(sessionLine(session, timeZone, words))}</span></li>`,
  );
  return `<section id="programme"><h2>${escapeHtml(words.t("programme"))}</h2><ol>${items.join("")}</ol></section>`;
}

function sessionHtml(
  body: string[],
  session: ReportSession,
  index: number,
  rounds: readonly ReportRound[],
  timeZone: string,
  words: ReportWords,
): void {
  body.push(`<section class="session" id="session-${index + 1}"><h2>${escapeHtml(session.title)}</h2>`);
  body.push(`<p class="sub">${escapeHtml(sessionLine(session, timeZone, words))}</p>`);
  for (const line of sessionDetails(session, words)) body.push(`<p class="sub">${escapeHtml(line)}</p>`);
  if (session.description !== "") body.push(`<p>${escapeHtml(session.description)}</p>`);
  const place = { notes: "", outcomes: [], polls: session.polls, questions: session.questions };
  if (rounds.length === 0 || place.polls.length > 0 || place.questions.length > 0) {
    section(body, place, 3, escapeHtml(words.t("sessionEmpty")), timeZone, words);
  }
  for (const round of rounds) roundHtml(body, round, 3, timeZone, words);
  body.push("</section>");
}

/** A round at heading `level`, its rooms one below. */
function roundHtml(body: string[], round: ReportRound, level: number, timeZone: string, words: ReportWords): void {
  const t = htmlWords(words);
  const h = (depth: number) => Math.min(6, level + depth);
  body.push(`<section id="round-${round.number}"><h${h(0)}>${escapeHtml(roundTitle(round, words))}</h${h(0)}>`);
  body.push(`<p class="sub">${escapeHtml(roundLine(round, timeZone, words))}</p>`);
  if (round.polls.length > 0) {
    body.push(`<h${h(1)}>${t("pollsInEveryRoom")}</h${h(1)}>`);
    for (const poll of round.polls) body.push(pollFigure(poll, h(2), words));
  }
  round.rooms.forEach((room, index) => {
    body.push(
      `<section class="room" id="round-${round.number}-room-${index + 1}"><h${h(1)}>${escapeHtml(room.name)}</h${h(1)}>`,
    );
    const topic = room.topic ? `${t("topic", { topic: room.topic })} · ` : "";
    body.push(`<p class="sub">${topic}${escapeHtml(roomLine(room, words))}</p>`);
    section(body, room, h(2), t("roomEmpty"), timeZone, words);
    body.push("</section>");
  });
  body.push("</section>");
}

/** An outcome's badge, its text (HTML already) and its owner and due date. */
function outcomeHtml(outcome: Pick<ReportOutcome, "kind" | "owner" | "due">, textHtml: string, words: ReportWords) {
  const tag = escapeHtml(outcomeLabel(outcome.kind, words));
  return `<span class="tag">${tag}</span> ${textHtml}${escapeHtml(outcomeDetails(outcome, (text) => text, words))}`;
}

/** The catalog's messages as HTML text. */
function htmlWords(words: ReportWords): ReportWords["t"] {
  return (key, params) => escapeHtml(words.t(key, params));
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

function tableOfContents(report: Report, words: ReportWords): string {
  const t = htmlWords(words);
  const items: string[] = [`<li><a href="#key-outcomes">${t("keyOutcomes")}</a></li>`];
  if (report.programme) items.unshift(`<li><a href="#programme">${t("programme")}</a></li>`);
  if (report.plenary) items.push(`<li><a href="#plenary">${t("plenary")}</a></li>`);
  const roundItem = (round: ReportRound) => {
    const rooms = round.rooms
      .map((room, index) => `<li><a href="#round-${round.number}-room-${index + 1}">${escapeHtml(room.name)}</a></li>`)
      .join("");
    const title = escapeHtml(roundTitle(round, words));
    return `<li><a href="#round-${round.number}">${title}</a>${rooms ? `<ol>${rooms}</ol>` : ""}</li>`;
  };
  (report.programme ?? []).forEach((session, index) => {
    const rounds = roundsOfSession(report, session.sessionId).map(roundItem).join("");
    items.push(
      `<li><a href="#session-${index + 1}">${escapeHtml(session.title)}</a>${rounds ? `<ol>${rounds}</ol>` : ""}</li>`,
    );
  });
  for (const round of roundsOfSession(report, null)) items.push(roundItem(round));
  const contents = t("contents");
  return `<nav class="toc" aria-label="${contents}"><h2>${contents}</h2><ol>${items.join("")}</ol></nav>`;
}

/** `empty` is HTML already. */
function section(
  body: string[],
  place: ReportSection,
  level: number,
  empty: string,
  timeZone: string,
  words: ReportWords,
): void {
  if (isEmptyPlace(place)) {
    body.push(`<p class="empty">${empty}</p>`);
    return;
  }
  const heading = (text: string) => `<h${level}>${text}</h${level}>`;
  const t = htmlWords(words);
  if (place.notes !== "") {
    body.push(heading(t("notes")), `<div class="notes">${notesHtml(place.notes, level, words)}</div>`);
  }
  if (place.polls.length > 0) {
    body.push(heading(t("polls")));
    for (const poll of place.polls) body.push(pollFigure(poll, level + 1, words));
  }
  if (place.questions.length > 0) {
    const items = place.questions.map((question) => questionHtml(question, words)).join("");
    body.push(heading(t("questions")), `<ol class="questions">${items}</ol>`);
  }
  if (place.chat) {
    body.push(heading(t("chat")));
    if (place.chat.length === 0) body.push(`<p class="empty">${t("chatEmpty")}</p>`);
    else {
      // A message's line breaks stay (as <br>); its words are escaped like every typed value.
      const typed = (text: string) => escapeHtml(text).replace(/\r?\n/g, "<br>");
      const items = place.chat.map(
        (message) => `<li>${chatLine(message, timeZone, words, typed, (own) => `<em>${escapeHtml(own)}</em>`)}</li>`,
      );
      body.push(`<ul class="chat">${items.join("")}</ul>`);
    }
  }
}

function questionHtml(question: ReportQuestion, words: ReportWords): string {
  const reply =
    question.reply === null
      ? ""
      : `<blockquote>${escapeHtml(words.t("reply"))}: ${escapeHtml(question.reply)}</blockquote>`;
  return `<li><p><strong>${escapeHtml(question.text)}</strong> <span class="sub">${escapeHtml(questionLine(question, words))}</span></p>${reply}</li>`;
}

function pollFigure(poll: ReportPoll, level: number, words: ReportWords): string {
  const h = Math.min(level, 6);
  const table = pollTable(poll, words);
  const head = [table.itemHeader, ...table.columns].map((text) => `<th scope="col">${escapeHtml(text)}</th>`).join("");
  const rows = table.rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.item)}</th>${row.cells.map((cell) => `<td>${escapeHtml(cellText(cell, words))}</td>`).join("")}</tr>`,
    )
    .join("");
  return [
    `<figure class="poll" id="poll-${poll.pollId}">`,
    `<h${h}>${escapeHtml(poll.question)}</h${h}>`,
    `<p class="sub">${escapeHtml(pollSummary(poll, words))}</p>`,
    barChart(
      poll.pollId,
      chartBars(poll, words),
      words.t(poll.results.byRoom ? "chartTitleAllRooms" : "chartTitle"),
      words,
    ),
    `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`,
    "</figure>",
  ].join("");
}

const CHART = { width: 640, labelWidth: 200, valueWidth: 56, bar: 20, gap: 8, pad: 4 } as const;
const LABEL_MAX = 30;

/** Horizontal bars; the table under it carries the same numbers for screen readers and print. */
function barChart(pollId: string, bars: readonly ChartBar[], titleText: string, words: ReportWords): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const track = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const height = Math.max(1, bars.length) * (CHART.bar + CHART.gap) + CHART.pad * 2;
  const shapes = bars.map((bar, index) => {
    const y = CHART.pad + index * (CHART.bar + CHART.gap);
    const width = Math.round((bar.value / max) * track);
    const label = bar.label.length > LABEL_MAX ? `${bar.label.slice(0, LABEL_MAX - 1)}…` : bar.label;
    const text = y + CHART.bar / 2 + 5;
    return [
      `<text x="${CHART.labelWidth - 8}" y="${text}" text-anchor="end">${escapeHtml(label)}</text>`,
      `<rect x="${CHART.labelWidth}" y="${y}" width="${width}" height="${CHART.bar}" rx="3"></rect>`,
      `<text x="${CHART.labelWidth + width + 6}" y="${text}">${escapeHtml(words.number(bar.value))}</text>`,
    ].join("");
  });
  return `<svg class="chart" role="img" aria-labelledby="chart-${pollId}" viewBox="0 0 ${CHART.width} ${height}" width="${CHART.width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-${pollId}">${escapeHtml(titleText)}</title>${shapes.join("")}</svg>`;
}

function inlineHtml(inlines: readonly Inline[]): string {
  return inlines
    .map((part) => {
      const text = escapeHtml(part.text);
      switch (part.kind) {
        case "strong":
          return `<strong>${text}</strong>`;
        case "em":
          return `<em>${text}</em>`;
        case "code":
          return `<code>${text}</code>`;
        default:
          return text;
      }
    })
    .join("");
}

/** Notes through the shared parser: headings demoted under `level`, outcome items badged. */
function notesHtml(notes: string, level: number, words: ReportWords): string {
  return parseNotes(notes)
    .map((block: Block) => {
      switch (block.kind) {
        case "heading": {
          const h = Math.min(6, block.level + level);
          return `<h${h}>${inlineHtml(block.inlines)}</h${h}>`;
        }
        case "paragraph":
          return `<p>${inlineHtml(block.inlines)}</p>`;
        case "list": {
          const tag = block.ordered ? "ol" : "ul";
          const items = block.items.map((item) =>
            item.outcome
              ? `<li class="outcome ${item.outcome.kind}">${outcomeHtml(item.outcome, inlineHtml(item.inlines), words)}</li>`
              : `<li>${inlineHtml(item.inlines)}</li>`,
          );
          return `<${tag}>${items.join("")}</${tag}>`;
        }
        default:
          return "";
      }
    })
    .join("\n");
}
