import { isRoundRunning, type RoundView } from "./breakout.js";
import type { ParticipantId, RoomId } from "./ids.js";
import type { PollDefinition, PollView } from "./poll.js";
import type { Role } from "./workshop.js";

/**
 * The poll rules the browser and the server must agree on (the server enforces them, the
 * browser shows the matching controls), written once.
 */

/** Who runs a poll: facilitators, and the lead of a room poll's room while the round runs. */
export function managesPoll(
  actor: { participantId: ParticipantId; role: Role },
  definition: PollDefinition,
  round: RoundView | null,
): boolean {
  if (actor.role === "facilitator") return true;
  const { scope } = definition;
  return (
    scope.kind === "room" &&
    isRoundRunning(round) &&
    (round?.rooms.some((room) => room.roomId === scope.roomId && room.leadId === actor.participantId) ?? false)
  );
}

/**
 * live: everyone who sees the poll; afterVoting: managers, and each viewer once they have a ballot
 * in it, everyone once it closes; afterClose: managers until it closes; facilitatorsOnly: managers.
 * `voted`: the viewer has a ballot in this poll now (a ballot taken back is none).
 */
export function seesResults(
  poll: Pick<PollView, "status" | "definition">,
  sees: boolean,
  manages: boolean,
  voted: boolean,
): boolean {
  if (poll.status === "draft") return false;
  if (manages) return true;
  if (!sees) return false;
  switch (poll.definition.resultsVisibility) {
    case "live":
      return true;
    case "afterVoting":
      return voted || poll.status === "closed";
    case "afterClose":
      return poll.status === "closed";
    case "facilitatorsOnly":
      return false;
    default: {
      const unreachable: never = poll.definition.resultsVisibility;
      throw new Error(`unknown visibility ${String(unreachable)}`);
    }
  }
}

/** A room poll takes votes from its room only; plenary and every-room polls from anyone. */
export function votesHere(definition: PollDefinition, voterRoom: RoomId | null): boolean {
  return definition.scope.kind !== "room" || definition.scope.roomId === voterRoom;
}
