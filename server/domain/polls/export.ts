import type { PollExport, PollOption, PollResults } from "../../../shared/poll.js";
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

function percent(count: number, voters: number): number | null {
  return voters === 0 ? null : Math.round((count * 1000) / voters) / 10;
}

/**
 * One row per option (value, word) per room, then the combined rows (room "All rooms" for an
 * every-room poll, "" otherwise); open-text answers last, one row each.
 */
export function pollCsv(data: PollExport): string {
  const { poll, results } = data;
  const { definition } = poll;
  const options: readonly PollOption[] = "options" in definition ? definition.options : [];
  const labelOf = (optionId: string) => options.find((option) => option.optionId === optionId)?.label ?? optionId;
  const rows: CsvValue[][] = [];
  const row = (room: string, type: string, item: string, values: Partial<Record<string, number | null>>) =>
    rows.push([
      poll.pollId,
      definition.question,
      definition.kind,
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
    ...Object.entries(results.byRoom ?? {}).map(
      ([roomId, tally]) => [data.roomNames[roomId] ?? roomId, tally] as [string, PollResults["combined"]],
    ),
    [results.byRoom ? "All rooms" : "", results.combined],
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
  for (const answer of data.answers ?? []) {
    row(answer.roomId === null ? "" : (data.roomNames[answer.roomId] ?? answer.roomId), "answer", answer.text, {});
  }
  return csvTable(POLL_CSV_HEADER, rows);
}
