import type { HandEntry, HandsView, MyHand } from "../../../shared/hands.js";
import type { ParticipantId } from "../../../shared/ids.js";
import type { Role } from "../../../shared/workshop.js";

/** The speaker queue by ids: called hands in the order called, waiting ones in the order raised. */
export interface HandsQueue {
  version: number;
  called: readonly ParticipantId[];
  waiting: readonly ParticipantId[];
}

/** Who looks at the queue. */
export interface HandsViewer {
  participantId: ParticipantId;
  role: Role;
}

/**
 * Facilitators run the queue, so they see it whole, by name (they see everyone: seesEverything).
 * Everyone else gets how many wait and their own hand only: never another person's id or name,
 * whatever the roster setting (a raised hand says nothing anyone else needs).
 */
export function seesHandsQueue(viewer: Pick<HandsViewer, "role">): boolean {
  return viewer.role === "facilitator";
}

export function myHand(queue: HandsQueue, participantId: ParticipantId): MyHand | null {
  if (queue.called.includes(participantId)) return { status: "called", position: null };
  const index = queue.waiting.indexOf(participantId);
  return index < 0 ? null : { status: "waiting", position: index + 1 };
}

/** THE cut of the queue for one viewer (the answer to `hands:queue` and every `hands:changed`). */
export function handsViewFor(
  queue: HandsQueue,
  viewer: HandsViewer,
  nameOf: (participantId: ParticipantId) => string,
): HandsView {
  return {
    version: queue.version,
    waiting: queue.waiting.length,
    mine: myHand(queue, viewer.participantId),
    queue: seesHandsQueue(viewer) ? entriesOf(queue, nameOf) : null,
  };
}

function entriesOf(queue: HandsQueue, nameOf: (participantId: ParticipantId) => string): HandEntry[] {
  return [
    ...queue.called.map((participantId) => ({
      participantId,
      displayName: nameOf(participantId),
      status: "called" as const,
    })),
    ...queue.waiting.map((participantId) => ({
      participantId,
      displayName: nameOf(participantId),
      status: "waiting" as const,
    })),
  ];
}

/** The queue without the people who are gone (left, removed): their hands are being dropped. */
export function withoutGone(queue: HandsQueue, isHere: (participantId: ParticipantId) => boolean): HandsQueue {
  return {
    version: queue.version,
    called: queue.called.filter(isHere),
    waiting: queue.waiting.filter(isHere),
  };
}
