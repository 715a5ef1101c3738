import { z } from "zod";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { PollIdSchema } from "../../shared/poll.js";
import { pollCsv } from "../domain/polls/export.js";
import type { PollService } from "../services/pollService.js";
import { downloadRoute, jsonBody } from "./downloadRoute.js";

const ParamsSchema = z.object({
  workshopId: WorkshopIdSchema,
  pollId: PollIdSchema,
  format: z.enum(["csv", "json"]).default("json"),
});

/** Results export: `GET /api/workshops/:workshopId/polls/:pollId/export?format=csv|json`. */
export function pollRoutes(polls: PollService) {
  return downloadRoute(
    "/api/workshops/:workshopId/polls/:pollId/export",
    (req) => ParamsSchema.safeParse({ ...req.params, ...req.query }).data ?? null,
    "expected a workshop id, a poll id and format=csv|json",
    async (token, { workshopId, pollId, format }) => {
      const data = await polls.exportData(token, workshopId, pollId);
      return { baseName: `poll-${pollId}`, body: () => (format === "csv" ? pollCsv(data) : jsonBody(data)) };
    },
  );
}
