import { ErrorBodySchema } from "../../../shared/protocol.js";
import type { ClientErrorCode } from "../state/session.js";
import { reportAccess, session } from "../state/session.js";

/** Downloads of exports and reports (poll results, Q&A, the outcome report): fetched with the session token, handed to the browser as a file. */

export type ExportFormat = "csv" | "json";
export type ExportOutcome = { ok: true } | { ok: false; code: ClientErrorCode };

/** `attachment; filename="poll.csv"` or `filename*=UTF-8''poll.csv`; null when there is none. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Keeps a server-given name from naming a path or a hidden file. */
function safeFilename(name: string, fallback: string): string {
  const cleaned = name.replace(/[/\\:*?"<>|\p{Cc}]/gu, "_").replace(/^\.+/, "");
  return cleaned.length > 0 && cleaned.length <= 200 ? cleaned : fallback;
}

/** A workshop API answer that came back 2xx, or why not (the server's error code when it gave one). */
export type FetchOutcome = { ok: true; response: Response } | { ok: false; code: ClientErrorCode };

/**
 * GETs `path` under the current workshop's API with the session token in the Authorization
 * header (never in the address: addresses end up in logs, history and referrers).
 */
export async function fetchWorkshopResource(path: string): Promise<FetchOutcome> {
  // The live session, or after the workshop ended the report access staff keep in this tab.
  const me = session.value ?? reportAccess.value;
  if (!me) return { ok: false, code: "UNAUTHORIZED" };
  let response: Response;
  try {
    response = await fetch(`/api/workshops/${encodeURIComponent(me.workshopId)}${path}`, {
      headers: { Authorization: `Bearer ${me.sessionToken}` },
      cache: "no-store",
    });
  } catch {
    return { ok: false, code: "network" };
  }
  if (response.ok) return { ok: true, response };
  return { ok: false, code: await refusalCode(response) };
}

/** Why the API refused: the error code of its body, or one that fits the status when it sent none. */
export async function refusalCode(response: Response): Promise<ClientErrorCode> {
  const body: unknown = await response.json().catch(() => null);
  const error = ErrorBodySchema.safeParse(
    typeof body === "object" && body !== null && "error" in body ? body.error : null,
  );
  if (error.success) return error.data.code;
  const byStatus: Record<number, ClientErrorCode> = {
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    409: "INVALID_STATE",
    429: "RATE_LIMITED",
  };
  return byStatus[response.status] ?? (response.status >= 500 ? "UNAVAILABLE" : "BAD_REQUEST");
}

/** The body of a workshop API GET as text (a report to preview, a model to read). */
export async function fetchWorkshopText(
  path: string,
): Promise<{ ok: true; text: string } | { ok: false; code: ClientErrorCode }> {
  const fetched = await fetchWorkshopResource(path);
  if (!fetched.ok) return fetched;
  try {
    return { ok: true, text: await fetched.response.text() };
  } catch {
    return { ok: false, code: "network" };
  }
}

/**
 * GETs `path` (under the current workshop's API, e.g. `/polls/<id>/export?format=csv`) and
 * saves the answer as a file. The session token goes in a header, never in the address, so
 * the file is fetched and handed to the browser as a blob.
 */
export async function downloadWorkshopFile(path: string, fallback: string): Promise<ExportOutcome> {
  const fetched = await fetchWorkshopResource(path);
  if (!fetched.ok) return fetched;
  const { response } = fetched;
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    return { ok: false, code: "network" };
  }
  const name = safeFilename(filenameFromDisposition(response.headers.get("content-disposition")) ?? fallback, fallback);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true };
}
