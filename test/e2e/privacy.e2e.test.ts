import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appServerForThisTest,
  type BrowserPerson,
  createWorkshop,
  enterAsFacilitator,
  joinByLink,
  openPerson,
  useBrowser,
  waitForPeople,
} from "../helpers/browser.js";

const browser = useBrowser();
type Person = BrowserPerson;
const TITLE = "Regional forum on safe migration";
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

function qnaPanel(page: Page) {
  return page.locator('[data-testid="qna-panel"][data-board-id="plenary"]');
}

function pollCard(page: Page, pollId: string) {
  return page.locator(`[data-testid="poll-card"][data-poll-id="${pollId}"]`);
}

/** The workshop id is the middle of the facilitator key the create screen shows (`fk.<workshopId>.<secret>`). */
async function workshopIdOnCreatedScreen(page: Page): Promise<string> {
  const key = await page.getByTestId("facilitator-key").inputValue();
  return key.split(".")[1] ?? "";
}

/** Waits until a poll card's combined results show exactly these counts and this many voters. */
async function waitForResults(page: Page, pollId: string, counts: Record<string, number>, voters: number) {
  await page.waitForFunction(
    ({ pollId, counts, voters }) => {
      const card = document.querySelector(`[data-testid="poll-card"][data-poll-id="${pollId}"]`);
      const results = card?.querySelector('[data-testid="poll-results"]');
      if (!results || Number(results.getAttribute("data-voters")) !== voters) return false;
      const shown: Record<string, number> = {};
      for (const row of results.querySelectorAll('[data-testid="combined-results"] [data-testid="result-row"]')) {
        shown[row.getAttribute("data-option-id") ?? ""] = Number(row.getAttribute("data-count"));
      }
      return JSON.stringify(shown) === JSON.stringify(counts);
    },
    { pollId, counts, voters },
  );
}

/** A settings switch whose state the workshop's own event confirms: clicked, then settled (enabled again). */
async function flip(page: Page, testId: string, expected: boolean): Promise<void> {
  const control = page.getByTestId(testId);
  await control.click();
  await expect.poll(() => control.getAttribute("aria-checked")).toBe(String(expected));
  await expect.poll(() => control.isDisabled()).toBe(false);
  expect(await control.isChecked()).toBe(expected);
}

/** What this device still remembers about Q&A (secrets, upvotes): nothing once the session is over. */
function rememberedQna(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("workshop.qna.")));
}

