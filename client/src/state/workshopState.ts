import { batch, computed, signal } from "@preact/signals";
import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { ParticipantId, RoomId, RoundId } from "../../../shared/ids.js";
import type { Ballot, PollId, PollResultsUpdate, PollView } from "../../../shared/poll.js";
import { orderedProgramme } from "../../../shared/programme.js";
import type {
  EventBatch,
  ParticipantView,
  PeopleCount,
  RoomAnswer,
  RosterWatchAnswer,
  SyncResult,
  WorkshopView,
} from "../../../shared/workshop.js";
import {
  applyCounts,
  applyEventBatch,
  applyPollResults,
  applyRoomState,
  applyRosterWatch,
  applySyncResult,
  type BatchOutcome,
  currentRoomOf,
  emptyWorkshopState,
  setWatchingRoster,
  type WorkshopState,
} from "../../../shared/workshopState.js";
import { locale } from "../i18n/index.js";

export type { EventBatch } from "../../../shared/workshop.js";
export type CountsUpdate = { roundId: RoundId; counts: Record<string, number> };
export type RoomRef = { roundId: RoundId; roomId: RoomId };

const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });

/** Facilitators first, then by name; the id breaks ties so the order is stable. */
export function compareParticipants(a: ParticipantView, b: ParticipantView): number {
  const aFirst = a.role === "facilitator" ? 0 : 1;
  const bFirst = b.role === "facilitator" ? 0 : 1;
  if (aFirst !== bFirst) return aFirst - bFirst;
  const byName = collator.compare(a.displayName, b.displayName);
  if (byName !== 0) return byName;
  return a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0;
}

const EMPTY: readonly ParticipantView[] = [];

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

function roomKey(room: RoomRef): string {
  return `${room.roundId}/${room.roomId}`;
}

/**
 * The browser's copy of one workshop. The rules for applying snapshots, batches, head-counts
 * and room answers are the shared ones (shared/workshopState.ts, the same the tests use);
 * this class only makes them observable. Participants and assignments stay in Maps (O(1)
 * per event) and one `revision` signal tells views that something changed, so a batch of k
 * events costs O(k) to apply plus one pass over the lists when a view next reads them.
 * Head-counts have their own signal: they arrive often and only the room cards read them.
 */
export class ReactiveWorkshopState {
  private state: WorkshopState = emptyWorkshopState();
  private readonly revision = signal(0);
  /** The room answer already merged (or known from a snapshot), one being fetched, one that was refused. */
  private fetchedRoom: string | null = null;
  private pendingRoom: string | null = null;
  private refusedRoom: string | null = null;
  private previousMembers = new Map<RoomId, readonly ParticipantView[]>();
  private readonly roundNumbers = new Map<RoundId, number>();

  readonly workshop = signal<WorkshopView | null>(null);
  readonly round = signal<RoundView | null>(null);
  readonly counts = signal<Readonly<Record<string, number>>>({});
  /** How many people are here and online, whoever the viewer may see by name. */
  readonly people = signal<PeopleCount>({ version: -1, active: 0, online: 0 });
  readonly broadcasts = signal<readonly BroadcastView[]>([]);
  readonly helps = signal<readonly HelpView[]>([]);
  /** Rounds seen by this tab (number and id), for "reuse the groups of round N". */
  readonly knownRounds = signal<readonly { roundId: RoundId; number: number }[]>([]);
  /** Polls the viewer may see (drafts only for their managers), in no particular order. */
  readonly polls = signal<readonly PollView[]>([]);
  /** Latest results per poll, as far as the viewer may see them. Own signal: results arrive often. */
  readonly pollResults = signal<ReadonlyMap<PollId, PollResultsUpdate>>(new Map());
  /** The viewer's own ballots (from vote acks and `poll:mine`). */
  readonly myBallots = signal<ReadonlyMap<PollId, Ballot>>(new Map());
  /** Polls whose ballot the viewer took back in this tab (a poll that forbids changes takes no new vote from them). */
  readonly retracted = signal<ReadonlySet<PollId>>(new Set());

  get version(): number {
    return this.state.version;
  }

  /** Bumped by every change this copy makes visible (what to keep for offline is saved after it). */
  readonly changes = computed(() => this.revision.value);

