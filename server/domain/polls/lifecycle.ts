import type { RoundView } from "../../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../../shared/ids.js";
import type { PollDefinition, PollId, PollView } from "../../../shared/poll.js";
import { votesHere } from "../../../shared/pollRules.js";
import { DomainError } from "../errors.js";

/** Pure lifecycle rules of a poll: draft -> open -> closed, reopen, edit a draft. No I/O, clock passed in. */

export function newPoll(
  pollId: PollId,
  definition: PollDefinition,
  createdBy: ParticipantId,
  now: number,
  open: boolean,
): PollView {
  const draft: PollView = {
    pollId,
    definition,
    status: "draft",
    createdBy,
    createdAt: now,
    openedAt: null,
    closesAt: null,
    closedAt: null,
  };
  return open ? openPoll(draft, now) : draft;
}

/** Opens a draft, or reopens a closed poll; its auto-close timer starts again from now. */
export function openPoll(poll: PollView, now: number): PollView {
  if (poll.status === "open") throw new DomainError("INVALID_STATE", "the poll is already open");
  const seconds = poll.definition.autoCloseSeconds;
  return {
    ...poll,
    status: "open",
    openedAt: now,
    closesAt: seconds === undefined ? null : now + seconds * 1000,
    closedAt: null,
  };
}

export function closePoll(poll: PollView, now: number): PollView {
  if (poll.status !== "open") throw new DomainError("INVALID_STATE", "the poll is not open");
  return { ...poll, status: "closed", closedAt: now };
}

export function editDraft(poll: PollView, definition: PollDefinition): PollView {
  if (poll.status !== "draft") throw new DomainError("INVALID_STATE", "only a draft can be edited");
  return { ...poll, definition };
}

/** An open poll whose auto-close time has passed counts as closed, even before the timer fires. */
export function acceptsBallots(poll: PollView, now: number): boolean {
  return poll.status === "open" && (poll.closesAt === null || now < poll.closesAt);
}

/**
 * A room poll needs its room in the current round; an every-room poll needs the current round.
 * Throws the refusal the facilitator should see.
 */
export function checkScope(definition: PollDefinition, currentRound: RoundView | null): void {
  const { scope } = definition;
  if (scope.kind === "plenary") return;
  if (!currentRound) throw new DomainError("INVALID_STATE", "there is no breakout round");
  if (scope.kind === "everyRoom") {
    if (scope.roundId !== currentRound.roundId) throw new DomainError("INVALID_STATE", "that is not the current round");
    return;
  }
  if (!currentRound.rooms.some((room) => room.roomId === scope.roomId)) {
    throw new DomainError("NOT_FOUND", "no such room in the current round");
  }
}

export { seesPoll, seesPollAs } from "../../../shared/audience.js";

/**
 * Where a ballot counts: a room poll only takes votes from its room; an every-room poll counts
 * each ballot in the voter's current room (or only in the combined results from the plenary).
 */
export function ballotRoom(definition: PollDefinition, voterRoom: RoomId | null): RoomId | null {
  const { scope } = definition;
  switch (scope.kind) {
    case "plenary":
      return null;
    case "room":
      if (!votesHere(definition, voterRoom)) throw new DomainError("FORBIDDEN", "this poll is for another room");
      return scope.roomId;
    case "everyRoom":
      return voterRoom;
    default: {
      const unreachable: never = scope;
      throw new Error(`unknown scope ${JSON.stringify(unreachable)}`);
    }
  }
}

export { managesPoll, seesResults } from "../../../shared/pollRules.js";
