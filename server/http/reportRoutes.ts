import type { Router } from "express";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { type Report, ReportQuerySchema } from "../../shared/report.js";
import { REPORT_RENDERERS } from "../domain/report/render.js";
import type { ReportService } from "../services/reportService.js";
import { downloadRoute, jsonBody } from "./downloadRoute.js";

const ParamsSchema = ReportQuerySchema.extend({ workshopId: WorkshopIdSchema });

/**
 * The outcome report: `GET /api/workshops/:workshopId/report?format=md|html|json|csv&scope=workshop|round:<id>|room:<id>&attribution=none|attributed&timeZone=<IANA name>`.
 */
export function reportRoutes(reports: ReportService): Router[] {
  return [reportRoute(reports), outlineRoute(reports)];
}

/** `GET /api/workshops/:workshopId/report/outline`: the rounds and rooms a report can cover (JSON). */
function outlineRoute(reports: ReportService): Router {
  return downloadRoute(
    "/api/workshops/:workshopId/report/outline",
    (req) => {
      const workshopId = WorkshopIdSchema.safeParse(req.params.workshopId);
      return workshopId.success ? { format: "json" as const, workshopId: workshopId.data } : null;
    },
    "expected a workshop id",
    async (token, { workshopId }) => {
      const outline = await reports.outline(token, workshopId);
      return { baseName: "report-outline", body: () => jsonBody(outline) };
    },
  );
}

function reportRoute(reports: ReportService): Router {
  return downloadRoute(
    "/api/workshops/:workshopId/report",
    (req) => ParamsSchema.safeParse({ ...req.query, workshopId: req.params.workshopId }).data ?? null,
    "expected format=md|html|json|csv, scope=workshop|round:<roundId>|room:<roomId>, attribution=none|attributed and timeZone=<IANA name, default UTC>",
    async (token, { workshopId, format, scope, attribution, timeZone }) => {
      const report = await reports.report(token, workshopId, scope, attribution, timeZone);
      return { baseName: reportFileName(report), body: () => REPORT_RENDERERS[format](report) };
    },
  );
}

/** "Forum title - outcomes - Round 1 - Shelters" */
function reportFileName(report: Report): string {
  const round = report.rounds[0];
  const parts = [report.workshop.title, "outcomes"];
  if (report.scope.kind !== "workshop" && round) parts.push(`Round ${round.number}`);
  if (report.scope.kind === "room" && round?.rooms[0]) parts.push(round.rooms[0].name);
  return parts
    .join(" - ")
    .replace(/[/\\:*?"<>|\p{Cc}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
