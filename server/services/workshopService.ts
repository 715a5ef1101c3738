import { countsFor, isListedToAll, isPeopleEvent, type Viewer } from "../../shared/audience.js";
import type { RoundCounts } from "../../shared/breakout.js";
import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import { normalizeJoinCode, type ParticipantId, type WorkshopId, workshopIdOfSecret } from "../../shared/ids.js";
import type {
  ParticipantProfile,
  Role,
  SessionView,
  SyncResult,
  WorkshopSnapshot,
  WorkshopView,
} from "../../shared/workshop.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { Actor, CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { type Membership, namedRoomsOf } from "../domain/membership.js";
import { changeRole, leave, removeParticipant } from "../domain/participants.js";
import {
  isRosterPrivate,
  type ParticipantRecord,
  toParticipantProfile,
  toWorkshopView,
  type WorkshopRecord,
} from "../domain/records.js";
import type { FullSnapshot } from "../domain/snapshot.js";
import { RETENTION_TIMERS } from "../domain/timers.js";
import { eventsFor, peopleCountOf, snapshotFor, viewerInSnapshot, viewerOf } from "../domain/visibility.js";
import {
  hashSecret,
  newFacilitatorKey,
  newJoinCode,
  newParticipantId,
  newSessionToken,
  newWorkshopId,
  secretMatchesHash,
} from "../security/secrets.js";
import type { Stores } from "../store/stores.js";
import type { Authorizer } from "./authorizer.js";
import { type Decision, decideAndCommit } from "./commit.js";

export interface WorkshopOptions {
  /** How long a workshop is kept after it ends (and may sit idle before it is ended), ms. */
  retentionMs: number;
  /** New people one workshop takes per minute by its join code (counted atomically with each join). */
  joinsPerMinute?: number;
}

/**
 * The most missed events a reconnecting client is caught up with; past that it gets a snapshot,
 * which is bounded by the workshop's size where the events are not (and the read stays small).
 */
export const SYNC_EVENTS_MAX = 2000;

/** A join as the store answered it: the log's version after it and the workshop's record then. */
export interface JoinedAt {
  version: number;
  workshop: WorkshopRecord;
  role: Role;
}

/** Who a handshake admitted; `joined` when it created the person just now (else null: a resume, a retried join). */
export interface Admission {
  session: SessionView;
  joined: JoinedAt | null;
}

/** Workshops, identity and roles: every rule about who is in which workshop with which role. */
/**
 * How long one full read of a workshop may serve the first states of joins (firstSync). Each read
 * is O(people) in Redis and on the node, and a read kept this long outlives the young generation
 * (it is collected by a full GC); the joiner's catch-up from the feed grows with it instead (the
 * events of those seconds, filtered). 2 s: Redis CPU per join 0.43 -> 0.33 ms in the 2,000 storm
 * against 500 ms; 5 s measured no better (docs/PERFORMANCE.md).
 */
const SNAPSHOT_REUSE_MS = 2000;

export class WorkshopService {
  private readonly snapshotReads = new Map<WorkshopId, Promise<FullSnapshot | null>>();
  /** The last full read per workshop, for a moment (`firstSync`). */
  private readonly lastReads = new Map<WorkshopId, { full: FullSnapshot; at: number }>();

  constructor(
    private readonly stores: Stores,
    private readonly authorizer: Authorizer,
    readonly options: WorkshopOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async create(title: string): Promise<{ workshopId: WorkshopId; joinCode: string; facilitatorKey: string }> {
    // A join code can collide with a live one; draw again (32^6 codes make this rare).
    for (let attempt = 0; ; attempt++) {
      const workshopId = newWorkshopId();
      const joinCode = newJoinCode();
      const facilitatorKey = newFacilitatorKey(workshopId);
      try {
        await this.stores.workshops.createWorkshop({
          workshopId,
          title,
          joinCode,
          status: "active",
          createdAt: this.now(),
          facilitatorKeyHash: hashSecret(facilitatorKey),
          // Survivors speak at these forums: new questions and polls start anonymous, and
          // participants see each other only as a count until a facilitator opens the roster.
          anonymousByDefault: true,
          rosterPrivate: true,
        });
        // A workshop nobody uses for the whole retention period is ended, then deleted after another.
        await this.stores.timers.scheduleTimer(
          workshopId,
          RETENTION_TIMERS.idle,
          this.now() + this.options.retentionMs,
          "exact",
        );
        return { workshopId, joinCode, facilitatorKey };
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== "CONFLICT" || attempt >= 5) throw error;
      }
    }
  }

