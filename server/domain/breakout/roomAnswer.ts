import { seesAssignment, seesRoommates, seesWholeRoster, type Viewer } from "../../../shared/audience.js";
import type { BroadcastView, HelpView } from "../../../shared/breakout.js";
import type { ParticipantId, RoomId, RoundId } from "../../../shared/ids.js";
import type { PollView } from "../../../shared/poll.js";
import type { RoomAnswer, RosterEntry } from "../../../shared/workshop.js";

/**
 * What a room holds for someone arriving in it, from whichever copy the caller has (the store's
 * records, or the node's copy moved along the log): the lists may hold other rooms' and rounds'
 * items, which the answer leaves out.
 */
export interface RoomContents {
  members: readonly ParticipantId[];
  helps: Iterable<HelpView>;
  broadcasts: Iterable<BroadcastView>;
  polls: Iterable<PollView>;
  call: string | null;
}

/** The room's people the viewer may see placed there (themself at least, when they are in it). */
export function visibleMembers(viewer: Viewer, roomId: RoomId, members: readonly ParticipantId[]): ParticipantId[] {
  return members.filter((participantId) => seesAssignment(viewer, participantId, roomId));
}

/**
 * Whether the answer names the room's people (their roster entries): for a viewer who may know
 * them but is not sent every person (a participant not watching the list, or in a room that
 * shows names under a private roster); anyone else holds them already, or may not see them.
 */
export function answerNamesRoommates(viewer: Viewer): boolean {
  return !seesWholeRoster(viewer) && seesRoommates(viewer);
}

/** The `breakout:room` answer for one room of one round. */
export function roomAnswerOf(
  at: { roundId: RoundId; roomId: RoomId; version?: number },
  seen: readonly ParticipantId[],
  contents: RoomContents,
  people: RosterEntry[] | undefined,
): RoomAnswer {
  const { roundId, roomId } = at;
  return {
    roundId,
    roomId,
    ...(at.version === undefined ? {} : { version: at.version }),
    assignments: Object.fromEntries(seen.map((participantId) => [participantId, roomId])),
    ...(people ? { people } : {}),
    helps: [...contents.helps].filter((help) => help.roundId === roundId && help.roomId === roomId),
    broadcasts: [...contents.broadcasts].filter(
      (broadcast) => broadcast.roundId === roundId && (broadcast.roomId === null || broadcast.roomId === roomId),
    ),
    polls: [...contents.polls].filter(
      (poll) =>
        poll.status !== "draft" && poll.definition.scope.kind === "room" && poll.definition.scope.roomId === roomId,
    ),
    call: contents.call,
  };
}
