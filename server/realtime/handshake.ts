import type { ExtendedError } from "socket.io";
import { JoinCodeSchema } from "../../shared/ids.js";
import type { ErrorCode } from "../../shared/protocol.js";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import { DisplayNameSchema, HandshakeAuthSchema, type SessionView } from "../../shared/workshop.js";
import { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { clientAddress } from "../security/clientAddress.js";
import type { DoorLimits } from "../services/doorLimits.js";
import type { PresenceService } from "../services/presenceService.js";
import type { Admission, JoinedAt, WorkshopService } from "../services/workshopService.js";
import type { WorkshopSocket } from "./types.js";

export interface HandshakeDeps {
  service: WorkshopService;
  presence: PresenceService;
  limits: DoorLimits;
  nodeId: string;
  logger: Logger;
  metrics: Metrics;
  trustProxy: boolean;
}

/**
 * The session each socket was admitted with. Kept beside the socket, not in socket.data:
 * the adapter can copy socket.data to other nodes, and the session token must not travel.
 */
export const sessionOfSocket = new WeakMap<WorkshopSocket, SessionView>();

/** How the store answered a socket's join, when its handshake created the person (the session starts from it without reading). */
export const joinOfSocket = new WeakMap<WorkshopSocket, JoinedAt>();

export function refusal(code: ErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { code, message };
  return error;
}

/** Admits a socket as a new participant, a facilitator, or a resumed session; refuses with a stable code. */
export function handshakeMiddleware(deps: HandshakeDeps) {
  const { nodeId, logger, metrics } = deps;
  return async (socket: WorkshopSocket, next: (error?: ExtendedError) => void) => {
    try {
      const connectionId = `${nodeId}/${socket.id}`;
      const address = clientAddress(socket.request, deps.trustProxy);
      const { session, joined } = await admit(deps, socket.handshake.auth, connectionId, address);
      socket.data = {
        workshopId: session.workshopId,
        participantId: session.participantId,
        connectionId,
        sinceVersion: sinceVersionOf(socket.handshake.auth),
        watchesRoster: watchRosterOf(socket.handshake.auth),
      };
      sessionOfSocket.set(socket, session);
      if (joined) joinOfSocket.set(socket, joined);
      metrics.handshakes.inc({ outcome: "ok" });
      // No participant id: a log reader must not be able to line up who connected when with
      // when an anonymous question or vote arrived.
      logger.info({ workshopId: session.workshopId, role: session.role }, "session admitted");
      next();
    } catch (error) {
      const code: ErrorCode = error instanceof DomainError ? error.code : "INTERNAL";
      if (!(error instanceof DomainError)) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "handshake failed");
      }
      metrics.handshakes.inc({ outcome: code });
      logger.info({ code }, "handshake refused");
      next(refusal(code, error instanceof DomainError ? error.message : "something went wrong on the server"));
    }
  };
}

async function admit(deps: HandshakeDeps, auth: unknown, connectionId: string, address: string): Promise<Admission> {
  const { service, limits } = deps;
  if (typeof auth === "object" && auth !== null && "protocol" in auth && auth.protocol !== PROTOCOL_VERSION) {
    throw new DomainError("PROTOCOL_MISMATCH", `this server speaks protocol ${PROTOCOL_VERSION}; reload the page`);
  }
  const parsed = HandshakeAuthSchema.safeParse(auth);
  if (!parsed.success) {
    // Say which part was wrong when it is the display name: that is the user's to fix.
    if (typeof auth === "object" && auth !== null && "displayName" in auth) {
      const name = DisplayNameSchema.safeParse(auth.displayName);
      if (!name.success) {
        throw new DomainError("INVALID_DISPLAY_NAME", name.error.issues[0]?.message ?? "invalid display name");
      }
    }
    if (
      typeof auth === "object" &&
      auth !== null &&
      "joinCode" in auth &&
      !JoinCodeSchema.safeParse(auth.joinCode).success
    ) {
      throw new DomainError("INVALID_JOIN_CODE", "that is not a join code");
    }
    throw new DomainError("UNAUTHORIZED", "join with a join code, a facilitator key, or a session token");
  }
  const credentials = parsed.data;
  if ("sessionToken" in credentials) {
    const session = await service.resume(credentials.sessionToken);
    await deps.presence.admitAnother(session.workshopId, session.participantId);
    return { session, joined: null };
  }
  if ("facilitatorKey" in credentials) {
    return service.joinAsFacilitator(
      credentials.facilitatorKey,
      credentials.displayName,
      connectionId,
      credentials.joinId,
    );
  }
  // The address's limits and the code's workshop are read together (one round trip less per join,
  // which a join storm pays thousands of times); nobody is added before both said yes, and a
  // refused address's lookup counts nothing.
  const [attempt, lookup] = await Promise.allSettled([
    limits.admitJoinAttempt(address),
    service.workshopOfJoinCode(credentials.joinCode),
  ]);
  if (attempt.status === "rejected") throw attempt.reason;
  if (lookup.status === "rejected") {
    const error: unknown = lookup.reason;
    if (error instanceof DomainError && error.code === "INVALID_JOIN_CODE") await limits.joinCodeFailed(address);
    throw error;
  }
  return service.joinWorkshop(lookup.value, credentials.displayName, connectionId, credentials.joinId);
}

/** Already checked by the schema in `admit`: only `true` opens the list. */
function watchRosterOf(auth: unknown): boolean {
  return typeof auth === "object" && auth !== null && "watchRoster" in auth && auth.watchRoster === true;
}

function sinceVersionOf(auth: unknown): number | undefined {
  if (typeof auth !== "object" || auth === null || !("sinceVersion" in auth)) return undefined;
  return typeof auth.sinceVersion === "number" ? auth.sinceVersion : undefined;
}
