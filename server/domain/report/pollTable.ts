import type { PollResults } from "../../../shared/poll.js";
import type { ReportPoll } from "../../../shared/report.js";
import { percent } from "../polls/export.js";
import { count } from "./labels.js";

/**
 * A poll's results as a table and a bar chart, format-neutral: the Markdown and HTML renderers
 * draw the same rows, so the two formats can never disagree on a number.
 */
export interface PollTable {
  itemHeader: string;
  columns: string[];
  rows: Array<{ item: string; cells: Array<number | string | null> }>;
}

export interface ChartBar {
  label: string;
  value: number;
}

/** How many words of a word cloud the report lists. */
export const REPORT_WORDS_MAX = 20;

export const KIND_LABEL: Record<ReportPoll["kind"], string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  rating: "Rating",
  text: "Open text",
  ranking: "Ranking",
};

type Tally = PollResults["combined"];

function labelOf(poll: ReportPoll, optionId: string): string {
  return poll.options.find((option) => option.optionId === optionId)?.label ?? optionId;
}

function formatPercent(value: number | null): string | null {
  return value === null ? null : `${value} %`;
}

/** The items of a tally in display order, with the one number a bar or a room column shows. */
function items(poll: ReportPoll, tally: Tally, wordsMax = REPORT_WORDS_MAX): ChartBar[] {
  if ("counts" in tally)
    return tally.counts.map(({ optionId, count }) => ({ label: labelOf(poll, optionId), value: count }));
  if ("distribution" in tally)
    return tally.distribution.map(({ value, count }) => ({ label: String(value), value: count }));
  if ("words" in tally) return tally.words.slice(0, wordsMax).map(({ word, count }) => ({ label: word, value: count }));
  return [...tally.options]
    .sort((a, b) => a.rank - b.rank)
    .map((option) => ({ label: labelOf(poll, option.optionId), value: option.points }));
}

function itemHeader(poll: ReportPoll): string {
  switch (poll.kind) {
    case "rating":
      return "Value";
    case "text":
      return "Word";
    default:
      return "Option";
  }
}

function valueHeader(poll: ReportPoll): string {
  switch (poll.kind) {
    case "ranking":
      return "Points";
    case "text":
      return "Answers using it";
    default:
      return "Votes";
  }
}

/** The bars of the combined results (what the HTML chart draws). */
export function chartBars(poll: ReportPoll): ChartBar[] {
  return items(poll, poll.results.combined);
}

/**
 * One-place polls: the item, its count and share (ranking: points and rank). Every-room polls:
 * one column per room and one for all rooms, so rooms compare side by side. Then voters, and
 * the mean for ratings.
 */
export function pollTable(poll: ReportPoll): PollTable {
  const combined = poll.results.combined;
  const byRoom = poll.results.byRoom;
  if (byRoom) {
    const rooms = poll.rooms.filter((room) => byRoom[room.roomId] !== undefined);
    const tallies = [...rooms.map((room) => byRoom[room.roomId] as Tally), combined];
    // Every word of a room, not its top ones: a word of the combined top may be rarer in one room.
    const countIn = (tally: Tally, label: string) =>
      items(poll, tally, Number.POSITIVE_INFINITY).find((item) => item.label === label)?.value ?? 0;
    const rows: PollTable["rows"] = items(poll, combined).map(({ label }) => ({
      item: label,
      cells: tallies.map((tally) => countIn(tally, label)),
    }));
    if (poll.kind === "rating") {
      rows.push({ item: "Mean", cells: tallies.map((tally) => ("mean" in tally ? tally.mean : null)) });
    }
    rows.push({ item: "Voters", cells: tallies.map((tally) => tally.voters) });
    return {
      itemHeader: `${itemHeader(poll)} (${valueHeader(poll).toLowerCase()})`,
      columns: [...rooms.map((room) => room.name), "All rooms"],
      rows,
    };
  }
  if ("options" in combined) {
    return {
      itemHeader: "Option",
      columns: ["Rank", "Points"],
      rows: [
        ...[...combined.options]
          .sort((a, b) => a.rank - b.rank)
          .map((option) => ({ item: labelOf(poll, option.optionId), cells: [option.rank, option.points] })),
        { item: "Voters", cells: [null, combined.voters] },
      ],
    };
  }
  const rows: PollTable["rows"] = items(poll, combined).map(({ label, value }) => ({
    item: label,
    cells: [value, formatPercent(percent(value, combined.voters))],
  }));
  if ("mean" in combined) rows.push({ item: "Mean", cells: [combined.mean, null] });
  rows.push({ item: "Voters", cells: [combined.voters, null] });
  return { itemHeader: itemHeader(poll), columns: [valueHeader(poll), "Share"], rows };
}

/**
 * "Single choice · closed · anonymous ballots · 12 voters". "named ballots": the poll kept who
 * cast each ballot; the report never lists voters, in any mode.
 */
export function pollSummary(poll: ReportPoll): string {
  const { voters } = poll.results.combined;
  const parts = [
    KIND_LABEL[poll.kind],
    poll.status === "open" ? "still open" : "closed",
    poll.anonymous ? "anonymous ballots" : "named ballots",
    count(voters, "voter"),
  ];
  if (poll.scale) {
    const ends = [
      poll.scale.lowLabel && `1 = ${poll.scale.lowLabel}`,
      poll.scale.highLabel && `${poll.scale.max} = ${poll.scale.highLabel}`,
    ];
    parts.push(`scale 1-${poll.scale.max}${ends.some(Boolean) ? ` (${ends.filter(Boolean).join(", ")})` : ""}`);
  }
  if (poll.resultsVisibility === "facilitatorsOnly") parts.push("results were shown to facilitators only");
  return parts.join(" · ");
}
