import { describe, expect, it } from "vitest";
import {
  audienceOf,
  canSee,
  type PeopleContext,
  seesAssignment,
  seesPerson,
  type Viewer,
} from "../../shared/audience.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { applyEventBatch, applySnapshot, emptyWorkshopState } from "../../shared/workshopState.js";
import { workshopViewFixture } from "../helpers/workshopView.js";

/** THE roster rule (shared/audience.ts) on its own: who may know of whom under a private roster. */

const named = "mnamed0000001";
const quiet = "mquiet0000001";
const participant = (participantId: string, roomId: string | null, roomNamesVisible = false): Viewer => ({
  participantId,
  role: "participant",
  roomId,
  rosterPrivate: true,
  roomNamesVisible,
  watchesRoster: false,
});
const ana = participant("pana000000000000", named, true);
const dawit = participant("pdawit0000000000", quiet);
const lead: Viewer = { ...participant("plead00000000000", null), role: "safeguarding-lead" };
const hidden = { participantId: "phidden000000000", role: "participant" as const, listed: false };

/** Where people sit as of an event: `hidden` in the room that shows names. */
const people: PeopleContext = {
  rosterPrivate: true,
  listedToAll: (participantId) => participantId === "plisted000000000",
  roomOf: (participantId) => (participantId === hidden.participantId ? named : null),
};

describe("roster privacy rule", () => {
  it("a participant knows themself, staff, the listed and named roommates; nobody else", () => {
    expect(seesPerson(dawit, hidden, null)).toBe(false);
    expect(seesPerson(dawit, { ...hidden, listed: true }, null)).toBe(true);
    expect(seesPerson(dawit, { ...hidden, role: "safeguarding-lead" }, null)).toBe(true);
    expect(seesPerson(dawit, hidden, quiet)).toBe(false);
    expect(seesPerson(ana, hidden, named)).toBe(true);
    expect(seesPerson(ana, hidden, quiet)).toBe(false);
    expect(seesPerson(lead, hidden, null)).toBe(true);
    // An open roster: everyone may be known, but only a watcher of the list is sent everyone.
    expect(seesPerson({ ...dawit, rosterPrivate: false, watchesRoster: true }, hidden, null)).toBe(true);
    expect(seesPerson({ ...dawit, rosterPrivate: false }, hidden, null)).toBe(false);
    expect(seesPerson({ ...dawit, rosterPrivate: false }, hidden, dawit.roomId)).toBe(true);
    // Watching a private roster widens nothing.
    expect(seesPerson({ ...dawit, watchesRoster: true }, hidden, null)).toBe(false);
  });

  it("seats: a room that hides names shows a participant their own seat only", () => {
    expect(seesAssignment(dawit, dawit.participantId, quiet)).toBe(true);
    expect(seesAssignment(dawit, hidden.participantId, quiet)).toBe(false);
    expect(seesAssignment(ana, hidden.participantId, named)).toBe(true);
    expect(seesAssignment({ ...dawit, rosterPrivate: false }, hidden.participantId, quiet)).toBe(true);
  });

  it("people's events reach staff, the person and a room that shows names; a listed person's reach everyone", () => {
    const presence: WorkshopEvent = {
      v: 1,
      type: "participant:presence",
      participantId: hidden.participantId,
      online: true,
    };
    expect(canSee(dawit, audienceOf(presence, people))).toBe(false);
    expect(canSee(ana, audienceOf(presence, people))).toBe(true);
    expect(canSee(lead, audienceOf(presence, people))).toBe(true);
    expect(canSee({ ...dawit, participantId: hidden.participantId }, audienceOf(presence, people))).toBe(true);
    const listed: WorkshopEvent = { ...presence, participantId: "plisted000000000" };
    expect(canSee(dawit, audienceOf(listed, people))).toBe(true);
  });

  it("an un-listing reaches everyone who held the person; a listing too", () => {
    const unlisting: WorkshopEvent = {
      v: 2,
      type: "participant:upserted",
      participant: { participantId: "plisted000000000", displayName: "L", role: "participant", listed: false },
    };
    expect(canSee(dawit, audienceOf(unlisting, people))).toBe(true);
    const listing: WorkshopEvent = {
      v: 3,
      type: "participant:upserted",
      participant: { ...hidden, displayName: "H", listed: true },
    };
    expect(canSee(dawit, audienceOf(listing, people))).toBe(true);
  });

  it("a move is seen by a room only where its people may see each other", () => {
    const move: WorkshopEvent = {
      v: 4,
      type: "breakout:assigned",
      roundId: "r",
      participantId: hidden.participantId,
      roomId: quiet,
      fromRoomId: named,
    };
    expect(canSee(dawit, audienceOf(move, people))).toBe(false);
    expect(canSee(ana, audienceOf(move, people))).toBe(true);
  });
});

describe("a private copy (shared/workshopState.ts)", () => {
  const workshop = workshopViewFixture();
  const self = dawit.participantId;
  function privateCopy() {
    const state = emptyWorkshopState(self);
    applySnapshot(state, {
      version: 1,
      workshop,
      roster: [[self, "Dawit", "participant", true, false]],
      wholeRoster: false,
      people: { version: 1, active: 3, online: 3 },
      breakout: { round: null, assignments: {}, counts: {}, helps: [], broadcasts: [], tags: {} },
      polls: [],
      notesAccess: [],
      programme: [],
      calls: { plenary: null, rooms: {}, settings: null },
    });
    return state;
  }

  it("drops a person who takes their name back, keeps staff and the listed", () => {
    const state = privateCopy();
    const listed = { participantId: "plisted000000000", displayName: "L", role: "participant" as const, listed: true };
    applyEventBatch(state, {
      fromVersion: 2,
      toVersion: 3,
      events: [
        { v: 2, type: "participant:upserted", participant: listed, online: true },
        { v: 3, type: "participant:upserted", participant: { ...listed, listed: false } },
      ],
    });
    expect([...state.participants.keys()]).toEqual([self]);
  });

  it("a batch in which the roster opened and closed again still asks a watcher for a snapshot (presence it never had)", () => {
    const state = privateCopy();
    state.watchesRoster = true;
    applyEventBatch(state, {
      fromVersion: 2,
      toVersion: 3,
      events: [
        { v: 2, type: "workshop:updated", workshop: { ...workshop, rosterPrivate: false } },
        { v: 3, type: "workshop:updated", workshop },
      ],
    });
    expect(state.needsSnapshot).toBe(true);
  });

  it("the roster opening asks nothing of a participant who does not watch the list: they are sent the same people", () => {
    const state = privateCopy();
    applyEventBatch(state, {
      fromVersion: 2,
      toVersion: 2,
      events: [{ v: 2, type: "workshop:updated", workshop: { ...workshop, rosterPrivate: false } }],
    });
    expect(state.needsSnapshot).toBe(false);
    expect(state.needsRoster).toBe(false);
  });
});