  /** `connectionId`: the joining socket, so the person is online from their first event. */
  async joinWithCode(
    joinCode: string,
    displayName: string,
    connectionId?: string,
    joinId?: string,
  ): Promise<SessionView> {
    return (await this.joinWorkshop(await this.workshopOfJoinCode(joinCode), displayName, connectionId, joinId))
      .session;
  }

  /**
   * The workshop a join code opens (read only: a caller may check other limits meanwhile).
   * Whether it is still active is checked by the join itself, atomically.
   */
  async workshopOfJoinCode(joinCode: string): Promise<WorkshopId> {
    const workshopId = await this.stores.workshops.findWorkshopIdByJoinCode(normalizeJoinCode(joinCode));
    if (!workshopId) throw new DomainError("INVALID_JOIN_CODE", "no workshop has this join code");
    return workshopId;
  }

  /** A new participant in the workshop of a join code (`workshopOfJoinCode`). */
  async joinWorkshop(
    workshopId: WorkshopId,
    displayName: string,
    connectionId?: string,
    joinId?: string,
  ): Promise<Admission> {
    try {
      return await this.addPerson(workshopId, displayName, "participant", connectionId, joinId);
    } catch (error) {
      // Deleted since its join code was read: to the joiner, the code opens nothing.
      if (error instanceof DomainError && error.code === "NOT_FOUND") {
        throw new DomainError("INVALID_JOIN_CODE", "no workshop has this join code");
      }
      throw error;
    }
  }

  async joinAsFacilitator(
    facilitatorKey: string,
    displayName: string,
    connectionId?: string,
    joinId?: string,
  ): Promise<Admission> {
    const workshopId = workshopIdOfSecret(facilitatorKey);
    const workshop = workshopId ? await this.stores.workshops.getWorkshop(workshopId) : null;
    if (!workshop || !secretMatchesHash(facilitatorKey, workshop.facilitatorKeyHash)) {
      throw new DomainError("UNAUTHORIZED", "facilitator key not recognised");
    }
    if (workshop.status !== "active") throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
    return this.addPerson(workshop.workshopId, displayName, "facilitator", connectionId, joinId);
  }

  /** Who a session token belongs to, whatever state the person and the workshop are in. */
  async contextOfToken(sessionToken: string): Promise<{ actor: ParticipantRecord; workshop: WorkshopRecord }> {
    const workshopId = workshopIdOfSecret(sessionToken);
    const participantId = workshopId
      ? await this.stores.workshops.findParticipantIdBySession(workshopId, hashSecret(sessionToken))
      : null;
    if (workshopId && !participantId && !(await this.stores.workshops.getWorkshop(workshopId))) {
      // Deleted (by a facilitator, or by retention) while this person was away: say so.
      throw new DomainError("NOT_FOUND", "this workshop no longer exists");
    }
    if (!workshopId || !participantId) throw new DomainError("UNAUTHORIZED", "session not recognised");
    return this.authorizer.loadContext({ workshopId, participantId });
  }

  async resume(sessionToken: string): Promise<SessionView> {
    const { actor, workshop } = await this.contextOfToken(sessionToken);
    const { workshopId } = workshop;
    const { participantId } = actor;
    if (actor.status !== "active") throw new DomainError("SESSION_REVOKED", "your session has ended");
    if (workshop.status !== "active") throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
    return { workshopId, participantId, role: actor.role, displayName: actor.displayName, sessionToken };
  }

