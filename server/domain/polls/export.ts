import type { PollDefinition, PollExport, PollOption, PollResults } from "../../../shared/poll.js";
import { type CsvValue, csvTable } from "../export/csv.js";

export const POLL_CSV_HEADER = [
  "poll_id",
  "question",
  "kind",
  "room",
  "item_type",
  "item",
  "count",
  "percent",
  "points",
  "rank",
  "mean",
  "voters",
] as const;

/** Share of voters in percent with one decimal; null with no voters. */
export function percent(count: number, voters: number): number | null {
  return voters === 0 ? null : Math.round((count * 1000) / voters) / 10;
}

/**
 * One row per option (value, word) per room, then the combined rows (room "All rooms" for an
 * every-room poll, "" otherwise); open-text answers last, one row each.
 */
export function pollCsv(data: PollExport): string {
  const { definition } = data.poll;
  return csvTable(
    POLL_CSV_HEADER,
    pollCsvRows({
      pollId: data.poll.pollId,
      question: definition.question,
      kind: definition.kind,
      options: "options" in definition ? definition.options : [],
      results: data.results,
      roomNames: data.roomNames,
      answers: data.answers ?? [],
    }),
  );
}

function roomOrder(roomNames: Readonly<Record<string, string>>, roomId: string): number {
  const index = Object.keys(roomNames).indexOf(roomId);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/** What the poll rows need: the export's fields, and the report's (server/domain/report/csv.ts). */
export interface PollRowsInput {
  pollId: string;
  question: string;
  kind: PollDefinition["kind"];
  options: readonly PollOption[];
  results: PollResults;
  roomNames: Readonly<Record<string, string>>;
  answers: ReadonlyArray<{ roomId: string | null; text: string }>;
  /** The room column of an every-room poll's combined rows; the report writes it in its language. */
  allRoomsName?: string;
}

/** The rows of POLL_CSV_HEADER for one poll. */
export function pollCsvRows(data: PollRowsInput): CsvValue[][] {
  const { results, options } = data;
  const labelOf = (optionId: string) => options.find((option) => option.optionId === optionId)?.label ?? optionId;
  const rows: CsvValue[][] = [];
  const row = (room: string, type: string, item: string, values: Partial<Record<string, number | null>>) =>
    rows.push([
      data.pollId,
      data.question,
      data.kind,
      room,
      type,
      item,
      values.count ?? null,
      values.percent ?? null,
      values.points ?? null,
      values.rank ?? null,
      values.mean ?? null,
      values.voters ?? null,
    ]);
  const scopes: Array<[string, PollResults["combined"]]> = [
    // Rooms in the order roomNames lists them (the round's order), not the counters' order.
    ...Object.entries(results.byRoom ?? {})
      .sort(([a], [b]) => roomOrder(data.roomNames, a) - roomOrder(data.roomNames, b))
      .map(([roomId, tally]) => [data.roomNames[roomId] ?? roomId, tally] as [string, PollResults["combined"]]),
    [results.byRoom ? (data.allRoomsName ?? "All rooms") : "", results.combined],
  ];
  for (const [room, tally] of scopes) {
    if ("counts" in tally) {
      for (const { optionId, count } of tally.counts) {
        row(room, "option", labelOf(optionId), { count, percent: percent(count, tally.voters), voters: tally.voters });
      }
    } else if ("distribution" in tally) {
      for (const { value, count } of tally.distribution) {
        row(room, "value", String(value), {
          count,
          percent: percent(count, tally.voters),
          mean: tally.mean,
          voters: tally.voters,
        });
      }
    } else if ("words" in tally) {
      for (const { word, count } of tally.words) {
        row(room, "word", word, { count, percent: percent(count, tally.voters), voters: tally.voters });
      }
    } else {
      for (const option of tally.options) {
        row(room, "option", labelOf(option.optionId), {
          points: option.points,
          rank: option.rank,
          voters: tally.voters,
        });
      }
    }
  }
  for (const answer of data.answers) {
    row(answer.roomId === null ? "" : (data.roomNames[answer.roomId] ?? answer.roomId), "answer", answer.text, {});
  }
  return rows;
}
