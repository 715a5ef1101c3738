import type { ParticipantId } from "../../../shared/ids.js";
import {
  SUPPORT_MESSAGES_KEPT,
  type SupportContact,
  type SupportRequestId,
  type SupportRequestView,
  type SupportSide,
} from "../../../shared/support.js";
import type { Role } from "../../../shared/workshop.js";
import { DomainError } from "../errors.js";

/** Who acts on a request: the person it is for, a safeguarding lead, or neither. */
export function sideOf(
  request: Pick<SupportRequestView, "person">,
  actor: { participantId: ParticipantId; role: Role },
): SupportSide | null {
  if (request.person.participantId === actor.participantId) return "person";
  return actor.role === "safeguarding-lead" ? "lead" : null;
}

/** What a viewer may be sent of a request: its person and the leads, nobody else (facilitators included). */
export function seesRequest(
  request: Pick<SupportRequestView, "person">,
  viewer: { participantId: ParticipantId; role: Role },
): boolean {
  return sideOf(request, viewer) !== null;
}

/**
 * The request as one viewer may hold it: the conversation is the person's and the lead's who
 * took it; other leads see that it is taken, by whom, and the note it was asked with, never the
 * messages. While it waits, what the person wrote is for whichever lead takes it: every lead.
 */
export function requestFor(
  request: SupportRequestView,
  viewer: { participantId: ParticipantId; role: Role },
): SupportRequestView {
  const side = sideOf(request, viewer);
  if (side === "person" || request.lead === null || request.lead.participantId === viewer.participantId) {
    return request;
  }
  return { ...request, messages: [] };
}

export function newSupportRequest(input: {
  requestId: SupportRequestId;
  person: { participantId: ParticipantId; displayName: string };
  where: string | null;
  note: string;
  contact: SupportContact;
  now: number;
}): SupportRequestView {
  return {
    requestId: input.requestId,
    status: "waiting",
    contact: input.contact,
    note: input.note,
    createdAt: input.now,
    person: input.person,
    where: input.where,
    lead: null,
    takenAt: null,
    messages: [],
    closedBy: null,
    rev: 0,
  };
}

/** A lead takes a waiting request; taking one's own again changes nothing; another lead's is a CONFLICT. */
export function takeRequest(
  request: SupportRequestView,
  lead: { participantId: ParticipantId; displayName: string },
  now: number,
): SupportRequestView {
  if (request.person.participantId === lead.participantId) {
    throw new DomainError("FORBIDDEN", "another safeguarding lead takes your own request");
  }
  if (request.status === "closed") throw new DomainError("INVALID_STATE", "this request has ended");
  if (request.lead?.participantId === lead.participantId) return request;
  if (request.status === "taken") throw new DomainError("CONFLICT", "another safeguarding lead has taken it");
  return { ...request, status: "taken", lead, takenAt: now, rev: request.rev + 1 };
}

/** The person writes while it waits or is taken; the lead only once they took it. */
export function addMessage(
  request: SupportRequestView,
  actor: { participantId: ParticipantId; role: Role },
  text: string,
  now: number,
): SupportRequestView {
  const side = sideOf(request, actor);
  if (request.status === "closed") throw new DomainError("INVALID_STATE", "this conversation has ended");
  if (side === "lead" && request.lead?.participantId !== actor.participantId) {
    throw new DomainError("FORBIDDEN", "only the lead who took this request writes in it");
  }
  if (side === null) throw new DomainError("NOT_FOUND", "no such support request");
  const messages = [...request.messages, { from: side, text, at: now }].slice(-SUPPORT_MESSAGES_KEPT);
  return { ...request, messages, rev: request.rev + 1 };
}

/**
 * The person ends it at any time (cancel, or end the conversation); a lead ends a waiting one
 * (nobody has it yet) or one they took. Closing a closed request changes nothing.
 */
export function closeRequest(
  request: SupportRequestView,
  actor: { participantId: ParticipantId; role: Role },
): SupportRequestView {
  const side = sideOf(request, actor);
  if (side === null) throw new DomainError("NOT_FOUND", "no such support request");
  if (request.status === "closed") return request;
  if (side === "lead" && request.status === "taken" && request.lead?.participantId !== actor.participantId) {
    throw new DomainError("FORBIDDEN", "only the lead who took this request ends it");
  }
  return { ...request, status: "closed", closedBy: side, rev: request.rev + 1 };
}