  /** The whole copy, as plain data (client/src/state/lastState.ts keeps it in the tab). */
  exportState(): WorkshopState {
    return this.state;
  }

  /**
   * A copy this tab kept (the last state seen before a reload): shown at once, offline included;
   * the next `session:ready` brings what changed since its version.
   */
  restoreState(state: WorkshopState): void {
    this.changed(() => {
      this.state = state;
      this.forgetRooms();
      const room = this.assignedRoom();
      this.fetchedRoom = room ? roomKey(room) : null;
    });
  }

  get hasSnapshot(): boolean {
    return this.state.version >= 0;
  }

  get selfId(): ParticipantId | null {
    return this.state.selfId;
  }

  readonly sorted = computed(() => {
    this.revision.value;
    return [...this.state.participants.values()].sort(compareParticipants);
  });

  readonly onlineCount = computed(() => {
    this.revision.value;
    let online = 0;
    for (const participant of this.state.participants.values()) if (participant.online) online++;
    return online;
  });

  /** The programme's sessions, in programme order (everyone sees all of them). */
  readonly programme = computed(() => {
    this.revision.value;
    return orderedProgramme(this.state.programme.values());
  });

  readonly total = computed(() => {
    this.revision.value;
    return this.state.participants.size;
  });

  /** The viewer's room while the round runs (null: the plenary). */
  readonly myRoomId = computed(() => {
    this.revision.value;
    return currentRoomOf(this.state, this.state.selfId);
  });

  /** The viewer's room in the current round whatever its status (planned rounds included). */
  readonly myAssignment = computed(() => {
    this.revision.value;
    const self = this.state.selfId;
    return self ? (this.state.breakout.assignments.get(self) ?? null) : null;
  });

  /**
   * People per room, sorted, as far as the viewer may see. A room whose people did not change
   * keeps the very same array, so a memoized room card skips its render.
   */
  readonly membersByRoom = computed<ReadonlyMap<RoomId, readonly ParticipantView[]>>(() => {
    this.revision.value;
    const grouped = new Map<RoomId, ParticipantView[]>();
    for (const [participantId, roomId] of this.state.breakout.assignments) {
      const participant = this.state.participants.get(participantId);
      if (!participant) continue;
      let members = grouped.get(roomId);
      if (!members) {
        members = [];
        grouped.set(roomId, members);
      }
      members.push(participant);
    }
    const result = new Map<RoomId, readonly ParticipantView[]>();
    for (const [roomId, members] of grouped) {
      members.sort(compareParticipants);
      const previous = this.previousMembers.get(roomId);
      result.set(roomId, previous && sameItems(previous, members) ? previous : members);
    }
    this.previousMembers = result;
    return result;
  });

  membersOf(roomId: RoomId): readonly ParticipantView[] {
    return this.membersByRoom.value.get(roomId) ?? EMPTY;
  }

  /** Reactive lookup: a view calling this re-renders when the list changes. */
  participant(participantId: ParticipantId): ParticipantView | undefined {
    this.revision.value;
    return this.state.participants.get(participantId);
  }

  /** Not reactive: for memoized views that get their updates through props. */
  peekParticipant(participantId: ParticipantId): ParticipantView | undefined {
    return this.state.participants.get(participantId);
  }

  /** Reactive: the room of anyone the viewer may see (null: the plenary, or not visible). */
  roomOf(participantId: ParticipantId): RoomId | null {
    this.revision.value;
    return this.state.breakout.assignments.get(participantId) ?? null;
  }

  /** Reactive: whether a facilitator opened this notes document to everyone (in its room) for editing. */
  notesOpenToAll(docId: string): boolean {
    this.revision.value;
    return this.state.notesOpenToAll.has(docId);
  }

  /** Reactive: the plenary's call link (shared/calls.ts), or null. */
  readonly plenaryCall = computed(() => {
    this.revision.value;
    return this.state.calls.plenary;
  });

  /** Reactive: the call settings (template, pasted links), facilitators only; null for everyone else. */
  readonly callSettings = computed(() => {
    this.revision.value;
    return this.state.calls.settings;
  });

  /** Reactive: a room's call link, when the viewer may see it (their room; any room for facilitators). */
  callOf(roomId: RoomId): string | null {
    this.revision.value;
    return this.state.calls.rooms.get(roomId) ?? null;
  }

