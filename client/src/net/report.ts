import type { ChatChannelId } from "../../../shared/chat.js";
import {
  type Attribution,
  isKnownTimeZone,
  type ReportFormat,
  type ReportOutline,
  ReportOutlineSchema,
  type ReportScope,
  reportChatParam,
  reportScopeParam,
} from "../../../shared/report.js";
import { locale } from "../i18n/index.js";
import type { ClientErrorCode } from "../state/session.js";
import { newCommandId } from "./commands.js";
import { downloadWorkshopFile, type ExportOutcome, fetchWorkshopText } from "./download.js";
import { runCommand } from "./session.js";

/**
 * The outcome report (`GET /api/workshops/:id/report`, facilitators and note-takers): downloads,
 * the HTML for the preview, the outline the scope picker is built from, and the workshop's
 * attribution setting.
 */

/** `chat`: the channels a facilitator includes (empty: none, the default; the server refuses it to anyone else). */
export type ReportRequest = {
  format: ReportFormat;
  scope: ReportScope;
  attribution: Attribution;
  chat: readonly ChatChannelId[];
};

export function reportPath({ format, scope, attribution, chat }: ReportRequest): string {
  const query = new URLSearchParams({
    format,
    scope: reportScopeParam(scope),
    attribution,
    timeZone: browserTimeZone(),
    // The report's own words, numbers and dates in the reader's language.
    lang: locale,
  });
  if (chat.length > 0) query.set("chat", reportChatParam(chat));
  return `/report?${query.toString()}`;
}

/** The reader's own zone, so the report's times are the ones on their clock; UTC when unknown. */
function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : "UTC";
}

/** What the file is called when the server gives no name: `report-workshop.md`, `report-round-<id>.html`... */
function fallbackName({ format, scope }: ReportRequest): string {
  const what =
    scope.kind === "workshop" ? "workshop" : scope.kind === "round" ? `round-${scope.roundId}` : `room-${scope.roomId}`;
  return `report-${what}.${format}`;
}

export function downloadReport(request: ReportRequest): Promise<ExportOutcome> {
  return downloadWorkshopFile(reportPath(request), fallbackName(request));
}

/** The report as one self-contained HTML document (inline CSS and SVG, no scripts), for the preview. */
export function fetchReportHtml(request: Omit<ReportRequest, "format">) {
  return fetchWorkshopText(reportPath({ ...request, format: "html" }));
}

/** The rounds and rooms a report can cover: what the scope picker offers (not the report itself, which holds every room's notes). */
export async function fetchReportOutline(): Promise<
  { ok: true; outline: ReportOutline } | { ok: false; code: ClientErrorCode }
> {
  const fetched = await fetchWorkshopText("/report/outline");
  if (!fetched.ok) return fetched;
  let body: unknown;
  try {
    body = JSON.parse(fetched.text);
  } catch {
    return { ok: false, code: "INTERNAL" };
  }
  const parsed = ReportOutlineSchema.safeParse(body);
  return parsed.success ? { ok: true, outline: parsed.data } : { ok: false, code: "PROTOCOL_MISMATCH" };
}

/** Facilitators: whether reports may name people. The panel explains a refusal itself. */
export function setReportAttribution(attribution: Attribution) {
  return runCommand(
    "workshop:setAttribution",
    { commandId: newCommandId(), attribution },
    { quiet: ["FORBIDDEN", "INVALID_STATE", "network", "timeout"] },
  );
}
