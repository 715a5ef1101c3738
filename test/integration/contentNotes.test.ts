import { describe, expect, it } from "vitest";
import { CONTENT_NOTE_MAX } from "../../shared/contentNote.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId } from "../helpers/client.js";
import { createPoll, singleChoice } from "../helpers/polls.js";
import { serverForThisTest } from "../helpers/server.js";

const NOTE = "Discusses sexual exploitation";

describe("content notes on polls", () => {
  it("a poll's content note reaches every voter with the poll, kept as written (trimmed); junk notes are refused", async () => {
    const server = await serverForThisTest({ store: "redis" });
    const { host, people } = await workshopWithPeople([server.url], 2);
    const poll = await createPoll(host, singleChoice({ contentNote: `  ${NOTE} ` }));
    expect(poll.definition.contentNote).toBe(NOTE);
    for (const person of people) {
      await person.mirror.until((state) => state.polls.get(poll.pollId)?.status === "open");
      expect(person.mirror.state.polls.get(poll.pollId)?.definition.contentNote).toBe(NOTE);
    }
    // A poll without one carries none.
    const plain = await createPoll(host, singleChoice());
    expect("contentNote" in plain.definition).toBe(false);

    for (const contentNote of ["", "   ", "two\nlines", "a\u202Ereversed", "x".repeat(CONTENT_NOTE_MAX + 1), 7]) {
      const answer = await host.send("poll:create", {
        commandId: newCommandId(),
        definition: { ...singleChoice(), contentNote } as never,
        open: true,
      });
      expect({ contentNote, answer }).toMatchObject({
        contentNote,
        answer: { ok: false, error: { code: "BAD_REQUEST" } },
      });
    }
    expect(
      (
        await host.send("poll:create", {
          commandId: newCommandId(),
          definition: singleChoice({ contentNote: "é".repeat(CONTENT_NOTE_MAX) }),
          open: false,
        })
      ).ok,
    ).toBe(true);
  });

  it("a room's content note reaches its people and the room picker's readers with the round; junk notes are refused", async () => {
    const server = await serverForThisTest({ store: "redis" });
    const { host, people } = await workshopWithPeople([server.url], 2);
    const planned = await planRound(host, [{ name: "Testimonies", contentNote: ` ${NOTE}` }, { name: "Policy" }], {
      selfSelect: true,
    });
    expect(planned.rooms.map((room) => room.contentNote)).toEqual([NOTE, undefined]);
    await openRound(host, planned);
    for (const person of people) {
      await person.mirror.until((state) => state.breakout.round?.status === "open");
      expect(person.mirror.state.breakout.round?.rooms.map((room) => room.contentNote)).toEqual([NOTE, undefined]);
    }
    const junk = await host.send("breakout:plan", {
      commandId: newCommandId(),
      rooms: [{ name: "Room", contentNote: "two\nlines" }],
      durationSeconds: 600,
    });
    expect(junk).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
  });
});
