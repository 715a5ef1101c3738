import {
  seesAssignment,
  seesBroadcast,
  seesEverything,
  seesHelp,
  seesPerson,
  seesPoll,
  seesRoom,
  seesRoommates,
  seesTags,
  seesWholeRoster,
  type Viewer,
} from "./audience.js";
import {
  type BroadcastView,
  type HelpView,
  isRoundRunning,
  type RoundCounts,
  type RoundView,
  roomShowsNames,
  type Tags,
  withRoundStatus,
} from "./breakout.js";
import type { CallSettings } from "./calls.js";
import type { HelpId, ParticipantId, ProgrammeSessionId, RoomId } from "./ids.js";
import type { Ballot, PollId, PollResultsUpdate, PollView } from "./poll.js";
import type { ProgrammeSessionView } from "./programme.js";
import {
  type EventBatch,
  type ParticipantView,
  type PeopleCount,
  participantOfRosterEntry,
  type RoomAnswer,
  type RosterWatchAnswer,
  type SyncResult,
  type WorkshopEvent,
  type WorkshopSnapshot,
  type WorkshopView,
} from "./workshop.js";

/** How many banners a client keeps. */
const BROADCASTS_KEPT = 20;

export interface BreakoutCopy {
  round: RoundView | null;
  /** Who is in which room of the current round, as far as this viewer may see. */
  assignments: Map<ParticipantId, RoomId>;
  counts: Record<string, number>;
  helps: Map<HelpId, HelpView>;
  broadcasts: BroadcastView[];
  tags: Map<ParticipantId, Tags>;
}

/** The call links the viewer may see (shared/calls.ts): the plenary's, their room's, all for facilitators. */
export interface CallsCopy {
  plenary: string | null;
  /** roomId -> link, rooms of the current round only. */
  rooms: Map<RoomId, string>;
  /** Facilitators only. */
  settings: CallSettings | null;
}

/**
 * A client's copy of one workshop and the rules for keeping it exact: the browser and the
 * tests both use this, so what the tests check is what people see.
 */
export interface WorkshopState {
  /** Version of the last applied event; -1 until the first snapshot. */
  version: number;
  workshop: WorkshopView | null;
  /** The people the viewer may know of (shared/audience.ts `seesPerson`). */
  participants: Map<ParticipantId, ParticipantView>;
  /** How many people there are and are online (the highest version wins). */
  people: PeopleCount;
  breakout: BreakoutCopy;
  /** Polls the viewer may see. */
  polls: Map<PollId, PollView>;
  /** Latest results per poll (pushed outside the log, highest tallyVersion wins). */
  pollResults: Map<PollId, PollResultsUpdate>;
  /** Notes documents opened to everyone for editing (docId -> true). */
  notesOpenToAll: Set<string>;
  /** The programme's sessions (everyone sees all); order them with shared/programme.ts `orderedProgramme`. */
  programme: Map<ProgrammeSessionId, ProgrammeSessionView>;
  /** The viewer's own ballots, from their acks and `poll:mine`. */
  myBallots: Map<PollId, Ballot>;
  calls: CallsCopy;
  /** The viewer, so the rules can tell when their own room changed. */
  selfId: ParticipantId | null;
  /**
   * The viewer has the people list open (`roster:watch`): an open roster's every person is
   * theirs to hold, live. Set when asked (the answer's roster fills the copy); cleared when
   * closed (the people no longer sent are dropped at once).
   */
  watchesRoster: boolean;
  /**
   * Set when the viewer's own room changed: the people, help requests and banners of the
   * new room were not theirs to see before, so the caller fetches `breakout:room` and
   * applies it with applyRoomState.
   */
  roomChanged: boolean;
  /**
   * Set when the viewer came to see more than their copy can hold (promoted to facilitator:
   * every room's people, help requests, banners and polls): the caller asks for a snapshot
   * (`workshop:sync {}`); only a snapshot applied clears it.
   */
  needsSnapshot: boolean;
  /**
   * Set while the viewer watches the people list but their copy lacks the whole roster (just
   * opened, or a snapshot cut before they opened it): the caller sends `roster:watch
   * {watching: true}` and applies the answer with applyRosterWatch; only a fitting answer clears it.
   */
  needsRoster: boolean;
}

