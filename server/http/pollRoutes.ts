import { Router } from "express";
import { z } from "zod";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { PollIdSchema } from "../../shared/poll.js";
import { DomainError } from "../domain/errors.js";
import { pollCsv } from "../domain/polls/export.js";
import type { PollService } from "../services/pollService.js";
import { bearerToken, sendDomainError, sendError } from "./errors.js";

const ExportQuerySchema = z.object({ format: z.enum(["csv", "json"]).default("json") });

/** Results export: `GET /api/workshops/:workshopId/polls/:pollId/export?format=csv|json`, Bearer session token. */
export function pollRoutes(polls: PollService): Router {
  const router = Router();
  router.get("/api/workshops/:workshopId/polls/:pollId/export", async (req, res) => {
    const workshopId = WorkshopIdSchema.safeParse(req.params.workshopId);
    const pollId = PollIdSchema.safeParse(req.params.pollId);
    const query = ExportQuerySchema.safeParse(req.query);
    if (!workshopId.success || !pollId.success || !query.success) {
      sendError(res, 400, "BAD_REQUEST", "expected a workshop id, a poll id and format=csv|json");
      return;
    }
    const token = bearerToken(req.get("authorization"));
    if (!token) {
      sendError(res, 401, "UNAUTHORIZED", "send your session token as Authorization: Bearer <token>");
      return;
    }
    try {
      const data = await polls.exportData(token, workshopId.data, pollId.data);
      const name = `poll-${pollId.data}.${query.data.format}`;
      res.set("Cache-Control", "no-store");
      res.set("Content-Disposition", `attachment; filename="${name}"`);
      if (query.data.format === "csv") res.type("text/csv; charset=utf-8").send(`\uFEFF${pollCsv(data)}`);
      else res.type("application/json; charset=utf-8").send(JSON.stringify(data, null, 2));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendDomainError(res, error);
    }
  });
  return router;
}
