import type { ErrorRequestHandler, Response } from "express";
import type { ErrorCode } from "../../shared/protocol.js";
import type { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";

/** REST errors have the same body shape as a refused ack's error. */
export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** HTTP status for each refusal a REST route can pass on. */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  SESSION_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  WORKSHOP_ENDED: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export function sendDomainError(res: Response, error: DomainError): void {
  sendError(res, STATUS_OF[error.code] ?? 400, error.code, error.message);
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500;
    if (status === 413) return sendError(res, 413, "PAYLOAD_TOO_LARGE", "request body too large");
    if (status >= 400 && status < 500) return sendError(res, status, "BAD_REQUEST", "malformed request");
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "request failed");
    sendError(res, 500, "INTERNAL", "something went wrong on the server");
  };
}