  /**
   * What a (re)connecting or gap-seeing client needs: the events it missed (only those it may
   * see) when the log still has them, else a full snapshot filtered for it.
   */
  async sync(who: Actor, sinceVersion: number | undefined, watchesRoster: boolean): Promise<SyncResult> {
    if (sinceVersion !== undefined) {
      const events = await this.stores.workshops.eventsSince(who.workshopId, sinceVersion, SYNC_EVENTS_MAX + 1);
      // A client "from the future" (store restarted empty) or too far behind gets the full state;
      // so does one that missed more than a snapshot is worth (a round's assignment of thousands).
      if (
        events !== null &&
        events.length <= SYNC_EVENTS_MAX &&
        sinceVersion <= (await this.stores.workshops.currentVersion(who.workshopId))
      ) {
        const { viewer, counts } = await this.viewerAndCounts(who, watchesRoster);
        const visible = eventsFor(events, viewer);
        if (visible !== null) {
          const catchUp: SyncResult = { kind: "events", fromVersion: sinceVersion + 1, events: visible, counts };
          // People's events change the counts, which travel outside the log: read them now.
          if (!events.some(isPeopleEvent)) return catchUp;
          const full = await this.sharedFullSnapshot(who.workshopId);
          return full ? { ...catchUp, people: peopleCountOf(full) } : catchUp;
        }
      }
    }
    return { kind: "snapshot", snapshot: await this.snapshotFor(who, watchesRoster) };
  }

  /**
   * A connection's first state. A resume that says what it has is `sync`. A fresh join is cut
   * from a read of the workshop no older than SNAPSHOT_REUSE_MS and at `reusableFrom` or later
   * (the event feed sends what came after it, filtered, right after: server/realtime/eventFeed.ts
   * `register`), for the viewer its membership says (the joiner may be newer than the read): a
   * join storm then costs one O(people) read a moment, not one per handful of joins.
   */
  async firstSync(
    who: Actor,
    sinceVersion: number | undefined,
    membership: Membership,
    reusableFrom: number | null,
  ): Promise<SyncResult> {
    if (sinceVersion !== undefined || reusableFrom === null)
      return this.sync(who, sinceVersion, membership.watchesRoster);
    const full = await this.recentFullSnapshot(who.workshopId, reusableFrom);
    if (!full) throw new DomainError("NOT_FOUND", "no such workshop");
    // Cut for the viewer as of the read (what the client's copy will say it is), as any snapshot
    // followed by events is; someone newer than the read takes their role from their membership.
    const viewer =
      viewerInSnapshot(full, who.participantId, membership.watchesRoster) ??
      viewerOf(membership, full.workshop, full.breakout.round, null, membership.watchesRoster);
    return { kind: "snapshot", snapshot: snapshotFor(full, viewer) };
  }

  /**
   * The round's head-counts now, as the membership may see them (they travel outside the log: a
   * first state caught up by the feed needs them). `selfSelect`: whether the round lets people
   * pick their room (the caller knows it from its copy; no read here).
   */
  async roundCounts(who: Actor, membership: Membership, selfSelect: boolean): Promise<RoundCounts | null> {
    const { roundId } = membership;
    if (!roundId) return null;
    const counts = await this.stores.breakout.getCounts(who.workshopId, roundId);
    return { roundId, counts: countsFor(counts, membership, membership.assignedRoom, selfSelect) };
  }

  private async recentFullSnapshot(workshopId: WorkshopId, reusableFrom: number): Promise<FullSnapshot | null> {
    const kept = this.lastReads.get(workshopId);
    if (kept && kept.full.version >= reusableFrom && this.now() - kept.at < SNAPSHOT_REUSE_MS) return kept.full;
    const full = await this.sharedFullSnapshot(workshopId);
    if (!full) return null;
    const entry = { full, at: this.now() };
    this.lastReads.set(workshopId, entry);
    // Held for a moment only: a workshop nobody joins any more keeps no copy here.
    setTimeout(() => {
      if (this.lastReads.get(workshopId) === entry) this.lastReads.delete(workshopId);
    }, SNAPSHOT_REUSE_MS).unref();
    return full;
  }

  async snapshotFor(who: Actor, watchesRoster: boolean): Promise<WorkshopSnapshot> {
    const full = await this.sharedFullSnapshot(who.workshopId);
    const viewer = full ? viewerInSnapshot(full, who.participantId, watchesRoster) : null;
    if (!full || !viewer) throw new DomainError("NOT_FOUND", "no such workshop");
    return snapshotFor(full, viewer);
  }

