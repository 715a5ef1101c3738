import { batch } from "@preact/signals";
import { type ErrorCode, ErrorCodeSchema } from "../../../shared/protocol.js";
import { joinError, joinStillTrying, notice, socketStatus } from "../state/session.js";
import { connection } from "./connectionState.js";
import { scheduleRetry } from "./reconnect.js";
import { endSession, fail, forgetSession } from "./sessionEnd.js";

/** The ErrorCode a refused handshake carries; null: no answer from the server at all (network trouble). */
function errorCodeOf(error: Error): ErrorCode | null {
  const data: unknown = "data" in error ? error.data : undefined;
  if (typeof data !== "object" || data === null || !("code" in data)) return null;
  const code = ErrorCodeSchema.safeParse(data.code);
  return code.success ? code.data : "INTERNAL";
}

/** `connect_error`: what each refusal means for this tab (try again, end, forget the token, or stop). */
export function onConnectError(error: Error): void {
  if (connection.stopped) return;
  const code = errorCodeOf(error);
  const current = connection.socket;
  if (code === null) {
    // Network trouble: keep trying.
    if (connection.firstAuth) joinStillTrying.value = true;
    socketStatus.value = connection.firstAuth ? "connecting" : "reconnecting";
    if (current && !current.active) scheduleRetry();
    return;
  }
  if (connection.firstAuth) {
    // A refused join or enter: the form shows why; the person fixes it and tries again.
    batch(() => {
      joinError.value = code;
      joinStillTrying.value = false;
      socketStatus.value = "idle";
    });
    return;
  }
  switch (code) {
    case "SESSION_REVOKED":
      endSession("removed");
      return;
    case "WORKSHOP_ENDED":
      endSession("workshop_ended");
      return;
    case "NOT_FOUND":
      // The workshop was deleted while this tab was away.
      endSession("workshop_deleted");
      return;
    case "UNAUTHORIZED":
    case "BAD_REQUEST":
      forgetSession(code);
      return;
    case "PROTOCOL_MISMATCH":
      fail(code);
      return;
    case "TOO_MANY_CONNECTIONS":
      // The person has too many tabs or devices open: say so, and keep trying (slowly) until one closes.
      notice.value = code;
      socketStatus.value = "reconnecting";
      scheduleRetry();
      return;
    default:
      // UNAVAILABLE, RATE_LIMITED, INTERNAL...: a passing condition; the session is still good.
      socketStatus.value = "reconnecting";
      scheduleRetry();
  }
}