  /** Reactive: someone's tags, when the viewer may see them (facilitators, or yourself). */
  tagsOf(participantId: ParticipantId): Tags {
    this.revision.value;
    return this.state.breakout.tags.get(participantId) ?? {};
  }

  /** A new session in this tab: the state starts over, built for this viewer. */
  setSelf(participantId: ParticipantId): void {
    if (this.state.selfId === participantId) return;
    this.retracted.value = new Set();
    this.changed(() => {
      this.state = emptyWorkshopState(participantId);
      this.forgetRooms();
    });
  }

  reset(): void {
    this.retracted.value = new Set();
    this.changed(() => {
      this.state = emptyWorkshopState();
      this.forgetRooms();
      this.roundNumbers.clear();
    });
  }

  /** A pushed batch: "ignored" before the first snapshot or when already applied, "gap" when facts are missing. */
  applyBatch(eventBatch: EventBatch): BatchOutcome {
    let outcome: BatchOutcome = "ignored";
    this.changed(() => {
      outcome = applyEventBatch(this.state, eventBatch);
    });
    return outcome;
  }

  /** The answer of `workshop:sync`, or the `sync` of `session:ready`. False: it did not fit, take a snapshot. */
  applySync(result: SyncResult): boolean {
    let fitted = false;
    this.changed(() => {
      fitted = applySyncResult(this.state, result);
      if (fitted && result.kind === "snapshot") {
        // A snapshot already holds what the viewer may see of their own room.
        const room = this.assignedRoom();
        this.fetchedRoom = room ? roomKey(room) : null;
        this.refusedRoom = null;
      }
    });
    return fitted;
  }

  /** Coalesced head-counts (latest wins): only the count signal changes, nothing else re-renders. */
  applyCounts(update: CountsUpdate): void {
    applyCounts(this.state, update);
    this.counts.value = this.state.breakout.counts;
  }

  /** Pushed results (`poll:results`): the highest tallyVersion wins; only the results signal changes. */
  applyPollResults(update: PollResultsUpdate): void {
    if (!applyPollResults(this.state, update)) return;
    this.pollResults.value = new Map(this.state.pollResults);
  }

  /** The viewer's own ballot, from the ack of their vote. */
  recordBallot(pollId: PollId, ballot: Ballot): void {
    this.state.myBallots.set(pollId, ballot);
    this.myBallots.value = new Map(this.state.myBallots);
    if (this.retracted.value.has(pollId)) {
      const retracted = new Set(this.retracted.value);
      retracted.delete(pollId);
      this.retracted.value = retracted;
    }
  }

  /** The viewer took their ballot back (`poll:retract`): the card shows no ballot; in a poll that forbids changes, none again. */
  forgetBallot(pollId: PollId): void {
    this.state.myBallots.delete(pollId);
    this.myBallots.value = new Map(this.state.myBallots);
    const retracted = new Set(this.retracted.value);
    retracted.add(pollId);
    this.retracted.value = retracted;
  }

  /**
   * The answer of `poll:mine`: the server's ballots win; a ballot it does not list is kept
   * (a vote acknowledged while the question travelled). `retracted`: polls without vote change
   * where the viewer took theirs back (after a reload the card still says they cannot vote again).
   */
  applyMyBallots(ballots: Readonly<Record<string, Ballot>>, retracted: readonly PollId[] = []): void {
    for (const [pollId, ballot] of Object.entries(ballots)) this.state.myBallots.set(pollId, ballot);
    this.myBallots.value = new Map(this.state.myBallots);
    if (retracted.length > 0) this.retracted.value = new Set([...this.retracted.value, ...retracted]);
  }

  /** The people list is open: the next connection asks for every person too (handshake `watchRoster`). */
  get watchesRoster(): boolean {
    return this.state.watchesRoster;
  }

  /** The copy lacks the whole roster the open list needs: ask `roster:watch` (client/src/net/roster.ts). */
  get rosterNeeded(): boolean {
    return this.state.needsRoster;
  }

  /** Opens or closes the people list: closing drops at once the people no longer sent. */
  setWatchingRoster(watching: boolean): void {
    if (this.state.watchesRoster === watching && !watching) return;
    this.changed(() => setWatchingRoster(this.state, watching));
  }

