import { computed } from "@preact/signals";
import type { HelpView, RoomView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import type { PollResultsUpdate, PollView } from "../../../../shared/poll.js";
import type { ParticipantView } from "../../../../shared/workshop.js";
import { qnaState } from "../../state/qnaState.js";
import { workshopState } from "../../state/workshopState.js";
import { activeHelpsByRoom, isRunning } from "../breakout/model.js";

/**
 * What the facilitator console derives from the state the browser already holds (no extra
 * server traffic): the room rows of the grid and what needs attention.
 *
 * "Notes not syncing" is defined from what a facilitator's browser knows without following
 * every room's document: a room whose note-taker (someone with the note-taker role placed in it)
 * is offline while the round runs. Their edits wait on their device until they reconnect.
 */

const NO_HELPS: readonly HelpView[] = [];

export type NotesState =
  /** A note-taker in the room is connected. */
  | "writing"
  /** Note-takers are placed in the room but none is connected: their edits are not reaching anyone. */
  | "offline"
  /** Nobody with the note-taker role is in the room. */
  | "none";

export interface RoomRow {
  room: RoomView;
  count: number;
  leadName: string | null;
  /** The lead is set and placed in this room. */
  hasLead: boolean;
  notes: NotesState;
  noteTakers: readonly ParticipantView[];
  helps: readonly HelpView[];
  /** Ballots of the running every-room poll from this room (null: no such poll, or no results seen). */
  voters: number | null;
  /** Worth a look now: a help request, no lead, no note-taker, notes not syncing. */
  needsAttention: boolean;
}

/** The newest open every-room poll of the current round: the one whose participation the grid shows. */
export const roundPoll = computed<{ poll: PollView; results: PollResultsUpdate | undefined } | null>(() => {
  const round = workshopState.round.value;
  if (!round) return null;
  let newest: PollView | null = null;
  for (const poll of workshopState.polls.value) {
    const { scope } = poll.definition;
    if (poll.status !== "open" || scope.kind !== "everyRoom" || scope.roundId !== round.roundId) continue;
    if (!newest || (poll.openedAt ?? 0) > (newest.openedAt ?? 0)) newest = poll;
  }
  return newest ? { poll: newest, results: workshopState.pollResults.value.get(newest.pollId) } : null;
});

function notesStateOf(noteTakers: readonly ParticipantView[]): NotesState {
  if (noteTakers.length === 0) return "none";
  return noteTakers.some((person) => person.online) ? "writing" : "offline";
}

/** One row per room of the current round, in the round's order. */
export const roomRows = computed<readonly RoomRow[]>(() => {
  const round = workshopState.round.value;
  if (!round) return [];
  const running = isRunning(round);
  const counts = workshopState.counts.value;
  const members = workshopState.membersByRoom.value;
  const helps = activeHelpsByRoom.value;
  const poll = roundPoll.value;
  const byRoom = poll?.results?.results.byRoom;
  return round.rooms.map((room) => {
    const people = members.get(room.roomId) ?? [];
    const lead = room.leadId ? people.find((person) => person.participantId === room.leadId) : undefined;
    const leadName =
      lead?.displayName ?? (room.leadId ? (workshopState.peekParticipant(room.leadId)?.displayName ?? null) : null);
    const noteTakers = people.filter((person) => person.role === "note-taker");
    const notes = notesStateOf(noteTakers);
    const roomHelps = helps.get(room.roomId) ?? NO_HELPS;
    const open = running && !room.closed;
    return {
      room,
      count: counts[room.roomId] ?? people.length,
      leadName,
      hasLead: lead !== undefined,
      notes,
      noteTakers,
      helps: roomHelps,
      voters: poll ? (byRoom?.[room.roomId]?.voters ?? 0) : null,
      needsAttention: roomHelps.length > 0 || (open && (lead === undefined || notes !== "writing")),
    };
  });
});

export interface Attention {
  /** Help requests of the running round nobody has taken yet, oldest first. */
  helpsWaiting: readonly HelpView[];
  /** Taken but not resolved: shown with who is on the way. */
  helpsTaken: readonly HelpView[];
  /** Questions awaiting approval, per board ("plenary" or a room id). */
  questions: ReadonlyMap<string, number>;
  questionsWaiting: number;
  /** Open rooms of a running round with nobody to lead or write the notes. */
  roomsWithoutLead: readonly RoomId[];
  roomsWithoutNoteTaker: readonly RoomId[];
  /** Open rooms whose note-takers are all offline. */
  roomsNotesOffline: readonly RoomId[];
}

export const attention = computed<Attention>(() => {
  const round = workshopState.round.value;
  const running = isRunning(round);
  const helpsWaiting: HelpView[] = [];
  const helpsTaken: HelpView[] = [];
  const roomsWithoutLead: RoomId[] = [];
  const roomsWithoutNoteTaker: RoomId[] = [];
  const roomsNotesOffline: RoomId[] = [];
  if (running) {
    for (const row of roomRows.value) {
      for (const help of row.helps) (help.status === "open" ? helpsWaiting : helpsTaken).push(help);
      if (row.room.closed) continue;
      if (!row.hasLead) roomsWithoutLead.push(row.room.roomId);
      if (row.notes === "none") roomsWithoutNoteTaker.push(row.room.roomId);
      if (row.notes === "offline") roomsNotesOffline.push(row.room.roomId);
    }
  }
  helpsWaiting.sort((a, b) => a.createdAt - b.createdAt);
  helpsTaken.sort((a, b) => a.createdAt - b.createdAt);
  const questions = qnaState.pendingByBoard();
  let questionsWaiting = 0;
  for (const count of questions.values()) questionsWaiting += count;
  return {
    helpsWaiting,
    helpsTaken,
    questions,
    questionsWaiting,
    roomsWithoutLead,
    roomsWithoutNoteTaker,
    roomsNotesOffline,
  };
});

/** What the tab title counts: people waiting for a facilitator (help not yet taken, questions to approve). */
export const waitingCount = computed(() => attention.value.helpsWaiting.length + attention.value.questionsWaiting);

export function matchesQuery(room: RoomView, query: string): boolean {
  if (!query) return true;
  return room.name.toLocaleLowerCase().includes(query) || room.topic.toLocaleLowerCase().includes(query);
}
