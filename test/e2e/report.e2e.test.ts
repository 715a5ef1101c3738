import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  type BrowserPerson,
  notesEditorText,
  openRound,
  planRooms,
  useBrowser,
  workshopWithPeople,
} from "../helpers/browser.js";

const browser = useBrowser();
type Person = BrowserPerson;
const TITLE = "Regional forum on safe migration";
/** Screenshots kept for people to look at (gitignored; nothing uploads them). */
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

/** The plenary's notes panel. */
function notesPanel(page: Page) {
  return page.locator('[data-testid="notes-panel"][data-doc-id="plenary"]');
}

/** Puts the cursor at the end of the plenary notes and types there. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await notesPanel(page).locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** Promotes someone to note-taker from the facilitator's participant list. */
async function makeNoteTaker(host: Page, person: Person): Promise<void> {
  const row = host.locator(`[data-testid="participant-row"][data-name="${person.name}"]`);
  await row.getByTestId("role-select").selectOption("note-taker");
  await host.locator(`[data-testid="participant-row"][data-name="${person.name}"][data-role="note-taker"]`).waitFor();
  await expect.poll(() => person.page.locator(".me").textContent()).toContain("note-taker");
}

function pollCard(page: Page, pollId: string) {
  return page.locator(`[data-testid="poll-card"][data-poll-id="${pollId}"]`);
}

async function vote(person: Person, pollId: string, optionId: string): Promise<void> {
  const card = pollCard(person.page, pollId);
  await card.locator(`[data-testid="vote-option"][data-option-id="${optionId}"]`).click();
  await card.getByTestId("vote-submit").click();
  await card.getByTestId("my-vote").waitFor();
}

/** The plenary's Q&A ask box. */
function askBox(page: Page) {
  return page.locator('[data-testid="qna-panel"][data-board-id="plenary"] form.qna-ask');
}

