import { describe, expect, it } from "vitest";
import {
  type CallsRecord,
  callEvents,
  callsForRound,
  emptyCallsRecord,
  roomCallLink,
  roundCallLinks,
} from "../../server/domain/calls.js";
import type { RoundView } from "../../shared/breakout.js";
import {
  CALL_URL_MAX,
  CallTemplateSchema,
  CallUrlSchema,
  callLinkProblem,
  callTemplateProblem,
  expandCallTemplate,
} from "../../shared/calls.js";
import { commands } from "../../shared/events.js";
import { applyEventBatch, applyRoomState, applySnapshot, emptyWorkshopState } from "../../shared/workshopState.js";
import { workshopViewFixture } from "../helpers/workshopView.js";

describe("call links: what is accepted (shared/calls.ts)", () => {
  it.each([
    "https://meet.jit.si/asia-forum-room-7",
    "https://us02web.zoom.us/j/81234567890?pwd=aBcD1234eFgH",
    "https://bbb.example.org/b/ana-x7k-2mq",
    "https://meet.example.org:8443/room#config.startWithVideoMuted=true",
  ])("accepts %s", (url) => {
    expect(callLinkProblem(url)).toBeNull();
    expect(CallUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ["http://meet.jit.si/room", "https"],
    ["javascript:alert(1)", "https"],
    ["ftp://example.org/room", "https"],
    ["data:text/html,<script>alert(1)</script>", "https"],
    ["meet.jit.si/room", "malformed"],
    ["https://", "malformed"],
    ["not a link", "whitespace"],
    ["https://user:secret@meet.example.org/room", "credentials"],
    ["https://user@meet.example.org/room", "credentials"],
    ["https://meet.example.org/ room", "whitespace"],
    [" https://meet.example.org/room", "whitespace"],
    ["https://meet.example.org/room\n", "whitespace"],
    ["https://meet.example.org/\u202Emoor", "whitespace"],
    ["https://meet.example.org/\u200Broom", "whitespace"],
    ["https://meet.example.org/\u0000", "whitespace"],
    ["https://meet.example.org/{room}", "placeholder"],
    ["", "length"],
    [`https://meet.example.org/${"a".repeat(CALL_URL_MAX)}`, "length"],
  ])("refuses %j (%s)", (url, problem) => {
    expect(callLinkProblem(url)).toBe(problem);
    expect(CallUrlSchema.safeParse(url).success).toBe(false);
  });

  it("refuses a link that is not a string at all", () => {
    for (const junk of [null, 42, {}, ["https://a.example.org"], undefined]) {
      expect(CallUrlSchema.safeParse(junk).success).toBe(false);
    }
  });

  it("templates: {room} required, {workshop} allowed, nothing else in braces, https once filled in", () => {
    expect(callTemplateProblem("https://meet.jit.si/forum-{workshop}-{room}")).toBeNull();
    expect(callTemplateProblem("https://{room}.rooms.example.org/")).toBeNull();
    expect(callTemplateProblem("https://meet.jit.si/forum")).toBe("needsRoom");
    expect(callTemplateProblem("https://meet.jit.si/{workshop}")).toBe("needsRoom");
    expect(callTemplateProblem("https://meet.jit.si/{room}-{name}")).toBe("placeholder");
    expect(callTemplateProblem("https://meet.jit.si/{room}}")).toBe("placeholder");
    expect(callTemplateProblem("https://meet.jit.si/{ room }")).toBe("placeholder");
    expect(callTemplateProblem("http://meet.jit.si/{room}")).toBe("https");
    expect(callTemplateProblem("https://me:pw@meet.jit.si/{room}")).toBe("credentials");
    expect(callTemplateProblem("https://meet.jit.si/{room} x")).toBe("whitespace");
    // Long enough that the filled-in link would pass the bound.
    const long = `https://meet.example.org/${"a".repeat(CALL_URL_MAX - 40)}{room}{room}`;
    expect(callTemplateProblem(long)).toBe("length");
    expect(CallTemplateSchema.safeParse("https://meet.jit.si/{room}").success).toBe(true);
  });

  it("the commands refuse what the rule refuses (one schema: junk gets BAD_REQUEST)", () => {
    const base = { commandId: "cmd-0123456789" };
    expect(commands["call:setPlenary"].payload.safeParse({ ...base, url: null }).success).toBe(true);
    expect(commands["call:setPlenary"].payload.safeParse({ ...base, url: "http://x.example.org" }).success).toBe(false);
    expect(commands["call:setTemplate"].payload.safeParse({ ...base, template: "https://x.org/{room}" }).success).toBe(
      true,
    );
    expect(commands["call:setTemplate"].payload.safeParse({ ...base, template: "https://x.org/{nope}" }).success).toBe(
      false,
    );
    expect(
      commands["call:setRoom"].payload.safeParse({
        ...base,
        roundId: "r00000000000a",
        roomId: "m00000000000a",
        url: "https://x.org/{room}",
      }).success,
    ).toBe(false);
  });

  it("fills a template in", () => {
    expect(
      expandCallTemplate("https://meet.jit.si/f-{workshop}-{room}/{room}", { workshop: "w1", room: "2-3-ab" }),
    ).toBe("https://meet.jit.si/f-w1-2-3-ab/2-3-ab");
  });
});

function round(rooms: string[], number = 1, roundId = "r00000000000a"): RoundView {
  return {
    roundId,
    number,
    status: "open",
    rooms: rooms.map((roomId, index) => ({
      roomId,
      name: `Room ${index + 1}`,
      topic: "",
      capacity: null,
      leadId: null,
      closed: false,
    })),
    durationSeconds: 600,
    warningSeconds: 60,
    endsAt: null,
    selfSelect: false,
    createdAt: 0,
  };
}

function counter(): () => string {
  let next = 0;
  return () => `s${(next++).toString().padStart(7, "0")}`;
}

describe("call links per room (server/domain/calls.ts)", () => {
  const roundOne = round(["m0000000000a1", "m0000000000a2"]);

  it("a room's slug is its round and room number with a random part, never its name", () => {
    const record = callsForRound(null, roundOne, counter());
    expect(record.roomSlugs).toEqual({ m0000000000a1: "1-1-s0000001", m0000000000a2: "1-2-s0000002" });
    const templated: CallsRecord = { ...record, template: "https://meet.jit.si/f-{workshop}-{room}" };
    expect(roomCallLink(templated, roundOne.roundId, "m0000000000a2")).toBe(
      "https://meet.jit.si/f-s0000000-1-2-s0000002",
    );
    expect(JSON.stringify([...roundCallLinks(templated, roundOne).values()])).not.toContain("Room");
  });

  it("a pasted link wins over the template; another round's record gives no link", () => {
    const record: CallsRecord = {
      ...callsForRound(null, roundOne, counter()),
      template: "https://meet.jit.si/{room}",
      pasted: { m0000000000a1: "https://zoom.example.org/j/1?pwd=x" },
    };
    expect(roomCallLink(record, roundOne.roundId, "m0000000000a1")).toBe("https://zoom.example.org/j/1?pwd=x");
    expect(roomCallLink(record, "r00000000000b", "m0000000000a1")).toBeNull();
    expect(roomCallLink(emptyCallsRecord(counter()), roundOne.roundId, "m0000000000a1")).toBeNull();
  });

  it("events: one per room whose link changed (to its room), the plenary's to everyone, settings to facilitators", () => {
    const before = callsForRound(null, roundOne, counter());
    const after: CallsRecord = { ...before, template: "https://meet.jit.si/{room}", plenary: "https://p.example.org/" };
    const events = callEvents(before, after, roundOne);
    expect(events.map((event) => event.type)).toEqual(["call:link", "call:link", "call:link", "call:settings"]);
    expect(events[0]).toEqual({ type: "call:link", roundId: null, roomId: null, url: "https://p.example.org/" });
    // Nothing changed: nothing to say.
    expect(callEvents(after, after, roundOne)).toEqual([]);
    // A pasted link for a room that matches the template already changes its source, not its link.
    const same = {
      ...after,
      pasted: { m0000000000a1: roomCallLink(after, roundOne.roundId, "m0000000000a1") as string },
    };
    expect(callEvents(after, same, roundOne).map((event) => event.type)).toEqual(["call:settings"]);
  });

  it("a new round resets the pasted links and announces each new room that has one", () => {
    const first: CallsRecord = {
      ...callsForRound(null, roundOne, counter()),
      template: "https://meet.jit.si/{room}",
      pasted: { m0000000000a1: "https://x.example.org/a" },
    };
    const roundTwo = round(["m0000000000b1"], 2, "r00000000000b");
    const second = callsForRound(first, roundTwo, counter());
    expect(second.pasted).toEqual({});
    expect(second.workshopSlug).toBe(first.workshopSlug);
    expect(callEvents(first, second, roundTwo)).toEqual([
      {
        type: "call:link",
        roundId: roundTwo.roundId,
        roomId: "m0000000000b1",
        url: "https://meet.jit.si/2-1-s0000000",
      },
      { type: "call:settings", settings: { plenary: null, template: "https://meet.jit.si/{room}", pasted: {} } },
    ]);
  });
});

describe("a client's copy of call links (shared/workshopState.ts)", () => {
  const me = "pme0000000000000";
  const roundOne = round(["m0000000000a1", "m0000000000a2"]);
  function copyIn(roomId: string) {
    const state = emptyWorkshopState(me);
    applySnapshot(state, {
      version: 5,
      workshop: workshopViewFixture(),
      roster: [[me, "Me", "participant", true, false]],
      wholeRoster: false,
      people: { version: 5, active: 1, online: 1 },
      programme: [],
      breakout: { round: roundOne, assignments: { [me]: roomId }, counts: {}, helps: [], broadcasts: [], tags: {} },
      polls: [],
      notesAccess: [],
      calls: { plenary: "https://p.example.org/", rooms: { [roomId]: "https://a.example.org/1" }, settings: null },
    });
    return state;
  }

  it("moved: the old room's link leaves at once, the new one comes with the room's answer", () => {
    const state = copyIn("m0000000000a1");
    expect(state.calls.rooms.get("m0000000000a1")).toBe("https://a.example.org/1");
    applyEventBatch(state, {
      fromVersion: 6,
      toVersion: 6,
      events: [
        {
          v: 6,
          type: "breakout:assigned",
          roundId: roundOne.roundId,
          participantId: me,
          roomId: "m0000000000a2",
          fromRoomId: "m0000000000a1",
        },
      ],
    });
    expect([...state.calls.rooms]).toEqual([]);
    expect(state.roomChanged).toBe(true);
    const answer = {
      roundId: roundOne.roundId,
      roomId: "m0000000000a2",
      assignments: { [me]: "m0000000000a2" },
      helps: [],
      broadcasts: [],
      polls: [],
      call: "https://a.example.org/2",
    };
    // An answer as of a version older than the copy (a batch overtook it) is not merged: ask again.
    expect(applyRoomState(state, { ...answer, version: 5 })).toBe(false);
    expect([...state.calls.rooms]).toEqual([]);
    expect(applyRoomState(state, { ...answer, version: 6 })).toBe(true);
    expect([...state.calls.rooms]).toEqual([["m0000000000a2", "https://a.example.org/2"]]);
    expect(state.calls.plenary).toBe("https://p.example.org/");
  });

  it("a link for the viewer's room follows; settings (facilitators only) never stay with a participant", () => {
    const state = copyIn("m0000000000a1");
    applyEventBatch(state, {
      fromVersion: 6,
      toVersion: 7,
      events: [
        {
          v: 6,
          type: "call:link",
          roundId: roundOne.roundId,
          roomId: "m0000000000a1",
          url: "https://a.example.org/new",
        },
        {
          v: 7,
          type: "call:settings",
          settings: { plenary: null, template: "https://t.example.org/{room}", pasted: {} },
        },
      ],
    });
    expect(state.calls.rooms.get("m0000000000a1")).toBe("https://a.example.org/new");
    expect(state.calls.settings).toBeNull();
  });
});