export type BatchOutcome = "applied" | "ignored" | "gap";

function emptyBreakout(): BreakoutCopy {
  return { round: null, assignments: new Map(), counts: {}, helps: new Map(), broadcasts: [], tags: new Map() };
}

export function emptyWorkshopState(selfId: ParticipantId | null = null): WorkshopState {
  return {
    version: -1,
    workshop: null,
    participants: new Map(),
    people: { version: -1, active: 0, online: 0 },
    breakout: emptyBreakout(),
    polls: new Map(),
    pollResults: new Map(),
    myBallots: new Map(),
    notesOpenToAll: new Set(),
    programme: new Map(),
    calls: { plenary: null, rooms: new Map(), settings: null },
    selfId,
    watchesRoster: false,
    roomChanged: false,
    needsSnapshot: false,
    needsRoster: false,
  };
}

export function applySnapshot(state: WorkshopState, snapshot: WorkshopSnapshot): void {
  state.version = snapshot.version;
  state.workshop = snapshot.workshop;
  state.participants = new Map(
    snapshot.roster.map((entry) => {
      const participant = participantOfRosterEntry(entry);
      return [participant.participantId, participant];
    }),
  );
  state.people = snapshot.people;
  const { breakout } = snapshot;
  state.breakout = {
    round: breakout.round,
    assignments: new Map(Object.entries(breakout.assignments)),
    counts: { ...breakout.counts },
    helps: new Map(breakout.helps.map((help) => [help.helpId, help])),
    broadcasts: breakout.broadcasts.slice(-BROADCASTS_KEPT),
    tags: new Map(Object.entries(breakout.tags)),
  };
  state.polls = new Map(snapshot.polls.map((poll) => [poll.pollId, poll]));
  state.notesOpenToAll = new Set(
    snapshot.notesAccess.filter((access) => access.openToAll).map((access) => access.docId),
  );
  for (const pollId of state.pollResults.keys()) if (!state.polls.has(pollId)) state.pollResults.delete(pollId);
  state.programme = new Map(snapshot.programme.map((session) => [session.sessionId, session]));
  state.calls = {
    plenary: snapshot.calls.plenary,
    rooms: new Map(Object.entries(snapshot.calls.rooms)),
    settings: snapshot.calls.settings,
  };
  state.roomChanged = false;
  state.needsSnapshot = false;
  const viewer = viewerOfState(state);
  state.needsRoster = viewer !== null && seesWholeRoster(viewer) && !snapshot.wholeRoster;
}

/**
 * The viewer opens (or closes) the people list. Opening flags the copy for the whole roster
 * (`needsRoster`: the caller asks `roster:watch`); closing drops at once the people no longer
 * sent, exactly as a fresh snapshot for a viewer not watching would hold.
 */
export function setWatchingRoster(state: WorkshopState, watching: boolean): void {
  state.watchesRoster = watching;
  const viewer = viewerOfState(state);
  state.needsRoster = watching && viewer !== null && seesWholeRoster(viewer);
  if (viewer && !seesWholeRoster(viewer)) dropPeopleNotSeen(state, viewer);
}

/**
 * Applies the `roster:watch {watching: true}` answer: the whole roster as of its version,
 * which fits only a copy at exactly that version (else false: ask again once the copy moved,
 * events after it carry every person's changes). A closed list, or an answer for one, is ignored.
 */
export function applyRosterWatch(state: WorkshopState, answer: RosterWatchAnswer): boolean {
  if (!state.watchesRoster || answer.roster === null) return true;
  if (answer.version !== state.version) return false;
  state.participants = new Map(
    answer.roster.map((entry) => {
      const participant = participantOfRosterEntry(entry);
      return [participant.participantId, participant];
    }),
  );
  state.needsRoster = false;
  return true;
}

function dropPeopleNotSeen(state: WorkshopState, viewer: Viewer): void {
  for (const [participantId, person] of state.participants) {
    if (!seesPerson(viewer, person, state.breakout.assignments.get(participantId) ?? null)) {
      state.participants.delete(participantId);
    }
  }
}

