import { describe, expect, it } from "vitest";
import { changeRole, leave, removeParticipant } from "../../server/domain/participants.js";
import { authorize, policy } from "../../server/domain/policy.js";
import type { ParticipantRecord, WorkshopRecord } from "../../server/domain/records.js";
import { commandNames } from "../../shared/events.js";
import { RoleSchema } from "../../shared/workshop.js";

const workshop: WorkshopRecord = {
  workshopId: "w000000000000001",
  title: "T",
  joinCode: "ABCDEF",
  status: "active",
  createdAt: 0,
  facilitatorKeyHash: "h",
};
const person = (id: string, role: ParticipantRecord["role"], status: ParticipantRecord["status"] = "active") => ({
  participantId: `p${id.padEnd(15, "0")}`,
  displayName: id,
  role,
  status,
  joinedAt: 0,
});
const host = person("host", "facilitator");
const guest = person("guest", "participant");

describe("policy table", () => {
  it("has a rule for every command", () => {
    expect(Object.keys(policy).sort()).toEqual([...commandNames].sort());
  });

  it("facilitators may run every command but taking a support request (the safeguarding leads' alone)", () => {
    const notForFacilitators = commandNames.filter(
      (command) => !(policy[command].roles as readonly string[]).includes("facilitator"),
    );
    expect(notForFacilitators).toEqual(["support:take"]);
  });

  it.each(commandNames)("%s: each role exactly where the table says", (command) => {
    const rule = policy[command];
    for (const role of RoleSchema.options) {
      const attempt = () => authorize(command, person("x", role), workshop);
      if ((rule.roles as readonly string[]).includes(role)) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });

  it("refuses removed, departed and unknown sessions before anything else", () => {
    for (const actor of [person("r", "facilitator", "removed"), person("l", "facilitator", "left"), null]) {
      expect(() => authorize("workshop:sync", actor, workshop)).toThrow(
        expect.objectContaining({ code: "SESSION_REVOKED" }),
      );
    }
  });

  it("an ended workshop allows reading and leaving only", () => {
    const ended = { ...workshop, status: "ended" as const };
    expect(() => authorize("workshop:sync", host, ended)).not.toThrow();
    expect(() => authorize("session:leave", guest, ended)).not.toThrow();
    expect(() => authorize("participant:setRole", host, ended)).toThrow(
      expect.objectContaining({ code: "WORKSHOP_ENDED" }),
    );
  });
});

describe("participant rules", () => {
  it("changes someone else's role, never your own", () => {
    expect(changeRole(host, guest, "note-taker").role).toBe("note-taker");
    expect(() => changeRole(host, host, "participant")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
  it("cannot act on people who are gone", () => {
    for (const target of [null, person("gone", "participant", "removed"), person("left", "participant", "left")]) {
      expect(() => changeRole(host, target, "note-taker")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
      expect(() => removeParticipant(host, target)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    }
  });
  it("removal and leaving leave a tombstone, not a deletion", () => {
    expect(removeParticipant(host, guest)).toEqual({ ...guest, status: "removed" });
    expect(leave(guest)).toEqual({ ...guest, status: "left" });
    expect(() => removeParticipant(host, host)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
