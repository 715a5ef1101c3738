import { type DestinationStream, pino } from "pino";

export type Logger = pino.Logger;

/**
 * Structured logs. Log ids and codes, never what people typed: no display names, titles,
 * message contents, session tokens or facilitator keys. The redaction list is a second net
 * under that rule, not the rule itself.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          "displayName",
          "title",
          "text",
          "sessionToken",
          "facilitatorKey",
          "joinCode",
          "auth",
          "*.displayName",
          "*.sessionToken",
          "*.facilitatorKey",
          "*.auth",
          "req.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
