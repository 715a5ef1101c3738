import type { IncomingMessage } from "node:http";

/**
 * `cors` does not stop a cross-origin WebSocket: browsers send Origin and leave the decision
 * to the server. Same-origin is always allowed; other origins only when listed. Requests
 * without Origin come from non-browser clients, which no browser page can impersonate.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[], trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  const forwardedHost = trustProxy ? req.headers["x-forwarded-host"] : undefined;
  const host =
    (typeof forwardedHost === "string" ? forwardedHost.split(",")[0]?.trim() : undefined) ?? req.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
