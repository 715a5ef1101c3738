import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  appServerForThisTest,
  assignAutomatically,
  createAndEnter,
  joinByLink,
  openPerson,
  openRound,
  useBrowser,
  waitForPeople,
  workshopWithPeople,
} from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));
const NOTE = "Discusses sexual exploitation";
const QUESTION = "Which support helped you most after you left?";

describe("content notes in a real browser", () => {
  it("a poll with a content note: a participant on a phone reads the note first, skips it, opens it later and votes; nothing about the choice leaves the tab", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima");
    const host = facilitator.page;
    const link = await createAndEnter(host, server.url, "Regional forum on safe migration", "Fatima");

    // Every Socket.IO event Amal's tab sends (engine.io pings aside), from her first connection on.
    const amal = await openPerson(browser(), "Amal", 360);
    const sent: string[] = [];
    amal.page.on("websocket", (socket) => {
      socket.on("framesent", ({ payload }) => {
        if (typeof payload === "string" && payload.startsWith("42")) sent.push(payload);
      });
    });
    await joinByLink(amal, link);
    await waitForPeople(host, 2, { allOnline: true });

    // The facilitator writes the note in the builder and opens the poll.
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-question").fill(QUESTION);
    await builder.getByTestId("poll-option-input").nth(0).fill("Peer support");
    await builder.getByTestId("poll-option-input").nth(1).fill("Legal aid");
    await builder.getByTestId("poll-content-note-input").fill(NOTE);
    await builder.getByTestId("poll-open-now").click();
    const hostCard = host.locator('[data-testid="poll-card"][data-status="open"]');
    await hostCard.waitFor();
    const pollId = (await hostCard.getAttribute("data-poll-id")) ?? "";
    // The facilitator sees the note beside the question they wrote.
    expect(await hostCard.getByTestId("poll-content-note-managed").textContent()).toContain(NOTE);
    expect(await hostCard.getByTestId("poll-question-text").textContent()).toBe(QUESTION);

    // Amal gets the note, not the question: not on screen, not announced.
    const card = amal.page.locator(`[data-testid="poll-card"][data-poll-id="${pollId}"]`);
    const gate = card.getByTestId("poll-content-note");
    await gate.waitFor();
    expect(await gate.textContent()).toContain(NOTE);
    expect(await card.getByTestId("poll-question-text").count()).toBe(0);
    expect(await card.getByTestId("vote-option").count()).toBe(0);
    expect(await amal.page.getByTestId("poll-announcer").textContent()).toBe(`New poll with a content note: ${NOTE}`);
    expect(await amal.page.content()).not.toContain(QUESTION);
    await amal.page.screenshot({ path: `${ARTIFACTS}content-note-poll.png` });

    const sentBefore = sent.length;
    await gate.getByTestId("poll-content-note-skip").click();
    await card.locator('[data-testid="poll-content-note"][data-choice="skipped"]').waitFor();
    expect(await card.getByTestId("poll-question-text").count()).toBe(0);
    // Later she changes her mind.
    await gate.getByTestId("poll-content-note-show").click();
    await card.getByTestId("poll-question-text").waitFor();
    expect(await card.getByTestId("poll-content-note-shown").textContent()).toContain(NOTE);
    // Reading and skipping sent nothing at all.
    expect(sent.slice(sentBefore)).toEqual([]);

    await card.locator('[data-testid="vote-option"][data-option-id="b"]').click();
    await card.getByTestId("vote-submit").click();
    await card.getByTestId("my-vote").waitFor();
    await host.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid="poll-card"][data-poll-id="${id}"] [data-testid="poll-participation"]`)
          ?.textContent === "1 of 1 voted",
      pollId,
    );
    expect([...facilitator.problems, ...amal.problems]).toEqual([]);
  });

  it("a room with a content note: its people read the note before the room's questions, notes and people; help stays in reach", {
    timeout: 180_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Regional forum on safe migration",
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 360 }, { name: "Bo" }],
      allOnline: true,
    });
    const host = facilitator.page;
    await host.getByTestId("plan-count").fill("2");
    await expect.poll(() => host.getByTestId("plan-room").count()).toBe(2);
    await host.getByTestId("plan-room-name").nth(0).fill("Testimonies");
    await host.getByTestId("plan-room-content-note").nth(0).fill(NOTE);
    await host.getByTestId("plan-room-name").nth(1).fill("Policy");
    await host.getByTestId("plan-submit").click();
    await host.locator('[data-testid="round-bar"][data-status="planned"]').waitFor();
    await assignAutomatically(host, 2);
    await openRound(host);

    // Whoever was placed in Testimonies (one of the two: the rooms are balanced).
    const placed = await Promise.all(
      people.map(async (person) => {
        await person.page.getByTestId("room-name").waitFor();
        return { person, room: await person.page.getByTestId("room-name").textContent() };
      }),
    );
    const inNoted = placed.find((entry) => entry.room === "Testimonies")?.person;
    const inPlain = placed.find((entry) => entry.room === "Policy")?.person;
    if (!inNoted || !inPlain) throw new Error(`rooms: ${JSON.stringify(placed.map((entry) => entry.room))}`);
    const room = inNoted.page.getByTestId("room-view");
    const gate = room.getByTestId("room-content-note");
    await gate.waitFor();
    expect(await gate.textContent()).toContain(NOTE);
    expect(await room.getByTestId("qna-panel").count()).toBe(0);
    expect(await room.getByTestId("room-people").count()).toBe(0);
    // Help, and the way back, stay in reach.
    expect(await room.getByTestId("help-request").count()).toBe(1);
    expect(await room.getByTestId("leave-room").count()).toBe(1);
    await inNoted.page.screenshot({ path: `${ARTIFACTS}content-note-room.png` });
    // The other room has no note.
    await inPlain.page.getByTestId("room-view").getByTestId("qna-panel").waitFor();
    expect(await inPlain.page.getByTestId("room-content-note").count()).toBe(0);

    await gate.getByTestId("room-content-note-skip").click();
    await room.locator('[data-testid="room-content-note"][data-choice="skipped"]').waitFor();
    await gate.getByTestId("room-content-note-show").click();
    await room.getByTestId("qna-panel").waitFor();
    await room.getByTestId("room-people").waitFor();
    expect([...facilitator.problems, ...people.flatMap((person) => person.problems)]).toEqual([]);
  });
});