  /** What the event feed needs to filter for one socket, as of now (and the version it is valid for). */
  async membership(who: Actor, watchesRoster: boolean): Promise<Membership & { sinceVersion: number }> {
    // Asked in this order in one round trip: a store answers in order (Redis: one connection per
    // slot, a pipeline), so the version is read no later than the person and the workshop, and
    // the feed replays onto this membership whatever came after it.
    const [sinceVersion, { actor, workshop }] = await Promise.all([
      this.stores.workshops.currentVersion(who.workshopId),
      this.authorizer.loadContext(who),
    ]);
    const roundId = workshop.currentRoundId;
    const [round, assignment] = roundId
      ? await Promise.all([
          this.stores.breakout.getRound(who.workshopId, roundId),
          this.stores.breakout.getAssignment(who.workshopId, roundId, who.participantId),
        ])
      : [null, null];
    const assignedRoom = round ? assignment : null;
    return {
      participantId: who.participantId,
      role: actor.role,
      roundId: round?.roundId ?? null,
      running: isRunning(round),
      assignedRoom,
      rosterPrivate: isRosterPrivate(workshop),
      namedRooms: namedRoomsOf(round),
      watchesRoster,
      sinceVersion,
    };
  }

  /**
   * A join storm asks for the same workshop's snapshot hundreds of times a second: callers
   * that arrive while a read is in flight share it. The shared snapshot may be a few ms
   * older than the caller's arrival; versions make that safe (the client catches up from
   * the log like after any gap).
   */
  private sharedFullSnapshot(workshopId: WorkshopId): Promise<FullSnapshot | null> {
    const inFlight = this.snapshotReads.get(workshopId);
    if (inFlight) return inFlight;
    const read = this.stores.workshops.fullSnapshot(workshopId).finally(() => this.snapshotReads.delete(workshopId));
    this.snapshotReads.set(workshopId, read);
    return read;
  }

  /** The viewer as of now: role, and their room in the current round while it runs. */
  async viewer(who: Actor, watchesRoster: boolean): Promise<Viewer> {
    return (await this.viewerAndCounts(who, watchesRoster)).viewer;
  }

  /** The viewer now, and the current round's head-counts (a catch-up carries them: they are not in the log). */
  private async viewerAndCounts(
    who: Actor,
    watchesRoster: boolean,
  ): Promise<{ viewer: Viewer; counts: RoundCounts | null }> {
    const { actor, workshop } = await this.authorizer.loadContext(who);
    const roundId = workshop.currentRoundId;
    if (!roundId) return { viewer: viewerOf(actor, workshop, null, null, watchesRoster), counts: null };
    const [round, roomId, counts] = await Promise.all([
      this.stores.breakout.getRound(who.workshopId, roundId),
      this.stores.breakout.getAssignment(who.workshopId, roundId, who.participantId),
      this.stores.breakout.getCounts(who.workshopId, roundId),
    ]);
    return {
      viewer: viewerOf(actor, workshop, round, roomId, watchesRoster),
      counts: { roundId, counts: countsFor(counts, actor, roomId, round?.selfSelect ?? false) },
    };
  }

  setRole(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"participant:setRole">,
  ): Promise<CommandResult<"participant:setRole">> {
    let change: { before: ParticipantProfile; after: ParticipantProfile } | null = null;
    return this.decideAndCommit(
      who.workshopId,
      command,
      async () => {
        const { actor } = who;
        const target = await this.stores.workshops.getParticipant(who.workshopId, payload.participantId);
        const next = changeRole(actor, target, payload.role);
        const view = toParticipantProfile(next);
        change = { before: toParticipantProfile(target ?? next), after: view };
        return {
          writes: [{ kind: "participant", expected: target, next }],
          events: [{ type: "participant:upserted", participant: view }],
          result: view,
        };
      },
      () => this.announceIfNewlyListed(who, change),
    );
  }

  remove(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"participant:remove">,
  ): Promise<CommandResult<"participant:remove">> {
    return this.decideAndCommit(who.workshopId, command, async () => {
      const { actor } = who;
      const target = await this.stores.workshops.getParticipant(who.workshopId, payload.participantId);
      const next = removeParticipant(actor, target);
      return {
        writes: [{ kind: "participant", expected: target, next }],
        events: [{ type: "participant:removed", participantId: next.participantId, reason: "removed" }],
        result: { participantId: next.participantId },
      };
    });
  }

