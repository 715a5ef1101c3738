import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type BrowserPerson, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));
const QUESTION = "Which support helped you most?";
const ASKED_OFFLINE = "Can the shelters share their referral list?";

/** The workshop id: the routing prefix of the session token the tab keeps. */
function workshopIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (sessionStorage.getItem("workshop.sessionToken") ?? "").split(".")[0] ?? "");
}

describe("the installable app shell, offline", () => {
  it("loaded once, a phone goes offline and reloads: the shell opens on the last state and says offline; a vote and a question made offline are sent once when back", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { server, facilitator, people } = await workshopWithPeople(browser(), {
      title: "Regional forum on safe migration",
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 360 }],
      allOnline: true,
    });
    const [amal] = people as [BrowserPerson];
    const host = facilitator.page;
    const page = amal.page;

    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-question").fill(QUESTION);
    await builder.getByTestId("poll-option-input").nth(0).fill("Peer support");
    await builder.getByTestId("poll-option-input").nth(1).fill("Legal aid");
    await builder.getByTestId("poll-open-now").click();
    const card = page.locator('[data-testid="poll-card"][data-status="open"]');
    await card.getByTestId("poll-question-text").waitFor();

    // The shell is installed and controls the page; the tab has kept the state it shows.
    await page.waitForFunction(
      () => navigator.serviceWorker?.controller !== null && navigator.serviceWorker !== undefined,
    );
    await page.waitForFunction(() => (sessionStorage.getItem("workshop.lastState") ?? "").includes("Legal aid"));

    // Not the browser's HTTP cache: what opens offline must come from the shell the worker kept.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId("offline-banner").waitFor();
    expect(await page.getByTestId("offline-banner").textContent()).toContain("This is the workshop as it was at");
    expect(await page.getByTestId("workshop-title").textContent()).toBe("Regional forum on safe migration");
    await card.getByTestId("poll-question-text").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}offline-shell-phone.png` });

    // Offline, Amal votes and asks; both wait, said in the banner.
    await card.locator('[data-testid="vote-option"][data-option-id="b"]').click();
    await card.getByTestId("vote-submit").click();
    await page.getByTestId("qna-ask-text").fill(ASKED_OFFLINE);
    await page.getByTestId("qna-ask-submit").click();
    await expect.poll(() => page.getByTestId("offline-waiting").textContent()).toBe("Waiting to be sent: 2");

    // A reload offline keeps them too.
    await page.reload();
    await expect.poll(() => page.getByTestId("offline-waiting").textContent()).toBe("Waiting to be sent: 2");

    await page.context().setOffline(false);
    await page.getByTestId("offline-banner").waitFor({ state: "detached" });
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();

    // Sent once each: exactly one ballot, one question, whatever was retried.
    const workshopId = await workshopIdOf(page);
    const [poll] = await server.stores.polls.listPolls(workshopId);
    await expect
      .poll(async () => (await server.stores.polls.listBallots(workshopId, poll?.pollId ?? "")).length)
      .toBe(1);
    await expect
      .poll(async () => (await server.stores.qna.listQuestions(workshopId)).map((question) => question.text))
      .toEqual([ASKED_OFFLINE]);
    // The card says "Your vote" once the answer came back.
    await card.getByTestId("my-vote").waitFor();
    // Nothing left waiting, and a while later still one of each.
    await page.waitForFunction(() => sessionStorage.getItem("workshop.outbox") === null);
    expect((await server.stores.polls.listBallots(workshopId, poll?.pollId ?? "")).length).toBe(1);
    expect((await server.stores.qna.listQuestions(workshopId)).length).toBe(1);

    const offlineNoise = (problem: string) =>
      problem.includes("ERR_INTERNET_DISCONNECTED") || problem.includes("Failed to load resource");
    expect([...facilitator.problems, ...amal.problems].filter((problem) => !offlineNoise(problem))).toEqual([]);
  });
});
