import type { ReportService } from "../services/reportService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Report settings (the report itself is a REST download: server/http/reportRoutes.ts). */
export function reportHandlers(service: ReportService): DefinedHandler[] {
  return [
    defineHandler("workshop:setAttribution", ({ who, command, payload }) =>
      service.setAttribution(who, command, payload),
    ),
  ];
}
