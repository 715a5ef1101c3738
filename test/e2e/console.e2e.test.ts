import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openRound, planRound } from "../helpers/breakout.js";
import {
  appServerForThisTest,
  createWorkshop,
  enterAsFacilitator,
  openPerson,
  useBrowser,
  waitForPeople,
} from "../helpers/browser.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { createPoll, singleChoice } from "../helpers/polls.js";

const browser = useBrowser();
const SCREENSHOT = fileURLToPath(new URL("../../docs/console.png", import.meta.url));
const TITLE = "Asia Regional Forum - Day 1";
const ROOMS = 40;
const PEOPLE = 200;
/** Joined this many at a time: a crowd arriving, not 200 handshakes in one tick on a 2-core box. */
const JOIN_BATCH = 50;

/** Whether the element is wholly inside the window as it is now (nothing scrolled to bring it there). */
function insideViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  }, selector);
}

function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return `${element?.id ?? ""}|${element?.dataset.testid ?? ""}|${element?.textContent ?? ""}`;
  });
}

async function joinCrowd(url: string, joinCode: string): Promise<TestClient[]> {
  const people: TestClient[] = [];
  for (let start = 0; start < PEOPLE; start += JOIN_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(JOIN_BATCH, PEOPLE - start) }, (_, offset) =>
        connectClient(url, { joinCode, displayName: `Person ${start + offset + 1}` }),
      ),
    );
    people.push(...batch);
  }
  return people;
}

