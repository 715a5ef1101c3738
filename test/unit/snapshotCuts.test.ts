import { describe, expect, it } from "vitest";
import type { ParticipantRecord, WorkshopRecord } from "../../server/domain/records.js";
import type { FullSnapshot } from "../../server/domain/snapshot.js";
import { snapshotFor, viewerInSnapshot } from "../../server/domain/visibility.js";
import { seesAssignment, seesPerson, seesTags, seesWholeRoster } from "../../shared/audience.js";
import type { RoundView, Tags } from "../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../shared/ids.js";
import type { Role } from "../../shared/workshop.js";

/**
 * A viewer's snapshot is cut from indexes (themself, their room) instead of judging every person
 * and every seat: the cut must be exactly what THE rules (shared/audience.ts) give when every
 * person and seat is judged, for every kind of viewer.
 */

const roles: Role[] = ["participant", "participant", "participant", "facilitator", "note-taker", "safeguarding-lead"];
const rooms: RoomId[] = ["rnamed", "rquiet", "rother"];

function fullSnapshot(rosterPrivate: boolean, running: boolean): FullSnapshot {
  const participants: FullSnapshot["participants"] = [];
  const assignments = new Map<ParticipantId, RoomId>();
  const tags = new Map<ParticipantId, Tags>();
  for (let index = 0; index < 60; index++) {
    const participantId = `p${String(index).padStart(15, "0")}`;
    const record: ParticipantRecord & { online: boolean } = {
      participantId,
      displayName: `Person ${index}`,
      role: roles[index % roles.length] as Role,
      status: index % 11 === 5 ? "removed" : index % 13 === 7 ? "left" : "active",
      joinedAt: index,
      online: index % 3 !== 0,
      ...(index % 7 === 2 ? { listed: true } : {}),
    };
    participants.push(record);
    // Every fifth person sits nowhere; the others spread over three rooms.
    if (index % 5 !== 4) assignments.set(participantId, rooms[index % rooms.length] as RoomId);
    if (index % 4 === 1) tags.set(participantId, { language: "th" });
  }
  const round: RoundView = {
    roundId: "round1",
    number: 1,
    status: running ? "open" : "planned",
    rooms: rooms.map((roomId) => ({
      roomId,
      name: roomId,
      topic: "",
      capacity: null,
      leadId: null,
      closed: false,
      ...(roomId === "rnamed" ? { namesVisible: true } : {}),
    })),
    durationSeconds: 600,
    warningSeconds: 60,
    endsAt: running ? 1_000_000 : null,
    selfSelect: false,
    createdAt: 0,
  };
  const workshop: WorkshopRecord = {
    workshopId: "wcuts",
    title: "Cuts",
    joinCode: "ABCDEF",
    status: "active",
    createdAt: 0,
    facilitatorKeyHash: "x",
    currentRoundId: round.roundId,
    rosterPrivate,
  };
  return {
    version: 42,
    workshop,
    participants,
    breakout: { round, assignments, counts: {}, helps: [], broadcasts: [], tags },
    polls: [],
    notesAccess: [],
    programme: [],
    calls: null,
  };
}

describe("a viewer's snapshot cut from indexes", () => {
  for (const rosterPrivate of [true, false]) {
    for (const running of [true, false]) {
      it(`equals every person and seat judged by the rules (roster ${rosterPrivate ? "private" : "open"}, round ${running ? "running" : "planned"})`, () => {
        const full = fullSnapshot(rosterPrivate, running);
        let viewers = 0;
        for (const person of full.participants) {
          for (const watchesRoster of [false, true]) {
            const viewer = viewerInSnapshot(full, person.participantId, watchesRoster);
            expect(viewer?.participantId).toBe(person.participantId);
            if (!viewer) continue;
            viewers++;
            const snapshot = snapshotFor(full, viewer);

            const active = full.participants.filter((participant) => participant.status === "active");
            const expectedPeople = active
              .filter((participant) =>
                seesPerson(
                  viewer,
                  { ...participant, listed: participant.listed === true },
                  full.breakout.assignments.get(participant.participantId) ?? null,
                ),
              )
              .map((participant) => participant.participantId);
            const shownPeople = snapshot.roster.map(([participantId]) => participantId);
            expect([...shownPeople].sort()).toEqual([...expectedPeople].sort());
            expect(new Set(shownPeople).size).toBe(shownPeople.length);
            expect(snapshot.wholeRoster).toBe(seesWholeRoster(viewer));

            const expectedSeats = Object.fromEntries(
              [...full.breakout.assignments].filter(([participantId, roomId]) =>
                seesAssignment(viewer, participantId, roomId),
              ),
            );
            expect(snapshot.breakout.assignments).toEqual(expectedSeats);

            const expectedTags = Object.fromEntries(
              [...full.breakout.tags].filter(([participantId]) => seesTags(viewer, participantId)),
            );
            expect(snapshot.breakout.tags).toEqual(expectedTags);
          }
        }
        expect(viewers).toBe(120);
      });
    }
  }

  it("a person missing from the read has no viewer in it", () => {
    expect(viewerInSnapshot(fullSnapshot(true, true), "pnobody000000000", false)).toBeNull();
  });
});
