import { z } from "zod";

/** Bumped whenever a command or event changes shape incompatibly. Sent in the handshake. */
export const PROTOCOL_VERSION = 9;

/**
 * Every refusal the server can send, in acks and in `connect_error` data.
 * Codes are stable: clients switch on them; messages are for humans and may change.
 */
export const ErrorCode = {
  BAD_REQUEST: "BAD_REQUEST",
  UNKNOWN_EVENT: "UNKNOWN_EVENT",
  UNAUTHORIZED: "UNAUTHORIZED",
  INVALID_JOIN_CODE: "INVALID_JOIN_CODE",
  INVALID_DISPLAY_NAME: "INVALID_DISPLAY_NAME",
  SESSION_REVOKED: "SESSION_REVOKED",
  PROTOCOL_MISMATCH: "PROTOCOL_MISMATCH",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  WORKSHOP_ENDED: "WORKSHOP_ENDED",
  INVALID_STATE: "INVALID_STATE",
  ROOM_FULL: "ROOM_FULL",
  /** The poll is not open (closed, or still a draft): the vote was not counted. */
  POLL_CLOSED: "POLL_CLOSED",
  /** This poll does not allow changing a ballot once cast. */
  ALREADY_VOTED: "ALREADY_VOTED",
  RATE_LIMITED: "RATE_LIMITED",
  /** This person already has the most open connections allowed (tabs, devices): close one first. */
  TOO_MANY_CONNECTIONS: "TOO_MANY_CONNECTIONS",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNAVAILABLE: "UNAVAILABLE",
  INTERNAL: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorCodeSchema = z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]);

export const ErrorBodySchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The one shape every command's acknowledgement has. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
  ]);
}
