import { z } from "zod";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { BoardIdSchema } from "../../shared/qna.js";
import { qnaCsv } from "../domain/qna/export.js";
import type { QnaService } from "../services/qnaService.js";
import { downloadRoute, jsonBody } from "./downloadRoute.js";

const ParamsSchema = z.object({
  workshopId: WorkshopIdSchema,
  format: z.enum(["csv", "json"]).default("json"),
  board: BoardIdSchema.optional(),
});

/** Q&A export: `GET /api/workshops/:workshopId/qna/export?format=csv|json&board=<boardId>`. */
export function qnaRoutes(qna: QnaService) {
  return downloadRoute(
    "/api/workshops/:workshopId/qna/export",
    (req) => ParamsSchema.safeParse({ ...req.params, ...req.query }).data ?? null,
    "expected a workshop id, format=csv|json and optionally board=<boardId>",
    async (token, { workshopId, board, format }) => {
      const data = await qna.exportData(token, workshopId, board);
      return {
        baseName: `questions-${workshopId}${board ? `-${board}` : ""}`,
        body: () => (format === "csv" ? qnaCsv(data) : jsonBody(data)),
      };
    },
  );
}
