import { Router } from "express";
import { CreateWorkshopRequestSchema } from "../../shared/workshop.js";
import { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import type { WorkshopService } from "../services/workshopService.js";
import { sendError } from "./errors.js";

export function workshopRoutes(service: WorkshopService, logger: Logger): Router {
  const router = Router();
  router.post("/api/workshops", async (req, res) => {
    const parsed = CreateWorkshopRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 400, "BAD_REQUEST", `invalid ${issue?.path.join(".") || "body"}: ${issue?.message ?? ""}`);
      return;
    }
    try {
      const created = await service.create(parsed.data.title);
      logger.info({ workshopId: created.workshopId }, "workshop created");
      res.status(201).json(created);
    } catch (error) {
      if (error instanceof DomainError && error.code === "UNAVAILABLE") {
        sendError(res, 503, "UNAVAILABLE", error.message);
        return;
      }
      throw error;
    }
  });
  return router;
}