describe("facilitator console (issue 16)", () => {
  it("40 rooms and 200 people at 1440x900: a help request in room 37 shows in the attention bar without scrolling, the tab title counts what waits, room 37 opens from the grid by keyboard, a co-facilitator's 'on my way' and 'I'm handling this' are named, and a phone still works", {
    timeout: 360_000,
  }, async () => {
    const server = await appServerForThisTest();
    const fatima = await openPerson(browser(), "Fatima", 1440);
    const page = fatima.page;
    const link = await createWorkshop(page, server.url, TITLE);
    const facilitatorKey = await page.getByTestId("facilitator-key").inputValue();
    await enterAsFacilitator(page, "Fatima");
    const joinCode = decodeURIComponent(new URL(link).pathname.split("/").pop() ?? "");

    // A co-facilitator (a protocol client with the same key) runs the round; 200 people join.
    const rana = await connectClient(server.url, { facilitatorKey, displayName: "Rana" });
    const people = await joinCrowd(server.url, joinCode);
    await waitForPeople(page, PEOPLE + 2);
    const noteTaker = people[0] as TestClient;
    const promoted = await rana.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: noteTaker.session.participantId,
      role: "note-taker",
    });
    expect(promoted.ok).toBe(true);

    const planned = await planRound(
      rana,
      Array.from({ length: ROOMS }, (_, index) => ({ name: `Room ${index + 1}`, capacity: 8 })),
      { durationSeconds: 45 * 60 },
    );
    const assigned = await rana.send("breakout:assign", { commandId: newCommandId(), roundId: planned.roundId });
    expect(assigned.ok).toBe(true);
    const round = await openRound(rana, planned);
    const room37 = round.rooms[36];
    if (!room37) throw new Error("no room 37");

    // The console lists every room in one table.
    await expect.poll(() => page.getByTestId("room-row").count(), { timeout: 30_000 }).toBe(ROOMS);
    await page.locator('[data-testid="console-rooms"]').waitFor();

    // The same rating question in every room: the grid shows how many voted per room.
    const poll = await createPoll(
      rana,
      singleChoice({ scope: { kind: "everyRoom", roundId: round.roundId }, resultsVisibility: "live" }),
    );
    await Promise.all(
      people.slice(0, PEOPLE / 2).map((person) =>
        person.send("poll:vote", {
          commandId: newCommandId(),
          pollId: poll.pollId,
          ballot: { kind: "single", optionId: "green" },
        }),
      ),
    );
    await page.locator('[data-testid="room-row-voted"]').first().waitFor();

    // Someone in room 37 asks for help.
    await rana.mirror.until((state) => [...state.breakout.assignments.values()].includes(room37.roomId), 30_000);
    const inRoom37 = people.find(
      (person) => rana.mirror.state.breakout.assignments.get(person.session.participantId) === room37.roomId,
    );
    if (!inRoom37) throw new Error("nobody in room 37");
    expect(await page.title()).toBe(TITLE);
    const scrollBefore = await page.evaluate(() => scrollY);
    const askedAt = performance.now();
    const asked = await inRoom37.send("help:request", { commandId: newCommandId(), text: "We lost our lead" });
    expect(asked.ok).toBe(true);
    const helpChip = `[data-testid="attention-help"][data-room-id="${room37.roomId}"][data-status="open"]`;
    await page.locator(helpChip).waitFor({ state: "visible" });
    const shownAfterMs = performance.now() - askedAt;
    // The issue asks for under 2 s; a shared 2-core box is too noisy to assert it: measured and logged.
    console.log(
      `[console e2e] help request in room 37 shown in the attention bar after ${Math.round(shownAfterMs)} ms`,
    );
    expect(await insideViewport(page, helpChip)).toBe(true);
    expect(await page.evaluate(() => scrollY)).toBe(scrollBefore);
    expect(await page.locator(helpChip).textContent()).toContain("Room 37");
    // What waits is counted in the tab title, for a facilitator looking at another tab.
    await expect.poll(() => page.title()).toBe(`(1) ${TITLE}`);

    // A pending question is counted too, and leaves the count once approved.
    const question = await people[5]?.send("qna:ask", {
      commandId: newCommandId(),
      secret: "s".repeat(43),
      boardId: "plenary",
      text: "Will the report name anyone?",
      anonymous: true,
      creditConsent: false,
    });
    expect(question?.ok).toBe(true);
    await page.locator('[data-testid="attention-questions"][data-board-id="plenary"]').waitFor();
    await expect.poll(() => page.title()).toBe(`(2) ${TITLE}`);
    if (!question?.ok) throw new Error("question refused");
    // The co-facilitator says "I'm handling this": Fatima's queue names her.
    const questionId = question.data.question.questionId;
    const claimed = await rana.send("qna:claim", { commandId: newCommandId(), questionId, claim: true });
    expect(claimed.ok).toBe(true);
    const queued = page.locator(`[data-testid="qna-queue-item"][data-question-id="${questionId}"]`);
    await expect.poll(() => queued.getByTestId("qna-claimed-by").textContent()).toBe("Rana is handling this.");
    await rana.send("qna:approve", { commandId: newCommandId(), questionId });
    await expect.poll(() => page.title()).toBe(`(1) ${TITLE}`);

    // Keyboard only: "g r" to the room search, narrow it, arrow down to Room 37, Enter.
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("g");
    await page.keyboard.press("r");
    await expect.poll(() => focusedDescription(page)).toMatch(/^console-room-search\|/);
    await page.keyboard.type("Room 3");
    // Room 3, then Room 30 ... Room 37: the ninth line.
    await expect.poll(() => page.getByTestId("room-row").count()).toBe(11);
    for (let step = 0; step < 9; step++) await page.keyboard.press("ArrowDown");
    await expect.poll(() => focusedDescription(page)).toBe("|room-row-open|Room 37");
    await page.keyboard.press("Enter");
    const pane = page.locator(`[data-testid="room-pane"][data-room-id="${room37.roomId}"]`);
    await pane.waitFor({ state: "visible" });
    await expect.poll(() => focusedDescription(page)).toBe("room-pane-heading||Room 37");
    expect(await insideViewport(page, '[data-testid="room-pane"] h3')).toBe(true);
    // The pane holds the room's help request, its people, its questions and its notes.
    await pane.locator('[data-testid="help-item"][data-status="open"]').waitFor();
    const placedIn37 = [...rana.mirror.state.breakout.assignments.values()].filter((id) => id === room37.roomId);
    await expect.poll(() => pane.locator('[data-testid="room-pane-people"] li').count()).toBe(placedIn37.length);
    await pane.locator(`[data-testid="qna-panel"][data-board-id="${room37.roomId}"]`).waitFor();
    await pane.locator(`[data-testid="notes-panel"][data-doc-id="${room37.roomId}"]`).waitFor();

    // The co-facilitator takes it: Fatima sees who is on the way, and nothing waits any more.
    const helpId = asked.ok ? asked.data.helpId : "";
    const taken = await rana.send("help:take", { commandId: newCommandId(), helpId });
    expect(taken.ok).toBe(true);
    const takenChip = page.locator(
      `[data-testid="attention-help"][data-room-id="${room37.roomId}"][data-status="taken"]`,
    );
    await expect.poll(() => takenChip.textContent()).toBe("Room 37 · Rana is on the way");
    await expect.poll(() => pane.getByTestId("help-item-taken-by").textContent()).toBe("Rana is on the way.");
    await expect.poll(() => page.title()).toBe(TITLE);

    // The picture for the README: every room in the table, room 37 open beside it.
    await page.getByTestId("console-room-search").fill("");
    await expect.poll(() => page.getByTestId("room-row").count()).toBe(ROOMS);
    await page.screenshot({ path: SCREENSHOT });

    // A phone: one column, the attention bar in view, the grid usable by touch.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => insideViewport(page, '[data-testid="attention-bar"]')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.getByTestId("room-pane-close").click();
    await page.getByTestId("console-nav-rooms").click();
    await page.getByTestId("console-room-search").fill("Room 12");
    await page.getByTestId("console-room-search").press("Enter");
    await page.locator('[data-testid="room-pane"][data-name="Room 12"]').waitFor({ state: "visible" });
    await expect.poll(() => insideViewport(page, '[data-testid="attention-bar"]')).toBe(true);

    expect(fatima.problems).toEqual([]);
  });
});
