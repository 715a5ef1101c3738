import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type BrowserPerson, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();
type Person = BrowserPerson;
const TITLE = "Regional forum on safe migration";

/** The plenary's Q&A panel. */
function panel(page: Page) {
  return page.locator('[data-testid="qna-panel"][data-board-id="plenary"]');
}

/** A question in the public list (the tab shown), by id. */
function listed(page: Page, questionId: string) {
  return panel(page).locator(`[data-testid="qna-list"] [data-testid="qna-question"][data-question-id="${questionId}"]`);
}

/** Asks on the plenary board and returns the new question's id, from the asker's "awaiting approval" entry. */
async function ask(person: Person, text: string, anonymous: boolean): Promise<string> {
  const board = panel(person.page);
  const before = await board
    .getByTestId("qna-awaiting")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-question-id")));
  await board.getByTestId("qna-ask-text").fill(text);
  // New workshops start anonymous: set the switch either way.
  await board.getByTestId("qna-ask-anonymous").setChecked(anonymous);
  expect(await board.getByTestId("qna-ask-mode").getAttribute("data-mode")).toBe(anonymous ? "anonymous" : "named");
  await board.getByTestId("qna-ask-submit").click();
  const fresh = board.locator('[data-testid="qna-awaiting"]').filter({ hasText: text });
  await fresh.waitFor();
  const questionId = (await fresh.getAttribute("data-question-id")) ?? "";
  expect(questionId).toMatch(/^q[a-z0-9]{11}$/);
  expect(before).not.toContain(questionId);
  await expect
    .poll(() => board.getByTestId("qna-ask-status").textContent())
    .toBe("Your question is awaiting approval.");
  expect(await board.getByTestId("qna-ask-text").inputValue()).toBe("");
  return questionId;
}

/** The facilitator approves a question from the moderation queue. */
async function approveFromQueue(host: Page, questionId: string): Promise<void> {
  const item = panel(host).locator(`[data-testid="qna-queue-item"][data-question-id="${questionId}"]`);
  await item.getByTestId("qna-approve").click();
  await item.waitFor({ state: "detached" });
}

/** Waits until the open questions list shows exactly these ids in this order (with these votes, when given). */
async function waitForOpenList(page: Page, expected: readonly { id: string; votes?: number; pinned?: boolean }[]) {
  await page.waitForFunction((expected) => {
    const list = document.querySelector(
      '[data-testid="qna-panel"][data-board-id="plenary"] [data-testid="qna-list"][data-tab="open"]',
    );
    if (!list) return false;
    const items = [...list.querySelectorAll('[data-testid="qna-question"]')];
    return (
      items.length === expected.length &&
      expected.every(({ id, votes, pinned }, index) => {
        const item = items[index];
        return (
          item?.getAttribute("data-question-id") === id &&
          (votes === undefined || item.getAttribute("data-votes") === String(votes)) &&
          (pinned === undefined || item.getAttribute("data-pinned") === String(pinned))
        );
      })
    );
  }, expected);
}

async function upvote(person: Person, questionId: string): Promise<void> {
  const button = listed(person.page, questionId).getByTestId("qna-upvote");
  await button.click();
  await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
}

