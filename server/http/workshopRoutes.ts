import { Router } from "express";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { CreateWorkshopRequestSchema, type CreateWorkshopResponse } from "../../shared/workshop.js";
import { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import { clientAddress } from "../security/clientAddress.js";
import type { DoorLimits } from "../services/doorLimits.js";
import type { RetentionService } from "../services/retentionService.js";
import type { WorkshopService } from "../services/workshopService.js";
import { bearerToken, sendDomainError, sendError } from "./errors.js";

export interface WorkshopRouteDeps {
  service: WorkshopService;
  retention: RetentionService;
  limits: DoorLimits;
  logger: Logger;
  trustProxy: boolean;
  retentionDays: number;
}

/**
 * `POST /api/workshops` creates one (rate-limited per client address, on every node together);
 * `DELETE /api/workshops/:workshopId` deletes one for good with a facilitator's session token
 * (`Authorization: Bearer`), also after it ended, when the facilitator has no socket any more.
 */
export function workshopRoutes(deps: WorkshopRouteDeps): Router {
  const { service, retention, limits, logger } = deps;
  const router = Router();
  router.post("/api/workshops", async (req, res) => {
    const parsed = CreateWorkshopRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 400, "BAD_REQUEST", `invalid ${issue?.path.join(".") || "body"}: ${issue?.message ?? ""}`);
      return;
    }
    try {
      await limits.admitCreate(clientAddress(req, deps.trustProxy));
      const created = await service.create(parsed.data.title);
      logger.info({ workshopId: created.workshopId }, "workshop created");
      const body: CreateWorkshopResponse = { ...created, retentionDays: deps.retentionDays };
      res.status(201).json(body);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendDomainError(res, error);
    }
  });
  router.delete("/api/workshops/:workshopId", async (req, res) => {
    const workshopId = WorkshopIdSchema.safeParse(req.params.workshopId);
    const token = bearerToken(req.headers.authorization);
    if (!workshopId.success) return sendError(res, 400, "BAD_REQUEST", "expected a workshop id");
    if (!token) return sendError(res, 401, "UNAUTHORIZED", "send a facilitator's session token");
    try {
      await retention.deleteWithToken(token, workshopId.data);
      logger.info({ workshopId: workshopId.data }, "workshop deleted");
      res.status(204).end();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendDomainError(res, error);
    }
  });
  return router;
}
