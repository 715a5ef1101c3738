import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { catalog as thai } from "../../client/src/i18n/catalog.th.js";
import { catalog as urdu } from "../../client/src/i18n/catalog.ur.js";
import { LANGUAGES } from "../../shared/languages.js";
import { appServerForThisTest, createAndEnter, joinByLink, openPerson, useBrowser } from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

describe("every participant in their own language", () => {
  it("a Thai browser gets Thai; Urdu chosen in the picker turns the page right-to-left and stays after a reload; a vote and a question work in Urdu; every language's plenary is kept as a screenshot", {
    timeout: 240_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima");
    const host = facilitator.page;
    const link = await createAndEnter(host, server.url, "Regional forum on safe migration", "Fatima");

    // A phone set to Thai: the join page speaks Thai before anyone picks anything.
    const context = await browser().newContext({ locale: "th-TH", viewport: { width: 360, height: 800 } });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("th");
    expect(await page.locator("#join-heading").textContent()).toBe(thai["join.heading"]);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");

    // The picker: Urdu, right to left, and still Urdu after a reload.
    await page.getByTestId("language-picker").selectOption("ur");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("ur");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.locator("#join-heading").textContent()).toBe(urdu["join.heading"]);

    // In Urdu, Amal joins, votes and asks.
    await page.getByTestId("join-name").fill("Amal");
    await page.getByTestId("join-submit").click();
    await page.waitForURL("**/w");
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-question").fill("Which support helped you most?");
    await builder.getByTestId("poll-option-input").nth(0).fill("Peer support");
    await builder.getByTestId("poll-option-input").nth(1).fill("Legal aid");
    await builder.getByTestId("poll-open-now").click();
    const card = page.locator('[data-testid="poll-card"][data-status="open"]');
    await card.locator('[data-testid="vote-option"][data-option-id="a"]').click();
    await card.getByTestId("vote-submit").click();
    await card.getByTestId("my-vote").waitFor();
    await page.getByTestId("qna-ask-text").fill("کیا پناہ گاہیں اپنی فہرست شیئر کر سکتی ہیں؟");
    await page.getByTestId("qna-ask-submit").click();
    await page.getByTestId("qna-awaiting").first().waitFor();
    expect(await page.getByTestId("leave-now").textContent()).toBe(urdu["leave.button"]);
    await page.screenshot({ path: `${ARTIFACTS}plenary-phone-ur.png`, fullPage: true });

    // One participant per language: the plenary as they see it, kept as an artifact.
    for (const { tag } of LANGUAGES) {
      const person = await openPerson(browser(), `Guest ${tag}`, 360, undefined, tag);
      await joinByLink(person, link);
      await person.page.locator('[data-testid="poll-card"]').first().waitFor();
      expect(await person.page.evaluate(() => document.documentElement.lang)).toBe(tag);
      await person.page.screenshot({ path: `${ARTIFACTS}plenary-phone-${tag}.png`, fullPage: true });
      expect(person.problems).toEqual([]);
    }
  });
});
