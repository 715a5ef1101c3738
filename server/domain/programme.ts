import type { ProgrammeSessionId } from "../../shared/ids.js";
import { PROGRAMME_MAX_SESSIONS, type ProgrammeSessionView, type SessionDraft } from "../../shared/programme.js";
import { DomainError } from "./errors.js";

/** Pure rules of the programme: a session from what a facilitator wrote, the bound, the order of ties. */

/** The stored session: the draft's fields, optional ones made explicit (an update clears what it leaves out). */
export function sessionOf(sessionId: ProgrammeSessionId, draft: SessionDraft, position: number): ProgrammeSessionView {
  return {
    sessionId,
    title: draft.title,
    kind: draft.kind,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    description: draft.description ?? "",
    speakers: draft.speakers ?? [],
    ...(draft.contentNote ? { contentNote: draft.contentNote } : {}),
    position,
  };
}

/** A new session fits while the programme holds fewer than PROGRAMME_MAX_SESSIONS. */
export function requireRoomForSession(existing: number): void {
  if (existing >= PROGRAMME_MAX_SESSIONS) {
    throw new DomainError("INVALID_STATE", `a programme holds at most ${PROGRAMME_MAX_SESSIONS} sessions`);
  }
}

export function requireSession(session: ProgrammeSessionView | null): ProgrammeSessionView {
  if (!session) throw new DomainError("NOT_FOUND", "no such session");
  return session;
}

/**
 * New positions from a reorder: the list must name every session once. Start times still come
 * first; positions order the sessions that start together.
 */
export function reorderedSessions(
  sessions: readonly ProgrammeSessionView[],
  order: readonly ProgrammeSessionId[],
): ProgrammeSessionView[] {
  const byId = new Map(sessions.map((session) => [session.sessionId, session]));
  if (order.length !== byId.size || new Set(order).size !== order.length || order.some((id) => !byId.has(id))) {
    throw new DomainError("BAD_REQUEST", "the order must list every session of the programme once");
  }
  return order.map((sessionId, position) => ({ ...(byId.get(sessionId) as ProgrammeSessionView), position }));
}
