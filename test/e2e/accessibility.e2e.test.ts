import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { LanguageTag } from "../../shared/languages.js";
import {
  appServerForThisTest,
  assignAutomatically,
  createWorkshop,
  enterAsFacilitator,
  joinByLink,
  openPerson,
  openRound,
  planRooms,
  useBrowser,
} from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

/** WCAG 2.0 and 2.1, levels A and AA: what the issue asks, checked by axe-core on the real page. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now; a violation fails with its rule, impact and the elements it found. */
async function expectAccessible(page: Page, view: string, problems: string[]): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  for (const violation of results.violations) {
    problems.push(
      `${view}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(" | ")}`,
    );
  }
}

describe.each(["en", "ur"] as const)("accessibility of every main view (%s)", (language: LanguageTag) => {
  it("create, join, plenary for facilitator and phone, a poll, Q&A for asker and moderator, a breakout room, notes, the report panel, support, the exit page: no WCAG A/AA violation", {
    timeout: 300_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const problems: string[] = [];
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima", 1280, undefined, language);
    const host = facilitator.page;
    const link = await createWorkshop(host, server.url, "Regional forum on safe migration");
    await expect.poll(() => host.evaluate(() => document.documentElement.lang)).toBe(language);
    await expectAccessible(host, "create (link shown)", problems);
    await enterAsFacilitator(host, "Fatima");

    const amal = await openPerson(browser(), "Amal", 360, undefined, language);
    await amal.page.goto(link);
    await amal.page.getByTestId("join-name").waitFor();
    await expectAccessible(amal.page, "join (phone)", problems);
    await joinByLink(amal, link);
    const bo = await openPerson(browser(), "Bo", 1280, undefined, language);
    await joinByLink(bo, link);
    // A note-taker, so the list shows every kind of badge.
    await host
      .locator('[data-testid="participant-row"][data-name="Bo"]')
      .getByTestId("role-select")
      .selectOption("note-taker");
    await host.locator('[data-testid="participant-row"][data-name="Bo"][data-role="note-taker"]').waitFor();

    // A poll and a pending question: the participant votes on a phone, the facilitator moderates.
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await expectAccessible(host, "poll builder", problems);
    await builder.getByTestId("poll-question").fill("Which support helped you most?");
    await builder.getByTestId("poll-option-input").nth(0).fill("Peer support");
    await builder.getByTestId("poll-option-input").nth(1).fill("Legal aid");
    await builder.getByTestId("poll-open-now").click();
    const card = amal.page.locator('[data-testid="poll-card"][data-status="open"]');
    await card.getByTestId("poll-question-text").waitFor();
    await expectAccessible(amal.page, "plenary with an open poll (phone)", problems);
    await card.locator('[data-testid="vote-option"][data-option-id="b"]').click();
    await card.getByTestId("vote-submit").click();
    await card.getByTestId("my-vote").waitFor();
    await amal.page.getByTestId("qna-ask-text").fill("Can the shelters share their referral list?");
    await amal.page.getByTestId("qna-ask-submit").click();
    await expectAccessible(amal.page, "Q&A after asking (phone)", problems);
    await host.getByTestId("qna-queue").waitFor();
    await expectAccessible(host, "plenary, facilitator, with the moderation queue", problems);
    // A raised hand and a reaction: the person's hand panel on a phone, the facilitator's speaker queue.
    await amal.page.getByTestId("raise-hand").click();
    await amal.page.getByTestId("lower-hand").waitFor();
    await amal.page.getByTestId("react-applause").click();
    await amal.page.getByTestId("reaction-counts").waitFor();
    await expectAccessible(amal.page, "hand raised and a reaction burst (phone)", problems);
    await host.getByTestId("hand-entry").waitFor();
    await expectAccessible(host, "speaker queue, facilitator", problems);

    // The programme: the facilitator's form, then the participant's Now / Next strip and list
    // (a session with a content note before its description).
    await host.getByTestId("programme-add").click();
    const sessionForm = host.getByTestId("session-form");
    await expectAccessible(host, "programme, session form", problems);
    await sessionForm.getByTestId("session-title").fill("Survivor panel");
    await sessionForm.getByTestId("session-speakers").fill("Mira (pseudonym)");
    await sessionForm.getByTestId("session-description").fill("Testimony, then questions.");
    await sessionForm.getByTestId("session-content-note-input").fill("Discusses sexual exploitation");
    await sessionForm.getByTestId("session-save").click();
    await amal.page.getByTestId("now-next").waitFor();
    await amal.page.getByTestId("session-content-note").waitFor();
    await expectAccessible(amal.page, "plenary with the programme (phone)", problems);

    // Notes and the report panel, as the facilitator sees them.
    await host.getByTestId("report-open").click();
    await host.getByTestId("report-tools").waitFor();
    await expectAccessible(host, "report panel", problems);
    await amal.page.getByTestId("notes-show").first().click();
    await amal.page.locator('[data-testid="notes-editor"]').first().waitFor();
    await expectAccessible(amal.page, "plenary notes, read-only (phone)", problems);
    // A note-taker gets the editor at once (or a press away, when promoted with the page open).
    const boShow = bo.page.getByTestId("notes-show");
    if ((await boShow.count()) > 0) await boShow.first().click();
    await bo.page.locator('[data-testid="notes-editor"]').first().waitFor();
    await expectAccessible(bo.page, "plenary notes, note-taker", problems);

    // A breakout room, from inside.
    await planRooms(host, ["Shelters", "Legal aid"]);
    await expectAccessible(host, "breakout panel, round planned", problems);
    await assignAutomatically(host, 2);
    await openRound(host);
    await amal.page.getByTestId("room-view").waitFor();
    // The move is said, not only shown: the page's live region names the room, in the language.
    const roomName = (await amal.page.getByTestId("room-name").textContent()) ?? "";
    await expect.poll(() => amal.page.getByTestId("page-announcer").textContent()).toContain(roomName);
    expect(await amal.page.getByTestId("page-announcer").getAttribute("role")).toBe("status");
    // Whether to show one's name stays in reach inside a room.
    await amal.page.getByTestId("my-listing").waitFor();
    await expectAccessible(amal.page, "breakout room (phone)", problems);
    await expectAccessible(host, "room dashboard", problems);
    // The facilitator console: the attention bar with a help request, the room grid, a room open beside it.
    await amal.page.getByTestId("help-request").click();
    await host.getByTestId("attention-help").waitFor();
    // From the keyboard: "g r" to the room search, down to the first room, Enter.
    await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await host.keyboard.press("g");
    await host.keyboard.press("r");
    await expect.poll(() => host.evaluate(() => document.activeElement?.id)).toBe("console-room-search");
    await host.keyboard.press("ArrowDown");
    await host.keyboard.press("Enter");
    await host.getByTestId("room-pane").waitFor();
    await expectAccessible(host, "facilitator console, a room open beside the grid", problems);

    // The room's chat with a message in it (phone), and a visiting facilitator about to hide it.
    const amalChat = amal.page.getByTestId("chat-panel");
    await amalChat.getByTestId("chat-input").fill("Hello from a weak connection");
    await amalChat.getByTestId("chat-input").press("Enter");
    await amalChat.getByTestId("chat-text").first().waitFor();
    await expectAccessible(amal.page, "room chat (phone)", problems);
    await host.getByTestId("room-card").filter({ hasText: roomName }).getByTestId("room-visit").click();
    const hostChat = host.getByTestId("room-view").getByTestId("chat-panel");
    await hostChat.getByTestId("chat-hide").first().click();
    await hostChat.getByTestId("chat-hide-form").waitFor();
    await expectAccessible(host, "room chat, facilitator hiding a message", problems);

    // Support, open.
    await amal.page.getByTestId("support-button").click();
    await amal.page.getByTestId("support-send").waitFor();
    await expectAccessible(amal.page, "support dialog (phone)", problems);
    await amal.page.getByTestId("support-dialog-close").click();
    await amal.page.screenshot({ path: `${ARTIFACTS}room-${language}.png`, fullPage: true });
    await host.screenshot({ path: `${ARTIFACTS}plenary-facilitator-${language}.png`, fullPage: true });

    await bo.page.getByTestId("leave-now").click();
    await bo.page.waitForURL("**/exit");
    await expectAccessible(bo.page, "exit page", problems);

    expect(problems).toEqual([]);
  });
});
