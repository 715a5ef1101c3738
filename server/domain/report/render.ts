import type { Report, ReportFormat } from "../../../shared/report.js";
import { reportCsv } from "./csv.js";
import { reportHtml } from "./html.js";
import { reportMarkdown } from "./markdown.js";

/** Every format is a rendering of the one model; JSON is the model itself. */
export const REPORT_RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  md: reportMarkdown,
  html: reportHtml,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  csv: reportCsv,
};
