import type { QnaExport } from "../../../shared/qna.js";
import { csvTable } from "../export/csv.js";

export const QNA_CSV_HEADER = ["board", "seq", "question", "votes", "status", "reply", "edited"] as const;

/** One row per question, boards in order, most votes first within a board (as exported). */
export function qnaCsv(data: QnaExport): string {
  return csvTable(
    QNA_CSV_HEADER,
    data.boards.flatMap((board) =>
      board.questions.map((question) => [
        board.name,
        question.seq,
        question.text,
        question.votes,
        question.status,
        question.reply,
        question.edited ? "yes" : "no",
      ]),
    ),
  );
}
