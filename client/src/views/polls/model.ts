import type { RoundView } from "../../../../shared/breakout.js";
import type { ParticipantId, RoomId, RoundId } from "../../../../shared/ids.js";
import type { Ballot, PollDefinition, PollKind, PollView } from "../../../../shared/poll.js";
import { managesPoll, seesResults, votesHere } from "../../../../shared/pollRules.js";
import type { ParticipantView, Role } from "../../../../shared/workshop.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { workshopState } from "../../state/workshopState.js";

/** Where a polls panel is shown: the plenary, or one room of a round. */
export type PollPlace = { kind: "plenary" } | { kind: "room"; roundId: RoundId; roomId: RoomId };

export const kindText: Record<PollKind, MessageKey> = {
  single: "poll.kindSingle",
  multiple: "poll.kindMultiple",
  rating: "poll.kindRating",
  text: "poll.kindText",
  ranking: "poll.kindRanking",
};

const statusOrder: Record<PollView["status"], number> = { open: 0, draft: 1, closed: 2 };

/** Open polls first (newest opened on top), then drafts, then closed ones (newest closed on top). */
export function comparePolls(a: PollView, b: PollView): number {
  const byStatus = statusOrder[a.status] - statusOrder[b.status];
  if (byStatus !== 0) return byStatus;
  const when = (poll: PollView) => poll.closedAt ?? poll.openedAt ?? poll.createdAt;
  const byTime = when(b) - when(a);
  if (byTime !== 0) return byTime;
  return a.pollId < b.pollId ? -1 : a.pollId > b.pollId ? 1 : 0;
}

/**
 * The polls that belong where the viewer is. In the plenary: plenary and every-room polls
 * (facilitators see every poll there: it is where they run them). In a room: that room's
 * polls and the every-room polls of its round.
 */
export function pollsFor(place: PollPlace, polls: readonly PollView[], isFacilitator: boolean): PollView[] {
  const shown = polls.filter((poll) => {
    const { scope } = poll.definition;
    if (place.kind === "plenary") return isFacilitator || scope.kind !== "room";
    if (scope.kind === "room") return scope.roomId === place.roomId;
    return scope.kind === "everyRoom" && scope.roundId === place.roundId;
  });
  return shown.sort(comparePolls);
}

/** A poll's managers: facilitators, and the lead of the poll's room while the round runs (the server's rule). */
export function isPollManager(
  poll: PollView,
  role: Role | null,
  myId: ParticipantId,
  round: RoundView | null,
): boolean {
  return role !== null && managesPoll({ participantId: myId, role }, poll.definition, round);
}

/** Who may vote: plenary and every-room polls anyone; a room's poll the people in that room. */
export function canVoteIn(poll: PollView, myRoomId: RoomId | null): boolean {
  return votesHere(poll.definition, myRoomId);
}

/**
 * Whether the viewer may see the tally of a poll they see (the server pushes it only to them).
 * `voted`: this tab knows of a ballot of theirs, or the server sent the results of a poll whose
 * results wait for one (the person voted in another tab), unless this tab took it back since.
 */
export function maySeeResults(poll: PollView, manager: boolean, voted: boolean): boolean {
  return seesResults(poll, true, manager, voted);
}

function countsAsVoter(person: ParticipantView): boolean {
  return person.online && person.role !== "facilitator";
}

/**
 * Online people who could vote, facilitators left out: everyone for plenary and every-room
 * polls, the room's people for a room's poll (or one room of an every-room poll).
 */
export function eligibleVoters(poll: PollView, roomId?: RoomId): number {
  const { scope } = poll.definition;
  const room = scope.kind === "room" ? scope.roomId : roomId;
  const people = room === undefined ? workshopState.sorted.value : workshopState.membersOf(room);
  let eligible = 0;
  for (const person of people) if (countsAsVoter(person)) eligible++;
  return eligible;
}

/** The rooms of the round a poll belongs to, when that round is the current one. */
export function roomsOfPollRound(poll: PollView, round: RoundView | null): RoundView["rooms"] {
  const { scope } = poll.definition;
  if (!round) return [];
  if (scope.kind === "everyRoom") return scope.roundId === round.roundId ? round.rooms : [];
  return round.rooms;
}

export function roomName(roomId: RoomId, round: RoundView | null): string {
  return round?.rooms.find((room) => room.roomId === roomId)?.name ?? t("poll.unknownRoom");
}

export function scopeText(poll: PollView, round: RoundView | null): string {
  const { scope } = poll.definition;
  switch (scope.kind) {
    case "plenary":
      return t("poll.scopePlenary");
    case "room":
      return t("poll.scopeRoom", { name: roomName(scope.roomId, round) });
    case "everyRoom":
      return round?.roundId === scope.roundId
        ? t("poll.scopeEveryRoomOf", { number: round.number })
        : t("poll.scopeEveryRoom");
  }
}

export function optionLabel(definition: PollDefinition, optionId: string): string {
  if (!("options" in definition)) return optionId;
  return definition.options.find((option) => option.optionId === optionId)?.label ?? optionId;
}

/** "Your vote: …" in words. */
export function describeBallot(definition: PollDefinition, ballot: Ballot): string {
  switch (ballot.kind) {
    case "single":
      return optionLabel(definition, ballot.optionId);
    case "multiple":
      return ballot.optionIds.map((optionId) => optionLabel(definition, optionId)).join(", ");
    case "rating":
      return t("poll.ratingOf", {
        value: ballot.value,
        scale: definition.kind === "rating" ? definition.scale : 10,
      });
    case "text":
      return ballot.text;
    case "ranking":
      return ballot.order
        .map((optionId, index) => t("poll.rankedItem", { place: index + 1, label: optionLabel(definition, optionId) }))
        .join(", ");
  }
}

/** "Choose 1 to 3", "Choose exactly 2", "Choose at least 2". */
export function selectionHint(min: number, max: number, optionCount: number): string {
  if (min === max) return t("poll.chooseExactly", { count: min });
  if (max >= optionCount) return min <= 1 ? t("poll.chooseAny") : t("poll.chooseAtLeast", { min });
  return t("poll.chooseBetween", { min, max });
}

/** Whole percent of a part, 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