  leave(who: CommandContext, command: CommandRef): Promise<CommandResult<"session:leave">> {
    return this.decideAndCommit(who.workshopId, command, async () => {
      // Read again: the record is what this write replaces (compare-and-set).
      const { actor } = await this.authorizer.loadContext(who);
      return {
        writes: [{ kind: "participant", expected: actor, next: leave(actor) }],
        events: [{ type: "participant:removed", participantId: actor.participantId, reason: "left" }],
        result: {},
      };
    });
  }

  end(who: CommandContext, command: CommandRef): Promise<CommandResult<"workshop:end">> {
    return this.endWorkshop(who.workshopId, command, () => this.freshWorkshop(who.workshopId));
  }

  /** The retention clock ends a workshop nobody has used for the whole retention period. */
  endIdle(workshopId: WorkshopId): Promise<CommandResult<"workshop:end">> {
    return this.endWorkshop(workshopId, { actorId: "clock", commandId: `idle-end-${workshopId}` }, async () => {
      const workshop = await this.stores.workshops.getWorkshop(workshopId);
      if (!workshop) throw new DomainError("NOT_FOUND", "no such workshop");
      if (workshop.status !== "active") throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
      return workshop;
    });
  }

  /**
   * Ends the workshop: everyone's session ends (the feed revokes them on every node from the
   * event), and in the same atomic step the salt of anonymous voter keys is destroyed: from now
   * on no anonymous ballot or upvote can be tied to anyone, not even with the server's key.
   * The workshop is deleted for good `retentionMs` later (its retention timer says when).
   */
  private async endWorkshop(
    workshopId: WorkshopId,
    command: CommandRef,
    current: () => Promise<WorkshopRecord>,
  ): Promise<CommandResult<"workshop:end">> {
    const ended = await decideAndCommit(
      this.stores.workshops,
      workshopId,
      command,
      async () => {
        const workshop = await current();
        const endedAt = this.now();
        const next: WorkshopRecord = {
          ...workshop,
          status: "ended",
          endedAt,
          deleteAt: endedAt + this.options.retentionMs,
        };
        const view = toWorkshopView(next);
        return {
          writes: [{ kind: "workshop", expected: workshop, next }],
          events: [{ type: "workshop:updated", workshop: view }],
          result: view,
        };
      },
      { forgetVoterSalt: true },
    );
    // Also on a retry: the first attempt may have died before it.
    if (ended.deleteAt !== null) {
      await this.stores.timers.scheduleTimer(workshopId, RETENTION_TIMERS.purge, ended.deleteAt, "exact");
    }
    return ended;
  }

  setAnonymityDefault(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"workshop:setAnonymityDefault">,
  ): Promise<CommandResult<"workshop:setAnonymityDefault">> {
    return this.changeSettings(who, command, { anonymousByDefault: payload.anonymousByDefault });
  }

  setRosterPrivacy(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"workshop:setRosterPrivacy">,
  ): Promise<CommandResult<"workshop:setRosterPrivacy">> {
    return this.changeSettings(who, command, { rosterPrivate: payload.rosterPrivate });
  }

  /** A workshop setting everyone sees (`workshop:updated`), compared and set on the record as it is now. */
  private changeSettings(
    who: CommandContext,
    command: CommandRef,
    settings: Pick<Partial<WorkshopRecord>, "anonymousByDefault" | "rosterPrivate">,
  ): Promise<WorkshopView> {
    return this.decideAndCommit(who.workshopId, command, async () => {
      const workshop = await this.freshWorkshop(who.workshopId);
      const next: WorkshopRecord = { ...workshop, ...settings };
      const view = toWorkshopView(next);
      return {
        writes: [{ kind: "workshop", expected: workshop, next }],
        events: [{ type: "workshop:updated", workshop: view }],
        result: view,
      };
    });
  }

  /** A person shows or hides their own name to other participants (only themself, never someone else). */
  setListed(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"participant:setListed">,
  ): Promise<CommandResult<"participant:setListed">> {
    let change: { before: ParticipantProfile; after: ParticipantProfile } | null = null;
    return this.decideAndCommit(
      who.workshopId,
      command,
      async () => {
        // Read again: the record is what this write replaces (compare-and-set).
        const { actor } = await this.authorizer.loadContext(who);
        const next: ParticipantRecord = { ...actor, listed: payload.listed };
        const view = toParticipantProfile(next);
        change = { before: toParticipantProfile(actor), after: view };
        return {
          writes: [{ kind: "participant", expected: actor, next }],
          events: [{ type: "participant:upserted", participant: view }],
          result: view,
        };
      },
      () => this.announceIfNewlyListed(who, change),
    );
  }