describe("the outcome report in a real browser", () => {
  it("a note-taker downloads the Markdown report and previews the HTML; private notes stay out; consent is shown before a named question", {
    timeout: 240_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      // The participant is on a small phone.
      // The note-taker reads the report on a clock in Bangkok: its times are hers.
      people: [
        { name: "Nadia", timezoneId: "Asia/Bangkok" },
        { name: "Amal", width: 360 },
      ],
      allOnline: true,
    });
    const [nadia, amal] = people as [Person, Person];
    const host = facilitator.page;
    await makeNoteTaker(host, nadia);

    // A poll in the plenary, voted by both, then closed.
    const question = "Which topic should the plenary take first?";
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-kind").selectOption("single");
    await builder.getByTestId("poll-question").fill(question);
    await builder.getByTestId("poll-option-input").nth(0).fill("Recruitment fees");
    await builder.getByTestId("poll-option-input").nth(1).fill("Safe return");
    await builder.getByTestId("poll-visibility").selectOption("live");
    await builder.getByTestId("poll-open-now").click();
    await builder.waitFor({ state: "detached" });
    const openCard = host.locator('[data-testid="poll-card"][data-status="open"]');
    await openCard.waitFor();
    const pollId = (await openCard.getAttribute("data-poll-id")) ?? "";
    await Promise.all([vote(nadia, pollId, "a"), vote(amal, pollId, "b")]);
    await expect
      .poll(() => pollCard(host, pollId).getByTestId("poll-participation").textContent())
      .toBe("2 of 2 voted");
    await pollCard(host, pollId).getByTestId("poll-close").click();
    await host.locator(`[data-testid="poll-card"][data-poll-id="${pollId}"][data-status="closed"]`).waitFor();

    // A breakout round opens (nobody assigned: everyone stays in the plenary); the report lists it.
    await planRooms(host, ["Shelters", "Legal aid"]);
    await openRound(host);

    // The note-taker writes the plenary notes: a private side conversation, then a decision.
    const notes = notesPanel(nadia.page);
    await notes.locator('[data-testid="notes-editor"][data-editable="true"]').waitFor();
    const canary = "Hidden-canary-7731 met her recruiter at the border";
    await typeAtEnd(nadia.page, "Opening remarks by the chair.\nSide conversation");
    await notes.getByTestId("notes-marker-private").click();
    await typeAtEnd(nadia.page, `\n${canary}\n## Agreed\nReview shelter capacity every quarter`);
    await notes.getByTestId("notes-marker-decision").click();
    const expectedNotes = [
      "Opening remarks by the chair.",
      "## [not for export] Side conversation",
      canary,
      "## Agreed",
      "- [Decision] Review shelter capacity every quarter",
    ].join("\n");
    await expect.poll(() => notesEditorText(nadia.page, "plenary")).toBe(expectedNotes);
    await notes.locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();

    // The preview marks the private section; the decision is outside it.
    await notes.getByTestId("notes-preview-toggle").click();
    const privateSection = notes.getByTestId("notes-private");
    await privateSection.waitFor();
    expect(await privateSection.count()).toBe(1);
    expect(await privateSection.textContent()).toContain("Not in the report");
    expect(await privateSection.textContent()).toContain(canary);
    const decision = notes.locator('[data-testid="notes-outcome"][data-kind="decision"]');
    expect(await decision.textContent()).toContain("Review shelter capacity every quarter");
    expect(await privateSection.locator('[data-testid="notes-outcome"]').count()).toBe(0);
    await notes.getByTestId("notes-preview-toggle").click();

    // A participant has no report panel; facilitator and note-taker do.
    await amal.page.getByTestId("qna-panel").first().waitFor();
    expect(await amal.page.getByTestId("report-panel").count()).toBe(0);
    await host.getByTestId("report-panel").waitFor();

    // The note-taker opens the report tools: the scope list comes from the report model.
    const page = nadia.page;
    const panel = page.getByTestId("report-panel");
    await panel.getByTestId("report-open").click();
    await panel.locator('[data-testid="report-scope-state"][data-state="ready"]').waitFor({ state: "attached" });
    const scope = panel.getByTestId("report-scope");
    expect(await scope.inputValue()).toBe("workshop");
    expect(await scope.locator("option").allTextContents()).toEqual([
      "The whole workshop",
      "Round 1: all rooms",
      "Round 1: Shelters",
      "Round 1: Legal aid",
    ]);
    expect(await scope.locator("optgroup").getAttribute("label")).toBe("Round 1");
    // Names are not on offer: the workshop has not allowed them.
    expect(await panel.getByTestId("report-attribution").count()).toBe(0);
    await panel.getByTestId("report-attribution-off").waitFor();

    // Markdown download: the decision and the poll are in it, the private section and every name are not.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByTestId("report-download-md").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync(await download.path(), "utf8");
    expect(markdown).toContain(TITLE);
    expect(markdown).toMatch(/^- Generated: \d{4}-\d{2}-\d{2} \d{2}:\d{2} Asia\/Bangkok$/m);
    expect(markdown).toContain("Review shelter capacity every quarter");
    expect(markdown).toContain(question);
    expect(markdown).toContain("Recruitment fees");
    expect(markdown).not.toContain("Hidden-canary-7731");
    expect(markdown).not.toContain("Side conversation");
    for (const name of ["Fatima", "Nadia", "Amal"]) expect(markdown).not.toContain(name);
    await expect.poll(() => panel.getByTestId("report-status").textContent()).toBe("The Markdown file is downloading.");

    // The HTML preview: the report's title and an SVG chart, in a frame that runs no scripts.
    await panel.getByTestId("report-preview").click();
    const frameElement = panel.getByTestId("report-preview-frame");
    await frameElement.waitFor();
    expect(await frameElement.getAttribute("sandbox")).toBe("");
    const frame = page.frameLocator('[data-testid="report-preview-frame"]');
    await frame.locator("h1").filter({ hasText: TITLE }).waitFor();
    await expect.poll(() => frame.locator("svg").count()).toBeGreaterThan(0);
    expect(await frame.locator("body").textContent()).toContain("Review shelter capacity every quarter");
    expect(await frame.locator("body").textContent()).not.toContain("Hidden-canary-7731");
    expect(await panel.getByTestId("report-status").textContent()).toBe("The preview is shown below.");
    // Nobody's name was typed into anything: the check before publishing says so.
    expect(await panel.getByTestId("report-name-check").getAttribute("data-found")).toBe("0");
    mkdirSync(ARTIFACTS, { recursive: true });
    await frameElement.scrollIntoViewIfNeeded();
    await frameElement.screenshot({ path: `${ARTIFACTS}report-preview.png` });
    // And the whole report as one long picture: the same document, in a page of its own with scripts off.
    const documentHtml = await frame.locator("html").evaluate((html) => `<!doctype html>${html.outerHTML}`);
    const viewer = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 900 } });
    onTestFinished(() => viewer.close());
    const viewerPage = await viewer.newPage();
    await viewerPage.setContent(documentHtml);
    await viewerPage.screenshot({ path: `${ARTIFACTS}report-full.png`, fullPage: true });

    // One room's report: the picker's choice is the report's scope.
    await scope.selectOption({ label: "Round 1: Shelters" });
    expect(await scope.inputValue()).toMatch(/^room:/);
    await frameElement.waitFor({ state: "detached" });
    await panel.getByTestId("report-preview").click();
    await frame.locator("header").filter({ hasText: "Shelters" }).waitFor();
    expect(await frame.locator("body").textContent()).not.toContain("Legal aid");
    await scope.selectOption("workshop");

    // On a phone-width screen nothing sticks out sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await panel.screenshot({ path: `${ARTIFACTS}report-panel-phone.png` });

    // Consent: no notice until the facilitator lets reports name people; then a named question says so.
    const ask = askBox(amal.page);
    // New workshops start anonymous (never named): Amal switches to asking with her name.
    expect(await ask.getByTestId("qna-ask-anonymous").isChecked()).toBe(true);
    await ask.getByTestId("qna-ask-anonymous").uncheck();
    expect(await ask.getByTestId("qna-ask-consent").count()).toBe(0);
    const attributionSwitch = host.getByTestId("report-attribution-switch");
    expect(await attributionSwitch.isChecked()).toBe(false);
    await attributionSwitch.click();
    await expect.poll(() => attributionSwitch.getAttribute("aria-checked")).toBe("true");
    await expect.poll(() => attributionSwitch.isDisabled()).toBe(false);
    await ask.getByTestId("qna-ask-consent").waitFor();
    expect(await ask.getByTestId("qna-ask-consent").textContent()).toContain("Anonymous questions are never named");
    // Anonymous questions are never named: the notice goes away.
    await ask.getByTestId("qna-ask-anonymous").check();
    await ask.getByTestId("qna-ask-consent").waitFor({ state: "detached" });
    await ask.getByTestId("qna-ask-anonymous").uncheck();
    await ask.getByTestId("qna-ask-consent").waitFor();

    // Amal asks with her name, having been told; the facilitator approves it.
    const named = "Who funds the return programmes?";
    await ask.getByTestId("qna-ask-text").fill(named);
    await ask.getByTestId("qna-ask-submit").click();
    const awaiting = amal.page.locator('[data-testid="qna-awaiting"]').filter({ hasText: named });
    await awaiting.waitFor();
    const questionId = (await awaiting.getAttribute("data-question-id")) ?? "";
    const queued = host.locator(`[data-testid="qna-queue-item"][data-question-id="${questionId}"]`);
    await queued.getByTestId("qna-approve").click();
    await queued.waitFor({ state: "detached" });

    // The note-taker may now choose names; "No attribution" stays the default, and names nobody.
    await panel.getByTestId("report-attribution").waitFor();
    expect(await panel.getByTestId("report-attribution-none").isChecked()).toBe(true);
    expect(await panel.getByTestId("report-attribution-attributed").isChecked()).toBe(false);
    await panel.getByTestId("report-preview").click();
    await frame.locator("body").filter({ hasText: named }).waitFor();
    expect(await frame.locator("body").textContent()).not.toContain("Amal");
    // Attributed: Amal is credited for the question she asked by name.
    await panel.getByTestId("report-attribution-attributed").check();
    await frameElement.waitFor({ state: "detached" });
    await panel.getByTestId("report-preview").click();
    await frame.locator("body").filter({ hasText: named }).waitFor();
    expect(await frame.locator("body").textContent()).toContain("Amal");

    // A name typed into the notes is the note-taker's to fix: an unattributed preview warns.
    await typeAtEnd(nadia.page, "\nAmal raised the fee problem.");
    await panel.getByTestId("report-attribution-none").check();
    await frameElement.waitFor({ state: "detached" });
    // The edit reaches the server within moments; refresh the preview until it shows.
    await expect
      .poll(
        async () => {
          await panel.getByTestId("report-preview").click();
          await frameElement.waitFor();
          return (await frame.locator("body").textContent()) ?? "";
        },
        { timeout: 60_000 },
      )
      .toContain("Amal raised the fee problem.");
    const nameCheck = panel.getByTestId("report-name-check");
    expect(await nameCheck.getAttribute("data-found")).toBe("1");
    expect(await nameCheck.textContent()).toContain("(Amal)");

    // The forum ends; the note-taker still takes the report from the "ended" screen.
    await host.getByTestId("end-workshop").click();
    await host.getByTestId("end-workshop-confirm").click();
    await page.getByTestId("ended-screen").waitFor();
    await page.getByTestId("ended-report-hint").waitFor();
    expect(await amal.page.getByTestId("ended-report-hint").count()).toBe(0);
    const endedPanel = page.getByTestId("report-panel");
    await endedPanel.locator('[data-testid="report-scope-state"][data-state="ready"]').waitFor({ state: "attached" });
    const [afterEnd] = await Promise.all([
      page.waitForEvent("download"),
      endedPanel.getByTestId("report-download-md").click(),
    ]);
    const endedMarkdown = readFileSync(await afterEnd.path(), "utf8");
    expect(endedMarkdown).toContain("Review shelter capacity every quarter");
    expect(endedMarkdown).toContain("(ended)");
    await amal.page.getByTestId("ended-screen").waitFor();
    expect(await amal.page.getByTestId("report-panel").count()).toBe(0);

    for (const person of [facilitator, nadia, amal]) expect(person.problems).toEqual([]);
  });
});