describe("privacy and the data lifecycle in a real browser", () => {
  it("anonymous by default, a question deleted by its asker, a vote taken back, the default turned off, and the workshop deleted by typing its join code", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima");
    const host = facilitator.page;

    // Creating: the retention is said where the workshop is made (the server's default, 30 days).
    const link = await createWorkshop(host, server.url, TITLE);
    const workshopId = await workshopIdOnCreatedScreen(host);
    expect(await host.getByTestId("retention-note").textContent()).toBe(
      "Everything in this workshop is deleted for good 30 days after it ends.",
    );
    await host.screenshot({ path: `${ARTIFACTS}privacy-created.png`, fullPage: true });
    await enterAsFacilitator(host, "Fatima");

    // A participant on a small phone.
    const amal: Person = await openPerson(browser(), "Amal", 360);
    await joinByLink(amal, link);
    await waitForPeople(host, 2, { allOnline: true });

    // The facilitator's setting is on for a new workshop.
    const defaultSwitch = host.getByTestId("anonymity-default-switch");
    await defaultSwitch.waitFor();
    expect(await defaultSwitch.isChecked()).toBe(true);
    expect(await defaultSwitch.getAttribute("role")).toBe("switch");
    expect(await host.getByTestId("privacy-panel").getByTestId("report-attribution-switch").isChecked()).toBe(false);
    await host.getByTestId("privacy-panel").screenshot({ path: `${ARTIFACTS}privacy-panel.png` });

    // Amal's ask box starts anonymous and says so in words beside the button.
    const ask = qnaPanel(amal.page);
    await ask.waitFor();
    expect(await ask.getByTestId("qna-ask-anonymous").isChecked()).toBe(true);
    const mode = ask.getByTestId("qna-ask-mode");
    expect(await mode.getAttribute("data-mode")).toBe("anonymous");
    expect(await mode.textContent()).toBe("Anonymous: nobody, not even facilitators, can see this is yours.");
    await ask.locator("form.qna-ask").screenshot({ path: `${ARTIFACTS}privacy-ask-anonymous.png` });

    // She asks without touching the switch: the question is anonymous, for her and for the facilitator.
    const text = "Can people who report abuse by recruiters stay anonymous?";
    await ask.getByTestId("qna-ask-text").fill(text);
    await ask.getByTestId("qna-ask-submit").click();
    const awaiting = ask.locator('[data-testid="qna-awaiting"]').filter({ hasText: text });
    await awaiting.waitFor();
    const questionId = (await awaiting.getAttribute("data-question-id")) ?? "";
    expect(questionId).toMatch(/^q[a-z0-9]{11}$/);
    expect(await awaiting.getByTestId("qna-question-author").textContent()).toBe("Anonymous");
    const queued = qnaPanel(host).locator(`[data-testid="qna-queue-item"][data-question-id="${questionId}"]`);
    await queued.waitFor();
    expect(await queued.getByTestId("qna-question-author").textContent()).toBe("Anonymous");
    expect(await queued.textContent()).not.toContain("Amal");

    // Approved, it is public; its asker (only) can delete it, in any state.
    await queued.getByTestId("qna-approve").click();
    const listedFor = (page: Page) =>
      qnaPanel(page).locator(`[data-testid="qna-list"] [data-testid="qna-question"][data-question-id="${questionId}"]`);
    await listedFor(host).waitFor();
    const mine = listedFor(amal.page);
    await mine.waitFor();
    expect(await mine.getAttribute("data-mine")).toBe("true");
    expect(await listedFor(host).getByTestId("qna-withdraw").count()).toBe(0);
    const deleteButton = mine.getByTestId("qna-withdraw");
    expect(await deleteButton.textContent()).toBe("Delete my question");
    expect(await deleteButton.getAttribute("aria-label")).toBe(`Delete my question: ${text}`);
    await deleteButton.click();
    const confirmRow = mine.locator("fieldset.confirm-row");
    expect(await confirmRow.locator("legend").textContent()).toContain("It disappears for everyone");
    expect(await confirmRow.locator("legend").textContent()).toContain("will not be in the report");
    // The harmless choice takes the focus (moved there after the confirm step renders).
    await expect.poll(() => amal.page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await mine.getByTestId("qna-withdraw-confirm").click();
    await mine.waitFor({ state: "detached" });
    await listedFor(host).waitFor({ state: "detached" });
    expect(await qnaPanel(host).getByTestId("qna-tab-open").textContent()).toBe("Questions (0)");
    expect(await rememberedQna(amal.page)).toEqual([]);

    // A poll: the builder starts anonymous, as the workshop's setting says.
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    expect(await builder.getByTestId("poll-anonymous").isChecked()).toBe(true);
    await builder.getByTestId("poll-kind").selectOption("single");
    await builder.getByTestId("poll-question").fill("Which topic should the plenary take first?");
    await builder.getByTestId("poll-option-input").nth(0).fill("Recruitment fees");
    await builder.getByTestId("poll-option-input").nth(1).fill("Safe return");
    await builder.getByTestId("poll-visibility").selectOption("live");
    await builder.getByTestId("poll-open-now").click();
    await builder.waitFor({ state: "detached" });
    const openCard = host.locator('[data-testid="poll-card"][data-status="open"]');
    await openCard.waitFor();
    const pollId = (await openCard.getAttribute("data-poll-id")) ?? "";
    expect(pollId).toMatch(/^o[a-z0-9]{11}$/);

    // Amal's card says what kind of ballot it keeps; she votes.
    const card = pollCard(amal.page, pollId);
    await card.getByTestId("vote-form").waitFor();
    const ballotMode = card.getByTestId("poll-ballot-mode");
    expect(await ballotMode.getAttribute("data-mode")).toBe("anonymous");
    expect(await ballotMode.textContent()).toBe(
      "Anonymous ballot: stored without your name; after the workshop ends nobody can tie it to you.",
    );
    await card.locator('[data-testid="vote-option"][data-option-id="a"]').click();
    await card.getByTestId("vote-submit").click();
    await card.getByTestId("my-vote").waitFor();
    await waitForResults(host, pollId, { a: 1, b: 0 }, 1);
    await waitForResults(amal.page, pollId, { a: 1, b: 0 }, 1);
    await card.screenshot({ path: `${ARTIFACTS}privacy-poll-voted.png` });

    // She takes it back, after a confirmation; the results drop by one for everyone.
    await card.getByTestId("vote-retract").click();
    const retractRow = card.getByTestId("vote-retract-confirm-row");
    expect(await retractRow.locator("legend").textContent()).toBe(
      "Take back your vote? It is removed from the results and from any report made after now.",
    );
    // This poll lets people change their vote: no warning that she could not vote again.
    expect(await retractRow.getByTestId("vote-retract-consequence").count()).toBe(0);
    await card.getByTestId("vote-retract-confirm").click();
    await card.getByTestId("my-vote").waitFor({ state: "detached" });
    await card.getByTestId("vote-form").waitFor();
    await expect.poll(() => card.getByTestId("vote-status").textContent()).toBe("Your vote was taken back.");
    await waitForResults(host, pollId, { a: 0, b: 0 }, 0);
    await waitForResults(amal.page, pollId, { a: 0, b: 0 }, 0);

    // The facilitator turns the default off: Amal's (fresh) ask box now starts named, and says so.
    await flip(host, "anonymity-default-switch", false);
    await expect.poll(() => mode.getAttribute("data-mode")).toBe("named");
    expect(await mode.textContent()).toBe("Named: your name (Amal) is shown with this question.");
    expect(await ask.getByTestId("qna-ask-anonymous").isChecked()).toBe(false);

    // A new poll now starts named; this one does not let people change their vote.
    await host.getByTestId("poll-new").click();
    const namedBuilder = host.getByTestId("poll-builder");
    expect(await namedBuilder.getByTestId("poll-anonymous").isChecked()).toBe(false);
    await namedBuilder.getByTestId("poll-kind").selectOption("single");
    await namedBuilder.getByTestId("poll-question").fill("Should the forum meet again next year?");
    await namedBuilder.getByTestId("poll-option-input").nth(0).fill("Yes");
    await namedBuilder.getByTestId("poll-option-input").nth(1).fill("No");
    await namedBuilder.getByTestId("poll-visibility").selectOption("live");
    await namedBuilder.getByTestId("poll-allow-change").uncheck();
    await namedBuilder.getByTestId("poll-open-now").click();
    await namedBuilder.waitFor({ state: "detached" });
    const finalCard = host.locator('[data-testid="poll-card"][data-status="open"]').filter({ hasText: "meet again" });
    await finalCard.waitFor();
    const finalPollId = (await finalCard.getAttribute("data-poll-id")) ?? "";
    const amalFinal = pollCard(amal.page, finalPollId);
    await amalFinal.getByTestId("vote-form").waitFor();
    expect(await amalFinal.getByTestId("poll-ballot-mode").textContent()).toBe(
      "Named ballot: stored with your name; never shown in results or reports.",
    );
    await amalFinal.locator('[data-testid="vote-option"][data-option-id="b"]').click();
    await amalFinal.getByTestId("vote-submit").click();
    await amalFinal.getByTestId("my-vote").waitFor();
    await waitForResults(host, finalPollId, { a: 0, b: 1 }, 1);
    // Taking it back here means no second vote: the confirmation says so before she decides.
    await amalFinal.getByTestId("vote-retract").click();
    expect(await amalFinal.getByTestId("vote-retract-consequence").textContent()).toBe(
      "This poll does not allow changing a vote: once you take it back, you cannot vote in it again.",
    );
    await amalFinal.screenshot({ path: `${ARTIFACTS}privacy-retract-final.png` });
    await amalFinal.getByTestId("vote-retract-confirm").click();
    await amalFinal.getByTestId("vote-retracted-final").waitFor();
    expect(await amalFinal.getByTestId("vote-form").count()).toBe(0);
    await waitForResults(host, finalPollId, { a: 0, b: 0 }, 0);
    // After a reload too (the server lists the polls where she took hers back): no form to vote again.
    await amal.page.reload();
    await amalFinal.getByTestId("vote-retracted-final").waitFor();
    expect(await amalFinal.getByTestId("vote-form").count()).toBe(0);
    expect(await amalFinal.getByTestId("my-vote").count()).toBe(0);
    await waitForResults(host, finalPollId, { a: 0, b: 0 }, 0);

    // Deleting: the dialog says what is lost and enables its button only once the join code is typed.
    const joinCodeLine = (await host.getByTestId("join-code").textContent()) ?? "";
    const joinCode = joinCodeLine.replace("Join code: ", "");
    expect(joinCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await host.getByTestId("danger-zone").getByTestId("delete-workshop").click();
    const dialog = host.getByTestId("delete-workshop-dialog");
    await dialog.waitFor();
    expect(await dialog.locator("h2").textContent()).toBe(`Delete “${TITLE}” for good?`);
    expect(await dialog.getByTestId("delete-workshop-consequence").textContent()).toContain("cannot be recovered");
    const typed = dialog.getByTestId("delete-workshop-typed");
    // The field to type in takes the focus.
    await expect
      .poll(() => host.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("delete-workshop-typed");
    const confirm = dialog.getByTestId("delete-workshop-confirm");
    expect(await confirm.isDisabled()).toBe(true);
    await typed.fill("ABC-DEF-not-it");
    expect(await confirm.isDisabled()).toBe(true);
    // Escape closes it and changes nothing; open it again.
    await host.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await host.getByTestId("delete-workshop").click();
    await dialog.waitFor();
    // The code is accepted in any case, without the dash.
    await typed.fill(joinCode.replace("-", "").toLowerCase());
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await dialog.screenshot({ path: `${ARTIFACTS}privacy-delete-dialog.png` });
    await confirm.click();

    // Both see the neutral "deleted" screen; nothing of the workshop is left on the server or the devices.
    for (const { page } of [facilitator, amal]) {
      await page.getByTestId("deleted-screen").waitFor();
      expect(await page.locator("h1").textContent()).toBe("This workshop has been deleted");
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(await rememberedQna(page)).toEqual([]);
    }
    await amal.page.screenshot({ path: `${ARTIFACTS}privacy-deleted.png` });
    expect(await server.stores.workshops.getWorkshop(workshopId)).toBeNull();

    for (const person of [facilitator, amal]) expect(person.problems).toEqual([]);
  });

  it("the door's limits explained (creating, joining, too many tabs), and a workshop deleted after its end from the ended screen", {
    timeout: 180_000,
  }, async () => {
    const server = await appServerForThisTest({
      RETENTION_DAYS: "7",
      RATE_CREATE_PER_HOUR: "1",
      RATE_JOIN_FAILURES_PER_HOUR: "1",
      MAX_CONNECTIONS_PER_PERSON: "1",
    });
    const timeZone = "Asia/Bangkok";
    const facilitator = await openPerson(browser(), "Fatima", 1280, timeZone);
    const host = facilitator.page;
    const link = await createWorkshop(host, server.url, TITLE);
    const workshopId = await workshopIdOnCreatedScreen(host);
    expect(await host.getByTestId("retention-note").textContent()).toBe(
      "Everything in this workshop is deleted for good 7 days after it ends.",
    );
    await enterAsFacilitator(host, "Fatima");
    await host.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();

    // A second workshop from the same address is one too many this hour: said plainly.
    const other = await openPerson(browser(), "Bo");
    await other.page.goto(`${server.url}/`);
    await other.page.getByTestId("create-title").fill("Another forum");
    await other.page.getByTestId("create-submit").click();
    const createError = other.page.getByTestId("create-error");
    await expect.poll(() => createError.getAttribute("data-code")).toBe("RATE_LIMITED");
    expect(await createError.textContent()).toContain("Too many workshops have been created from your network");

    // A wrong join code, then (too many wrong codes from this address) every join is refused for a while.
    await other.page.goto(`${server.url}/join`);
    await other.page.getByTestId("join-code").fill("ZZZ-ZZZ");
    await other.page.getByTestId("join-name").fill("Bo");
    await other.page.getByTestId("join-submit").click();
    const joinError = other.page.getByTestId("join-error");
    await expect.poll(() => joinError.getAttribute("data-code")).toBe("INVALID_JOIN_CODE");
    await other.page.goto(link);
    await expect.poll(() => other.page.getByTestId("join-code").inputValue()).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await other.page.getByTestId("join-name").fill("Bo");
    await other.page.getByTestId("join-submit").click();
    await expect.poll(() => joinError.getAttribute("data-code")).toBe("RATE_LIMITED");
    expect(await joinError.textContent()).toBe(
      "Too many attempts to join from your network just now (wrong join codes, or many people joining at once). Wait a few minutes, check the code, then try again.",
    );

    // The facilitator opens the workshop in a second tab (one connection allowed): told why it does not connect.
    const [second] = await Promise.all([
      host.context().waitForEvent("page"),
      host.evaluate(() => {
        window.open("/w", "_blank");
      }),
    ]);
    second.setDefaultTimeout(60_000);
    const secondProblems: string[] = [];
    second.on("console", (message) => {
      if (message.type() === "error") secondProblems.push(`second tab console error: ${message.text()}`);
    });
    second.on("pageerror", (error) => secondProblems.push(`second tab page error: ${error.message}`));
    const notice = second.getByTestId("notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("You have this workshop open in too many tabs or devices at once.");
    // The first tab goes elsewhere, which frees the connection: the second one gets in by itself.
    // (Not closed: Chromium drops the emulated time zone of a popup whose opener closed.)
    await host.goto("about:blank");
    await second.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await second.getByTestId("plenary-view").waitFor();
    await notice.waitFor({ state: "detached" });
    // Back in the first tab once the second is closed (its token is still in the tab's sessionStorage).
    await second.close();
    await host.goto(`${server.url}/w`);
    await host.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await host.getByTestId("plenary-view").waitFor();

    // The workshop ends: the facilitator's ended screen says when everything is deleted, in their own zone.
    await host.getByTestId("end-workshop").click();
    await host.getByTestId("end-workshop-confirm").click();
    await host.getByTestId("ended-screen").waitFor();
    const record = await server.stores.workshops.getWorkshop(workshopId);
    const deleteAt = record?.deleteAt ?? 0;
    expect(deleteAt).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);
    // The same options as the client (EndedScreen.tsx), in the zone the browser runs in.
    const expectedDate = new Intl.DateTimeFormat("en", {
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
      timeZone,
    }).format(new Date(deleteAt));
    expect(expectedDate).toContain("GMT+7");
    await host.screenshot({ path: `${ARTIFACTS}privacy-ended.png`, fullPage: true });
    expect(await host.getByTestId("ended-delete-at").textContent()).toBe(
      `Everything in this workshop will be deleted for good on ${expectedDate}.`,
    );

    // Deleted from the ended screen (no socket any more), confirmed by typing the title.
    await host.getByTestId("danger-zone").getByTestId("delete-workshop").click();
    const dialog = host.getByTestId("delete-workshop-dialog");
    const confirm = dialog.getByTestId("delete-workshop-confirm");
    await dialog.getByTestId("delete-workshop-typed").fill(TITLE.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId("delete-workshop-typed").fill(` ${TITLE} `);
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await confirm.click();
    await host.getByTestId("deleted-screen").waitFor();
    expect(await host.getByTestId("report-panel").count()).toBe(0);
    expect(await server.stores.workshops.getWorkshop(workshopId)).toBeNull();

    // Refusals of the door are answers, not page errors; the tabs logged no other problem.
    const expected = (problem: string) =>
      /Failed to load resource: the server responded with a status of 429/.test(problem);
    expect(other.problems.filter((problem) => !expected(problem))).toEqual([]);
    expect(facilitator.problems).toEqual([]);
    expect(secondProblems).toEqual([]);
  });
});