/** Every JavaScript dialog a page opens (an alert() would be one): there must be none. */
function watchDialogs(people: readonly Person[]): string[] {
  const dialogs: string[] = [];
  for (const { name, page } of people) {
    page.on("dialog", (dialog) => {
      dialogs.push(`${name}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
  }
  return dialogs;
}

describe("moderated Q&A in a real browser", () => {
  it("an anonymous question is moderated, upvoted past another, pinned for everyone and answered", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      // The anonymous asker is on a small phone.
      people: [{ name: "Amal", width: 360 }, { name: "Bo" }, { name: "Chandra" }],
      allOnline: true,
    });
    const [amal, bo, chandra] = people as [Person, Person, Person];
    const everyone = [facilitator, ...people];
    const host = facilitator.page;
    for (const { page } of everyone) await panel(page).waitFor();

    // First, a named question with one vote.
    const named = await ask(bo, "When will the forum's report be published?", false);
    const namedInQueue = panel(host).locator(`[data-testid="qna-queue-item"][data-question-id="${named}"]`);
    await namedInQueue.waitFor();
    expect(await namedInQueue.getByTestId("qna-question-author").textContent()).toBe("Bo");
    await approveFromQueue(host, named);
    await Promise.all(everyone.map(({ page }) => waitForOpenList(page, [{ id: named, votes: 0 }])));
    await upvote(chandra, named);
    await Promise.all(everyone.map(({ page }) => waitForOpenList(page, [{ id: named, votes: 1 }])));

    // Amal asks anonymously: she sees it awaiting approval; nobody but moderators sees it yet.
    const anonymousText = "How are people who report abuse by recruiters protected?";
    const asked = await ask(amal, anonymousText, true);
    const awaiting = panel(amal.page).locator(`[data-testid="qna-awaiting"][data-question-id="${asked}"]`);
    expect(await awaiting.getByTestId("qna-question-text").textContent()).toBe(anonymousText);
    expect(await awaiting.getByTestId("qna-question-author").textContent()).toBe("Anonymous");

    // The facilitator sees it in the queue with no author name.
    const inQueue = panel(host).locator(`[data-testid="qna-queue-item"][data-question-id="${asked}"]`);
    await inQueue.waitFor();
    expect(await inQueue.getByTestId("qna-question-text").textContent()).toBe(anonymousText);
    expect(await inQueue.getByTestId("qna-question-author").textContent()).toBe("Anonymous");
    expect(await inQueue.textContent()).not.toContain("Amal");
    for (const { page } of [bo, chandra]) expect(await listed(page, asked).count()).toBe(0);

    await approveFromQueue(host, asked);
    // Approved: out of "Your questions", into the list (marked as hers on her device only).
    await awaiting.waitFor({ state: "detached" });
    await expect
      .poll(() => panel(amal.page).getByTestId("qna-announcer").textContent())
      .toBe(`Your question was approved: ${anonymousText}`);
    await Promise.all(
      everyone.map(({ page }) =>
        waitForOpenList(page, [
          { id: named, votes: 1 },
          { id: asked, votes: 0 },
        ]),
      ),
    );
    expect(await listed(amal.page, asked).getAttribute("data-mine")).toBe("true");
    expect(await listed(bo.page, asked).getAttribute("data-mine")).toBe("false");
    expect(await listed(host, asked).getByTestId("qna-question-author").textContent()).toBe("Anonymous");

    // Two others upvote it: it overtakes the named question for everyone.
    await upvote(bo, asked);
    await upvote(chandra, asked);
    await Promise.all(
      everyone.map(({ page }) =>
        waitForOpenList(page, [
          { id: asked, votes: 2 },
          { id: named, votes: 1 },
        ]),
      ),
    );
    // "Recent" puts the newer question first too; "Top" again afterwards.
    await panel(bo.page).getByTestId("qna-sort-recent").click();
    await waitForOpenList(bo.page, [{ id: asked }, { id: named }]);
    await panel(bo.page).getByTestId("qna-sort-top").click();

    // The facilitator pins it: everyone sees it at the top, highlighted as "Now answering".
    await listed(host, named).getByTestId("qna-pin").click();
    await Promise.all(
      everyone.map(({ page }) =>
        waitForOpenList(page, [
          { id: named, pinned: true },
          { id: asked, pinned: false },
        ]),
      ),
    );
    await listed(host, asked).getByTestId("qna-pin").click();
    await Promise.all(
      everyone.map(async ({ page }) => {
        await waitForOpenList(page, [
          { id: asked, votes: 2, pinned: true },
          { id: named, votes: 1, pinned: false },
        ]);
        expect(await listed(page, asked).getByTestId("qna-now-answering").textContent()).toBe("Now answering");
        expect(await panel(page).getByTestId("qna-now-answering").count()).toBe(1);
      }),
    );

    // Marked answered (with a short reply): it moves to the Answered tab for everyone.
    const reply = "A confidential channel is open; details are in the forum guide.";
    await listed(host, asked).getByTestId("qna-answer").click();
    await panel(host).getByTestId("qna-answer-reply").fill(reply);
    await panel(host).getByTestId("qna-answer-confirm").click();
    await Promise.all(everyone.map(({ page }) => waitForOpenList(page, [{ id: named, votes: 1, pinned: false }])));
    await Promise.all(
      everyone.map(async ({ page }) => {
        await panel(page).getByTestId("qna-tab-answered").click();
        const answered = panel(page).locator(
          `[data-testid="qna-list"][data-tab="answered"] [data-testid="qna-question"][data-question-id="${asked}"]`,
        );
        await answered.waitFor();
        expect(await answered.getAttribute("data-status")).toBe("answered");
        expect(await answered.getAttribute("data-pinned")).toBe("false");
        expect(await answered.getByTestId("qna-question-text").textContent()).toBe(anonymousText);
        expect(await answered.getByTestId("qna-question-reply").textContent()).toContain(reply);
        expect(await panel(page).getByTestId("qna-tab-answered").getAttribute("aria-selected")).toBe("true");
      }),
    );

    // No sideways scrolling on the phone.
    expect(await amal.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    for (const person of everyone) expect(person.problems).toEqual([]);
  });

  it("question text is shown as text, never as HTML", { timeout: 120_000 }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      people: [{ name: "Amal" }, { name: "Bo", width: 360 }],
      allOnline: true,
    });
    const [amal, bo] = people as [Person, Person];
    const everyone = [facilitator, ...people];
    const dialogs = watchDialogs(everyone);
    const host = facilitator.page;
    const markup = "<img src=x onerror=alert(1)>";

    const asked = await ask(amal, markup, false);
    const shownTo = async (page: Page, item: string) => {
      const text = panel(page).locator(`${item} [data-testid="qna-question-text"]`);
      await text.waitFor();
      expect(await text.evaluate((element) => element.textContent)).toBe(markup);
      expect(await panel(page).locator("img").count()).toBe(0);
    };
    await shownTo(amal.page, `[data-testid="qna-awaiting"][data-question-id="${asked}"]`);
    await shownTo(host, `[data-testid="qna-queue-item"][data-question-id="${asked}"]`);
    await approveFromQueue(host, asked);
    for (const { page } of everyone) {
      await shownTo(page, `[data-testid="qna-list"] [data-testid="qna-question"][data-question-id="${asked}"]`);
    }
    // And after a reload, from the board the server sends.
    await bo.page.reload();
    await shownTo(bo.page, `[data-testid="qna-list"] [data-testid="qna-question"][data-question-id="${asked}"]`);

    expect(await host.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    expect(dialogs).toEqual([]);
    for (const person of everyone) expect(person.problems).toEqual([]);
  });
  it("the asker edits, sees a dismissal's reason and withdraws, across a reload; the moderator works the queue from the keyboard", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 360 }],
      allOnline: true,
    });
    const [amal] = people as [Person];
    const host = facilitator.page;
    const mine = panel(amal.page);
    const queueItem = (questionId: string) =>
      panel(host).locator(`[data-testid="qna-queue-item"][data-question-id="${questionId}"]`);
    const focused = () => host.evaluate(() => document.activeElement?.getAttribute("data-question-id") ?? null);

    // The live count follows the text; the author corrects their question while it waits.
    await mine.getByTestId("qna-ask-text").fill("Is there funding for travel?");
    expect(await mine.getByTestId("qna-ask-count").textContent()).toBe("28 of 500 characters");
    const travel = await ask(amal, "Is there funding for travel?", true);
    const awaiting = mine.locator(`[data-testid="qna-awaiting"][data-question-id="${travel}"]`);
    await awaiting.getByTestId("qna-edit").click();
    await mine.getByTestId("qna-edit-text").fill("Is there funding for travel and visas?");
    await mine.getByTestId("qna-edit-save").click();
    await expect
      .poll(() => awaiting.getByTestId("qna-question-text").textContent())
      .toBe("Is there funding for travel and visas?");
    await expect
      .poll(() => queueItem(travel).getByTestId("qna-question-text").textContent())
      .toBe("Is there funding for travel and visas?");

    // A question matching the word list is flagged and comes first in the queue.
    const spam = await ask(amal, "Free money: click here", false);
    await queueItem(spam).waitFor();
    expect(await queueItem(spam).getAttribute("data-flagged")).toBe("true");
    await queueItem(spam).getByTestId("qna-flagged").waitFor();
    expect(
      await panel(host)
        .getByTestId("qna-queue-item")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-question-id"))),
    ).toEqual([spam, travel]);

    // After a reload the asker still sees both as awaiting approval (the secrets stay on the device).
    await amal.page.reload();
    await mine.locator(`[data-testid="qna-awaiting"][data-question-id="${spam}"]`).waitFor();
    await mine.locator(`[data-testid="qna-awaiting"][data-question-id="${travel}"]`).waitFor();

    // Keyboard: J/K move, A approves (the item stays focused), P pins it, D dismisses.
    await queueItem(spam).focus();
    await host.keyboard.press("j");
    await expect.poll(focused).toBe(travel);
    await host.keyboard.press("k");
    await expect.poll(focused).toBe(spam);
    await host.keyboard.press("j");
    await expect.poll(focused).toBe(travel);
    await host.keyboard.press("a");
    await host
      .locator(`[data-testid="qna-queue-item"][data-question-id="${travel}"][data-status="approved"]`)
      .waitFor();
    expect(await focused()).toBe(travel);
    await host.keyboard.press("p");
    for (const page of [host, amal.page]) {
      await waitForOpenList(page, [{ id: travel, pinned: true }]);
    }
    await host.keyboard.press("k");
    await expect.poll(focused).toBe(spam);
    await host.keyboard.press("d");
    await panel(host).locator(`[data-testid="qna-dismissed-item"][data-question-id="${spam}"]`).waitFor();

    // Restored, then dismissed again with a reason: the asker sees it as not published, with the reason.
    await panel(host)
      .locator(`[data-testid="qna-dismissed-item"][data-question-id="${spam}"]`)
      .getByTestId("qna-restore")
      .click();
    await listed(host, spam).waitFor();
    await listed(host, spam).getByTestId("qna-dismiss").click();
    await panel(host).getByTestId("qna-dismiss-reason").fill("Please ask about the forum's topics.");
    await panel(host).getByTestId("qna-dismiss-confirm").click();
    const dismissed = mine.locator(`[data-testid="qna-own-dismissed"][data-question-id="${spam}"]`);
    await dismissed.waitFor();
    expect(await dismissed.getByTestId("qna-dismiss-note").textContent()).toBe(
      "Moderator's note: Please ask about the forum's topics.",
    );

    // The asker deletes it: gone for them and from the moderators' list.
    expect(await dismissed.getByTestId("qna-withdraw").textContent()).toBe("Delete my question");
    await dismissed.getByTestId("qna-withdraw").click();
    await mine.getByTestId("qna-withdraw-confirm").click();
    await dismissed.waitFor({ state: "detached" });
    await panel(host).locator(`[data-testid="qna-dismissed-item"][data-question-id="${spam}"]`).waitFor({
      state: "detached",
    });
    await amal.page.reload();
    await listed(amal.page, travel).waitFor();
    expect(await mine.getByTestId("qna-own-dismissed").count()).toBe(0);
    expect(await listed(amal.page, travel).getAttribute("data-mine")).toBe("true");

    for (const person of [facilitator, amal]) expect(person.problems).toEqual([]);
  });
});