/** The viewer's room in the current round while it runs (null: the plenary). */
export function currentRoomOf(state: WorkshopState, participantId: ParticipantId | null): RoomId | null {
  const round = state.breakout.round;
  if (!participantId || !round || !isRoundRunning(round)) return null;
  return state.breakout.assignments.get(participantId) ?? null;
}

/** The viewer as the visibility rules (shared/audience.ts) see them: role, and their room while the round runs. */
export function viewerOfState(state: WorkshopState): Viewer | null {
  if (!state.selfId) return null;
  const role = state.participants.get(state.selfId)?.role ?? "participant";
  const roomId = currentRoomOf(state, state.selfId);
  return {
    participantId: state.selfId,
    role,
    roomId,
    // Absent (no workshop yet): private, the safe default.
    rosterPrivate: state.workshop?.rosterPrivate ?? true,
    roomNamesVisible: roomShowsNames(state.breakout.round, roomId),
    watchesRoster: state.watchesRoster,
  };
}

/**
 * After events moved the viewer (another room, the round ended, a new role), their copy holds
 * exactly what a fresh snapshot would: what they may no longer see is dropped by the same rules
 * the server cuts snapshots by; what they came to see is flagged for fetching (`roomChanged`:
 * their new room's people, help requests, banners and polls; `needsSnapshot`: everything, for
 * a new facilitator).
 */
function settleView(state: WorkshopState, before: Viewer | null): void {
  const viewer = viewerOfState(state);
  if (!viewer) return;
  if (viewer.roomId !== null && viewer.roomId !== before?.roomId) state.roomChanged = true;
  // Came to see every person (the roster opened, or a new staff role): their copy holds only some.
  if (before && seesWholeRoster(viewer) && !seesWholeRoster(before)) state.needsSnapshot = true;
  if (seesEverything(viewer)) {
    if (before && !seesEverything(before)) state.needsSnapshot = true;
    return;
  }
  const { breakout } = state;
  const roundId = breakout.round?.roundId ?? null;
  for (const [participantId, roomId] of breakout.assignments) {
    if (!seesAssignment(viewer, participantId, roomId)) breakout.assignments.delete(participantId);
  }
  for (const participantId of breakout.tags.keys()) {
    if (!seesTags(viewer, participantId)) breakout.tags.delete(participantId);
  }
  // Came to know their roommates (the roster opened) while not sent every person: fetch the room.
  if (before && viewer.roomId !== null && seesRoommates(viewer) && !seesRoommates(before)) state.roomChanged = true;
  if (!seesWholeRoster(viewer)) dropPeopleNotSeen(state, viewer);
  for (const [helpId, help] of breakout.helps) if (!seesHelp(viewer, help, roundId)) breakout.helps.delete(helpId);
  breakout.broadcasts = breakout.broadcasts.filter((broadcast) => seesBroadcast(viewer, broadcast, roundId));
  for (const [pollId, poll] of state.polls) {
    if (seesPoll(viewer, poll)) continue;
    state.polls.delete(pollId);
    state.pollResults.delete(pollId);
  }
  // A room's call link leaves with the person (moved, back in the plenary, the round over).
  for (const roomId of state.calls.rooms.keys()) if (!seesRoom(viewer, roomId)) state.calls.rooms.delete(roomId);
  state.calls.settings = null;
}

/** Banners have no id: one is the same banner when round, room, time and text all are. */
function broadcastKey(broadcast: BroadcastView): string {
  return `${broadcast.roundId}/${broadcast.roomId}/${broadcast.sentAt}/${broadcast.text}`;
}

/**
 * Merges what `breakout:room` returned for the viewer's (new) room. False, merging nothing, when
 * the answer is as of a version older than the copy (a batch overtook it, or a snapshot read from
 * the store was ahead of the node): the room's list would undo what came after. Ask again.
 */