  /**
   * People who come to see someone by a change of their profile (listed, made staff) never
   * received their presence: log it after the change, read and logged atomically (a presence
   * read here and put in the profile's event could be overtaken by a disconnect).
   */
  private async announceIfNewlyListed(
    who: CommandContext,
    change: { before: ParticipantProfile; after: ParticipantProfile } | null,
  ): Promise<void> {
    // Under an open roster everyone already follows everyone's presence.
    if (!change || isListedToAll(change.before) || !isListedToAll(change.after)) return;
    if (isRosterPrivate(who.workshop)) await this.stores.presence.announce(who.workshopId, change.after.participantId);
  }

  /**
   * The workshop record as it is now: a command that replaces it compares with this (the one the
   * wrapper authorized with may be a conflict behind).
   */
  async freshWorkshop(workshopId: WorkshopId): Promise<WorkshopRecord> {
    const workshop = await this.stores.workshops.getWorkshop(workshopId);
    if (!workshop) throw new DomainError("NOT_FOUND", "no such workshop");
    return workshop;
  }

  private decideAndCommit<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    decide: () => Promise<Decision<T>>,
    onApplied?: () => Promise<void>,
  ) {
    return decideAndCommit(this.stores.workshops, workshopId, command, decide, onApplied ? { onApplied } : undefined);
  }

  private async addPerson(
    workshopId: WorkshopId,
    displayName: string,
    role: Role,
    connectionId?: string,
    joinId?: string,
  ): Promise<Admission> {
    const participantId = newParticipantId();
    const sessionToken = newSessionToken(workshopId);
    const record: ParticipantRecord = { participantId, displayName, role, status: "active", joinedAt: this.now() };
    // A leaked join code cannot flood a forum: new people per minute, counted with the join itself.
    const joinLimit =
      role === "participant" && this.options.joinsPerMinute !== undefined
        ? { perWindow: this.options.joinsPerMinute, windowMs: 60_000 }
        : undefined;
    const added = await this.stores.workshops.addParticipant(workshopId, {
      record,
      sessionTokenHash: hashSecret(sessionToken),
      ...(connectionId ? { connectionId } : {}),
      ...(joinId ? { joinId } : {}),
      ...(joinLimit ? { joinLimit } : {}),
    });
    if ("limited" in added)
      throw new DomainError("RATE_LIMITED", "too many people are joining right now; try again in a minute");
    if ("ended" in added) throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
    if (added.participantId === participantId) {
      return {
        session: { workshopId, participantId, role, displayName, sessionToken },
        joined: { version: added.version, workshop: added.workshop, role },
      };
    }
    // A retried join: the person its first attempt created, if they are still in.
    const earlier = await this.stores.workshops.getParticipant(workshopId, added.participantId);
    if (earlier?.status !== "active") throw new DomainError("SESSION_REVOKED", "your session has ended");
    const session = {
      workshopId,
      participantId: earlier.participantId,
      role: earlier.role,
      displayName: earlier.displayName,
      sessionToken,
    };
    // Someone who may have moved since their first attempt: their membership is read, not known.
    return { session, joined: null };
  }

  /**
   * The membership of someone who just joined (`Admission.joined`), as of their join's version,
   * without reading it: new, so in no room; the workshop as the join script saw it. Null while a
   * round exists (its rooms and their names need reading).
   */
  membershipOfJoin(
    participantId: ParticipantId,
    joined: JoinedAt,
    watchesRoster: boolean,
  ): (Membership & { sinceVersion: number }) | null {
    if (joined.workshop.currentRoundId) return null;
    return {
      participantId,
      role: joined.role,
      roundId: null,
      running: false,
      assignedRoom: null,
      rosterPrivate: isRosterPrivate(joined.workshop),
      namedRooms: namedRoomsOf(null),
      watchesRoster,
      sinceVersion: joined.version,
    };
  }
}
