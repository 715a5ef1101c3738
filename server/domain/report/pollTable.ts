import type { PollResults } from "../../../shared/poll.js";
import type { ReportPoll } from "../../../shared/report.js";
import { percent } from "../polls/export.js";
import type { ReportMessageKey } from "./i18n/index.js";
import type { ReportWords } from "./words.js";

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

/**
 * Per poll kind, the catalog's words: its name, what a table row is, what its numbers count, and
 * the two together (the first column of a table comparing rooms).
 */
const POLL_WORDS: Record<
  ReportPoll["kind"],
  { kind: ReportMessageKey; item: ReportMessageKey; value: ReportMessageKey; itemWithValue: ReportMessageKey }
> = {
  single: { kind: "pollKindSingle", item: "columnOption", value: "columnVotes", itemWithValue: "columnOptionVotes" },
  multiple: {
    kind: "pollKindMultiple",
    item: "columnOption",
    value: "columnVotes",
    itemWithValue: "columnOptionVotes",
  },
  rating: { kind: "pollKindRating", item: "columnValue", value: "columnVotes", itemWithValue: "columnValueVotes" },
  text: { kind: "pollKindText", item: "columnWord", value: "columnAnswersUsingIt", itemWithValue: "columnWordAnswers" },
  ranking: {
    kind: "pollKindRanking",
    item: "columnOption",
    value: "columnPoints",
    itemWithValue: "columnOptionPoints",
  },
};

type Tally = PollResults["combined"];

function labelOf(poll: ReportPoll, optionId: string): string {
  return poll.options.find((option) => option.optionId === optionId)?.label ?? optionId;
}

function formatPercent(value: number | null, words: ReportWords): string | null {
  return value === null ? null : words.t("share", { percent: value });
}

/** The items of a tally in display order, with the one number a bar or a room column shows. */
function items(poll: ReportPoll, tally: Tally, words: ReportWords, wordsMax = REPORT_WORDS_MAX): ChartBar[] {
  if ("counts" in tally)
    return tally.counts.map(({ optionId, count }) => ({ label: labelOf(poll, optionId), value: count }));
  if ("distribution" in tally)
    return tally.distribution.map(({ value, count }) => ({ label: words.number(value), value: count }));
  if ("words" in tally) return tally.words.slice(0, wordsMax).map(({ word, count }) => ({ label: word, value: count }));
  return [...tally.options]
    .sort((a, b) => a.rank - b.rank)
    .map((option) => ({ label: labelOf(poll, option.optionId), value: option.points }));
}

/** The bars of the combined results (what the HTML chart draws). */
export function chartBars(poll: ReportPoll, words: ReportWords): ChartBar[] {
  return items(poll, poll.results.combined, words);
}

/**
 * One-place polls: the item, its count and share (ranking: points and rank). Every-room polls:
 * one column per room and one for all rooms, so rooms compare side by side. Then voters, and
 * the mean for ratings.
 */
export function pollTable(poll: ReportPoll, words: ReportWords): PollTable {
  const combined = poll.results.combined;
  const byRoom = poll.results.byRoom;
  if (byRoom) {
    const rooms = poll.rooms.filter((room) => byRoom[room.roomId] !== undefined);
    const tallies = [...rooms.map((room) => byRoom[room.roomId] as Tally), combined];
    // Every word of a room, not its top ones: a word of the combined top may be rarer in one room.
    const countIn = (tally: Tally, label: string) =>
      items(poll, tally, words, Number.POSITIVE_INFINITY).find((item) => item.label === label)?.value ?? 0;
    const rows: PollTable["rows"] = items(poll, combined, words).map(({ label }) => ({
      item: label,
      cells: tallies.map((tally) => countIn(tally, label)),
    }));
    if (poll.kind === "rating") {
      rows.push({ item: words.t("rowMean"), cells: tallies.map((tally) => ("mean" in tally ? tally.mean : null)) });
    }
    rows.push({ item: words.t("rowVoters"), cells: tallies.map((tally) => tally.voters) });
    return {
      itemHeader: words.t(POLL_WORDS[poll.kind].itemWithValue),
      columns: [...rooms.map((room) => room.name), words.t("allRooms")],
      rows,
    };
  }
  if ("options" in combined) {
    return {
      itemHeader: words.t("columnOption"),
      columns: [words.t("columnRank"), words.t("columnPoints")],
      rows: [
        ...[...combined.options]
          .sort((a, b) => a.rank - b.rank)
          .map((option) => ({ item: labelOf(poll, option.optionId), cells: [option.rank, option.points] })),
        { item: words.t("rowVoters"), cells: [null, combined.voters] },
      ],
    };
  }
  const rows: PollTable["rows"] = items(poll, combined, words).map(({ label, value }) => ({
    item: label,
    cells: [value, formatPercent(percent(value, combined.voters), words)],
  }));
  if ("mean" in combined) rows.push({ item: words.t("rowMean"), cells: [combined.mean, null] });
  rows.push({ item: words.t("rowVoters"), cells: [combined.voters, null] });
  return {
    itemHeader: words.t(POLL_WORDS[poll.kind].item),
    columns: [words.t(POLL_WORDS[poll.kind].value), words.t("columnShare")],
    rows,
  };
}

/**
 * "Single choice · closed · anonymous ballots · 12 voters". "named ballots": the poll kept who
 * cast each ballot; the report never lists voters, in any mode.
 */
export function pollSummary(poll: ReportPoll, words: ReportWords): string {
  const { voters } = poll.results.combined;
  const parts = [
    words.t(POLL_WORDS[poll.kind].kind),
    words.t(poll.status === "open" ? "pollStillOpen" : "pollClosed"),
    words.t(poll.anonymous ? "pollAnonymousBallots" : "pollNamedBallots"),
    words.t("voterCount", { count: voters }),
  ];
  if (poll.scale) {
    const { max, lowLabel, highLabel } = poll.scale;
    const ends: string[] = [];
    if (lowLabel) ends.push(words.t("pollScaleEnd", { value: 1, label: lowLabel }));
    if (highLabel) ends.push(words.t("pollScaleEnd", { value: max, label: highLabel }));
    const scale = words.t("pollScale", { min: 1, max });
    parts.push(ends.length > 0 ? `${scale} (${ends.join(words.t("listSeparator"))})` : scale);
  }
  if (poll.resultsVisibility === "facilitatorsOnly") parts.push(words.t("pollFacilitatorsOnly"));
  return parts.join(" · ");
}