export function applyRoomState(state: WorkshopState, room: RoomAnswer): boolean {
  const { breakout } = state;
  if (room.version !== undefined && room.version < state.version) return false;
  if (breakout.round?.roundId !== room.roundId) return true;
  // The answer is the room's whole list: people who left it while the viewer was elsewhere
  // (their moves were not the viewer's to see) must not linger in it.
  for (const [participantId, roomId] of breakout.assignments) {
    if (roomId === room.roomId && !Object.hasOwn(room.assignments, participantId)) {
      breakout.assignments.delete(participantId);
    }
  }
  for (const [participantId, roomId] of Object.entries(room.assignments))
    breakout.assignments.set(participantId, roomId);
  for (const help of room.helps) breakout.helps.set(help.helpId, help);
  const known = new Set(breakout.broadcasts.map(broadcastKey));
  for (const broadcast of room.broadcasts) {
    if (!known.has(broadcastKey(broadcast))) breakout.broadcasts.push(broadcast);
  }
  breakout.broadcasts.sort((a, b) => a.sentAt - b.sentAt);
  breakout.broadcasts = breakout.broadcasts.slice(-BROADCASTS_KEPT);
  for (const poll of room.polls) state.polls.set(poll.pollId, poll);
  if (room.call) state.calls.rooms.set(room.roomId, room.call);
  else state.calls.rooms.delete(room.roomId);
  for (const entry of room.people ?? []) {
    const person = participantOfRosterEntry(entry);
    state.participants.set(person.participantId, person);
  }
  state.roomChanged = false;
  return true;
}

/** People counts arrive outside the log, possibly out of order across reconnects: the highest version wins. */
export function applyPeopleCount(state: WorkshopState, people: PeopleCount): void {
  if (people.version >= state.people.version) state.people = people;
}

/** Results arrive outside the log, possibly out of order across reconnects: the highest tallyVersion wins. */
export function applyPollResults(state: WorkshopState, update: PollResultsUpdate): boolean {
  const known = state.pollResults.get(update.pollId);
  if (known && known.tallyVersion > update.tallyVersion) return false;
  state.pollResults.set(update.pollId, update);
  return true;
}

/** Head-counts arrive outside the log (latest wins). */
export function applyCounts(state: WorkshopState, update: RoundCounts): void {
  if (state.breakout.round?.roundId === update.roundId) state.breakout.counts = { ...update.counts };
}

/**
 * Applies a batch of consecutive events fromVersion..toVersion. "gap" means events were
 * missed (the caller resyncs); events the state already contains are skipped, so a batch
 * that overlaps a snapshot is harmless.
 */
export function applyEventBatch(state: WorkshopState, batch: EventBatch): BatchOutcome {
  // Counts are versioned on their own (the highest wins): taken whatever becomes of the events.
  if (batch.people) applyPeopleCount(state, batch.people);
  if (state.version < 0 || batch.toVersion <= state.version) return "ignored";
  if (batch.fromVersion > state.version + 1) return "gap";
  const before = viewerOfState(state);
  for (const event of batch.events) {
    if (event.v > state.version) applyEventWatchingRoster(state, event);
  }
  state.version = batch.toVersion;
  settleView(state, before);
  return "applied";
}

/** Applies a `workshop:sync` answer. Returns false when it did not fit (then ask for a snapshot). */
export function applySyncResult(state: WorkshopState, sync: SyncResult): boolean {
  if (sync.kind === "snapshot") {
    applySnapshot(state, sync.snapshot);
  } else {
    if (state.version < 0 || sync.fromVersion > state.version + 1) return false;
    const before = viewerOfState(state);
    const last = sync.events[sync.events.length - 1]?.v ?? state.version;
    for (const event of sync.events) {
      if (event.v > state.version) applyEventWatchingRoster(state, event);
    }
    state.version = Math.max(state.version, last);
    if (sync.people) applyPeopleCount(state, sync.people);
    settleView(state, before);
  }
  // What the node sent others past that state (a first state), then the head-counts after it.
  if (sync.catchUp && applyEventBatch(state, sync.catchUp) === "gap") return false;
  if (sync.counts) applyCounts(state, sync.counts);
  return true;
}

/**
 * Applies one event; when it let the viewer see every person (the roster opened, they became
 * staff) they need a snapshot, even if a later event of the same batch narrows it again: meanwhile
 * they received people's events about people whose presence they never had.
 */
