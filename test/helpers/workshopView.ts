import type { WorkshopView } from "../../shared/workshop.js";

/** A running workshop's view for unit tests of a client's copy (the roster private unless told). */
export function workshopViewFixture(rosterPrivate = true): WorkshopView {
  return {
    workshopId: "w000000000000001",
    title: "T",
    joinCode: "ABCDEF",
    status: "active",
    createdAt: 0,
    reportAttribution: "none",
    anonymousByDefault: true,
    rosterPrivate,
    endedAt: null,
    deleteAt: null,
  };
}