  /** The `roster:watch` answer; false when it did not fit this copy's version (ask again). */
  applyRosterWatch(answer: RosterWatchAnswer): boolean {
    let fitted = false;
    this.changed(() => {
      fitted = applyRosterWatch(this.state, answer);
    });
    return fitted;
  }

  /**
   * Whether the viewer came to see everything (promoted to facilitator) and needs a snapshot.
   * Only a snapshot applied clears it, so a failed ask is asked again after the next batch.
   */
  get snapshotNeeded(): boolean {
    return this.state.needsSnapshot;
  }

  /**
   * The viewer's room whose people, help requests and banners should be fetched now: after the
   * rules flagged a move (`roomChanged`), or a room this tab has not loaded yet. Clears the flag:
   * the caller fetches it once and hands the answer to applyRoom (or reports a refusal).
   */
  roomToFetch(): (RoomRef & { moved: boolean }) | null {
    const room = this.assignedRoom();
    const moved = this.state.roomChanged;
    this.state.roomChanged = false;
    if (!room) return null;
    const key = roomKey(room);
    if (key === this.pendingRoom) return null;
    if (!moved && (key === this.fetchedRoom || key === this.refusedRoom)) return null;
    this.pendingRoom = key;
    return { ...room, moved };
  }

  /**
   * Merges the answer, unless the viewer moved on while it travelled (the next fetch brings the
   * new room). False when the answer was older than the copy: the caller asks again.
   */
  applyRoom(room: RoomAnswer): boolean {
    const key = roomKey(room);
    if (this.pendingRoom === key) this.pendingRoom = null;
    const current = this.assignedRoom();
    if (!current || roomKey(current) !== key) return true;
    let applied = true;
    this.changed(() => {
      applied = applyRoomState(this.state, room);
      if (applied) this.fetchedRoom = key;
    });
    return applied;
  }

  /** The server would not give this room's state: do not ask again until the viewer moves. */
  roomRefused(room: RoomRef): void {
    const key = roomKey(room);
    if (this.pendingRoom === key) this.pendingRoom = null;
    this.refusedRoom = key;
  }

  /** The connection changed while the fetch was out: the answer is dropped, a later batch may ask again. */
  roomFetchAbandoned(room: RoomRef): void {
    if (this.pendingRoom === roomKey(room)) this.pendingRoom = null;
  }

  /** The viewer's room while the round runs: before it opens the server shows nobody a room's people. */
  private assignedRoom(): RoomRef | null {
    const round = this.state.breakout.round;
    const roomId = currentRoomOf(this.state, this.state.selfId);
    return round && roomId ? { roundId: round.roundId, roomId } : null;
  }

  private forgetRooms(): void {
    this.fetchedRoom = null;
    this.pendingRoom = null;
    this.refusedRoom = null;
    this.previousMembers = new Map();
  }

  private changed(mutate: () => void): void {
    batch(() => {
      mutate();
      const { breakout } = this.state;
      this.workshop.value = this.state.workshop;
      this.round.value = breakout.round;
      this.counts.value = breakout.counts;
      this.people.value = this.state.people;
      this.broadcasts.value = breakout.broadcasts;
      const helps = [...breakout.helps.values()];
      if (!sameItems(helps, this.helps.value)) this.helps.value = helps;
      const polls = [...this.state.polls.values()];
      if (!sameItems(polls, this.polls.value)) this.polls.value = polls;
      if (!sameMap(this.state.pollResults, this.pollResults.value))
        this.pollResults.value = new Map(this.state.pollResults);
      if (!sameMap(this.state.myBallots, this.myBallots.value)) this.myBallots.value = new Map(this.state.myBallots);
      const round = breakout.round;
      if (round && this.roundNumbers.get(round.roundId) !== round.number) {
        this.roundNumbers.set(round.roundId, round.number);
        this.knownRounds.value = [...this.roundNumbers]
          .map(([roundId, number]) => ({ roundId, number }))
          .sort((a, b) => a.number - b.number);
      } else if (!round && this.roundNumbers.size === 0 && this.knownRounds.value.length > 0) {
        this.knownRounds.value = [];
      }
      this.revision.value++;
    });
  }
}

/** The one workshop this tab is in. */
export const workshopState = new ReactiveWorkshopState();
