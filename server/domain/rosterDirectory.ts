import { isListedToAll, type PeopleContext, seesPerson, type Viewer } from "../../shared/audience.js";
import { isRoundRunning, type RoundView, withRoundStatus } from "../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../shared/ids.js";
import {
  type PeopleCount,
  type Role,
  type RosterEntry,
  rosterEntry,
  type WorkshopEvent,
} from "../../shared/workshop.js";
import { RoundContents } from "./breakout/roundContents.js";
import { isRosterPrivate } from "./records.js";
import type { FullSnapshot } from "./snapshot.js";

interface PersonFacts {
  displayName: string;
  role: Role;
  listed: boolean;
  online: boolean;
}

/**
 * What the audience of people's events depends on, moved along the log one event at a time (the
 * event feed keeps one per workshop it serves): the roster setting, every active person's name,
 * role, listing and presence, and who sits in which room of the current round. It is also the
 * roster a socket that opens the people list is given (`rosterFor`), and what a room's people
 * are told when they arrive in it (`breakout:room`, with `contents`), at the very version their
 * events go on from. Read once from a
 * consistent snapshot, so at every version it is exactly the store's state at that version; the
 * people counts it gives are those a snapshot at that version holds.
 */
export class RosterDirectory implements PeopleContext {
  rosterPrivate: boolean;
  private readonly people = new Map<ParticipantId, PersonFacts>();
  /** How many of `people` are online. */
  private online = 0;
  private round: RoundView | null;
  private rooms = new Map<ParticipantId, RoomId>();
  /** The same seats by room: a room's people without a pass over everyone. */
  private roomMembers = new Map<RoomId, Set<ParticipantId>>();
  /** The current round's help requests, banners, room polls and call links, at the same version. */
  readonly contents: RoundContents;

  constructor(
    full: FullSnapshot,
    /** The version the directory holds the state of. */
    public version = full.version,
  ) {
    this.rosterPrivate = isRosterPrivate(full.workshop);
    for (const person of full.participants) {
      if (person.status === "active") {
        this.setPerson(person.participantId, {
          displayName: person.displayName,
          role: person.role,
          listed: person.listed ?? false,
          online: person.online,
        });
      }
    }
    this.round = full.breakout.round;
    for (const [participantId, roomId] of full.breakout.assignments) this.seat(participantId, roomId);
    this.contents = new RoundContents(full);
  }

  /** The current round (planned, running or over), as of `version`. */
  get currentRound(): RoundView | null {
    return this.round;
  }

  /** The person's room in the current round, running or not. */
  seatOf(participantId: ParticipantId): RoomId | null {
    return this.rooms.get(participantId) ?? null;
  }

  /** The people placed in one room of the current round. */
  membersOf(roomId: RoomId): ParticipantId[] {
    return [...(this.roomMembers.get(roomId) ?? [])];
  }

  /** One active person's roster entry (null: not an active person). */
  entryOf(participantId: ParticipantId): RosterEntry | null {
    const person = this.people.get(participantId);
    return person ? rosterEntry({ participantId, ...person }) : null;
  }

  private seat(participantId: ParticipantId, roomId: RoomId | null): void {
    const before = this.rooms.get(participantId);
    if (before !== undefined) this.roomMembers.get(before)?.delete(participantId);
    if (roomId === null) {
      this.rooms.delete(participantId);
      return;
    }
    this.rooms.set(participantId, roomId);
    const members = this.roomMembers.get(roomId);
    if (members) members.add(participantId);
    else this.roomMembers.set(roomId, new Set([participantId]));
  }

  listedToAll(participantId: ParticipantId): boolean {
    const person = this.people.get(participantId);
    return person !== undefined && isListedToAll(person);
  }

  roomOf(participantId: ParticipantId): RoomId | null {
    return isRoundRunning(this.round) ? (this.rooms.get(participantId) ?? null) : null;
  }

  /** The active people one viewer is sent (shared/audience.ts `seesPerson`), as of `version`. */
  rosterFor(viewer: Viewer): RosterEntry[] {
    const roster: RosterEntry[] = [];
    for (const [participantId, person] of this.people) {
      if (seesPerson(viewer, { participantId, ...person }, this.roomOf(participantId))) {
        roster.push(rosterEntry({ participantId, ...person }));
      }
    }
    return roster;
  }

  /** O(1): asked for every batch and quiet batch, at 10,000 people a pass over them all was most of a batch. */
  count(): PeopleCount {
    return { version: this.version, active: this.people.size, online: this.online };
  }

  /** Sets one person's facts, keeping the online count in step. */
  private setPerson(participantId: ParticipantId, facts: PersonFacts | null): void {
    const before = this.people.get(participantId);
    if (before?.online) this.online--;
    if (facts === null) this.people.delete(participantId);
    else {
      this.people.set(participantId, facts);
      if (facts.online) this.online++;
    }
  }

  /** Moves the directory past one event (in log order). */
  apply(event: WorkshopEvent): void {
    this.version = Math.max(this.version, event.v);
    switch (event.type) {
      case "participant:upserted": {
        const { participantId, displayName, role, listed } = event.participant;
        const known = this.people.get(participantId);
        this.setPerson(participantId, { displayName, role, listed, online: event.online ?? known?.online ?? false });
        break;
      }
      case "participant:presence": {
        const known = this.people.get(event.participantId);
        if (known) this.setPerson(event.participantId, { ...known, online: event.online });
        break;
      }
      case "participant:removed":
        this.setPerson(event.participantId, null);
        break;
      case "workshop:updated":
        this.rosterPrivate = event.workshop.rosterPrivate;
        break;
      case "breakout:round":
        if (this.round?.roundId !== event.round.roundId) {
          this.rooms = new Map();
          this.roomMembers = new Map();
        }
        this.round = event.round;
        break;
      case "breakout:roundStatus":
        this.round = withRoundStatus(this.round, event);
        break;
      case "breakout:assigned":
        if (this.round?.roundId === event.roundId) this.seat(event.participantId, event.roomId);
        break;
      default:
        break;
    }
    this.contents.apply(event);
  }
}