function applyEventWatchingRoster(state: WorkshopState, event: WorkshopEvent): void {
  const widens =
    event.type === "workshop:updated" ||
    (event.type === "participant:upserted" && event.participant.participantId === state.selfId);
  const before = widens ? viewerOfState(state) : null;
  applyEvent(state, event);
  if (!before || seesWholeRoster(before)) return;
  const after = viewerOfState(state);
  if (after && seesWholeRoster(after)) state.needsSnapshot = true;
}

function applyEvent(state: WorkshopState, event: WorkshopEvent): void {
  switch (event.type) {
    case "participant:upserted": {
      const { participantId, displayName, role, listed } = event.participant;
      const known = state.participants.get(participantId);
      // The same shape (and key order) a snapshot's roster entry gives.
      state.participants.set(participantId, {
        participantId,
        displayName,
        role,
        online: event.online ?? known?.online ?? false,
        listed,
      });
      break;
    }
    case "participant:presence": {
      const known = state.participants.get(event.participantId);
      if (known) state.participants.set(event.participantId, { ...known, online: event.online });
      break;
    }
    case "participant:removed":
      state.participants.delete(event.participantId);
      break;
    case "workshop:updated":
      state.workshop = event.workshop;
      break;
    case "participant:tagged":
      state.breakout.tags.set(event.participantId, event.tags);
      break;
    case "breakout:round": {
      const { breakout } = state;
      if (breakout.round && breakout.round.roundId !== event.round.roundId) {
        if (event.round.number < breakout.round.number) break;
        // A new round: what was seen of the last one no longer applies.
        state.breakout = { ...emptyBreakout(), tags: breakout.tags };
        state.calls.rooms = new Map();
      }
      state.breakout.round = event.round;
      break;
    }
    case "breakout:roundStatus":
      state.breakout.round = withRoundStatus(state.breakout.round, event);
      break;
    case "breakout:assigned": {
      const { breakout } = state;
      if (breakout.round?.roundId !== event.roundId) break;
      if (event.roomId === null) breakout.assignments.delete(event.participantId);
      else breakout.assignments.set(event.participantId, event.roomId);
      // Someone came into a room that shows names: their name is in the room's answer, not the log.
      if (
        event.roomId !== null &&
        !state.participants.has(event.participantId) &&
        event.roomId === currentRoomOf(state, state.selfId) &&
        roomShowsNames(breakout.round, event.roomId)
      ) {
        state.roomChanged = true;
      }
      break;
    }
    case "breakout:broadcast": {
      // A room fetch that crossed this event may have brought the same banner already.
      const key = broadcastKey(event.broadcast);
      if (state.breakout.broadcasts.some((known) => broadcastKey(known) === key)) break;
      state.breakout.broadcasts = [...state.breakout.broadcasts, event.broadcast].slice(-BROADCASTS_KEPT);
      break;
    }
    case "help:updated":
      if (state.breakout.round?.roundId === event.help.roundId || state.breakout.round === null) {
        state.breakout.helps.set(event.help.helpId, event.help);
      }
      break;
    case "poll:upserted":
      state.polls.set(event.poll.pollId, event.poll);
      break;
    case "notes:access":
      if (event.access.openToAll) state.notesOpenToAll.add(event.access.docId);
      else state.notesOpenToAll.delete(event.access.docId);
      break;
    case "poll:deleted":
      state.polls.delete(event.pollId);
      state.pollResults.delete(event.pollId);
      break;
    case "programme:upserted":
      state.programme.set(event.session.sessionId, event.session);
      break;
    case "programme:deleted":
      state.programme.delete(event.sessionId);
      break;
    case "call:link":
      applyCallLink(state.calls, state.breakout.round, event);
      break;
    case "call:settings":
      state.calls.settings = event.settings;
      break;
    default: {
      const exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** A room's link counts for the current round only (a late event of an older round changes nothing). */
function applyCallLink(
  calls: CallsCopy,
  round: RoundView | null,
  event: Extract<WorkshopEvent, { type: "call:link" }>,
): void {
  if (event.roomId === null) {
    calls.plenary = event.url;
    return;
  }
  if (round?.roundId !== event.roundId) return;
  if (event.url === null) calls.rooms.delete(event.roomId);
  else calls.rooms.set(event.roomId, event.url);
}
