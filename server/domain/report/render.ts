import type { LanguageTag } from "../../../shared/languages.js";
import type { Report, ReportFormat } from "../../../shared/report.js";
import { reportCsv } from "./csv.js";
import { reportHtml } from "./html.js";
import { reportMarkdown } from "./markdown.js";

/**
 * Every format is a rendering of the one model, in the language asked for; JSON is the model
 * itself, the same in every language: it is data (codes, numbers, epoch ms, what people typed)
 * with none of the report's words, so a script reads the same bytes whoever asked.
 */
export const REPORT_RENDERERS: Record<ReportFormat, (report: Report, lang: LanguageTag) => string> = {
  md: reportMarkdown,
  html: reportHtml,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  csv: reportCsv,
};
