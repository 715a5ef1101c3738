import type { Router } from "express";
import { WorkshopIdSchema } from "../../shared/ids.js";
import { LANGUAGES } from "../../shared/languages.js";
import { type Report, ReportQuerySchema } from "../../shared/report.js";
import { roundTitle } from "../domain/report/labels.js";
import { REPORT_RENDERERS } from "../domain/report/render.js";
import { type ReportWords, reportWords } from "../domain/report/words.js";
import type { ReportService } from "../services/reportService.js";
import { downloadRoute, jsonBody } from "./downloadRoute.js";

const ParamsSchema = ReportQuerySchema.extend({ workshopId: WorkshopIdSchema });

/**
 * The outcome report: `GET /api/workshops/:workshopId/report?format=md|html|json|csv&scope=workshop|round:<id>|room:<id>&attribution=none|attributed&timeZone=<IANA name>&lang=<language tag>&chat=plenary,<roomId>...`
 * (`chat`: facilitators only).
 */
export function reportRoutes(reports: ReportService): Router[] {
  return [reportRoute(reports), outlineRoute(reports)];
}

/**
 * `GET /api/workshops/:workshopId/report/outline`: the rounds and rooms a report can cover (JSON).
 * It has no words of its own (ids, numbers, room names as typed), so it takes no `lang`.
 */
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
    `expected format=md|html|json|csv, scope=workshop|round:<roundId>|room:<roomId>, attribution=none|attributed, timeZone=<IANA name, default UTC>, lang=${LANGUAGES.map((language) => language.tag).join("|")} (default en) and chat=<plenary and room ids, comma-separated> (optional)`,
    async (token, { workshopId, format, scope, attribution, timeZone, lang, chat }) => {
      const report = await reports.report(token, workshopId, scope, attribution, timeZone, chat ?? []);
      const words = reportWords(lang);
      return { baseName: reportFileName(report, words), body: () => REPORT_RENDERERS[format](report, lang) };
    },
  );
}

/** "Forum title - outcomes - Round 1 - Shelters", in the report's language. */
function reportFileName(report: Report, words: ReportWords): string {
  const round = report.rounds[0];
  const parts = [report.workshop.title, words.t("fileNameOutcomes")];
  if (report.scope.kind !== "workshop" && round) parts.push(roundTitle(round, words));
  if (report.scope.kind === "room" && round?.rooms[0]) parts.push(round.rooms[0].name);
  return parts
    .join(" - ")
    .replace(/[/\\:*?"<>|\p{Cc}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
