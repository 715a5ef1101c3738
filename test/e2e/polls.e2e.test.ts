import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  assignAutomatically,
  type BrowserPerson,
  joinByLink,
  openPerson as openBrowserPerson,
  openRound,
  planRooms,
  useBrowser,
  workshopWithPeople,
} from "../helpers/browser.js";

const browser = useBrowser();
type Person = BrowserPerson;
const openPerson = (name: string, width?: number) => openBrowserPerson(browser(), name, width);
const TITLE = "Regional forum on safe migration";

/** A poll's card; with a status, only while the card shows that status. */
function pollCard(page: Page, pollId: string, status?: "open" | "closed") {
  const withStatus = status ? `[data-status="${status}"]` : "";
  return page.locator(`[data-testid="poll-card"][data-poll-id="${pollId}"]${withStatus}`);
}

/**
 * Waits until the result rows inside `within` (a selector inside the poll's card) show exactly
 * these counts, option by option, and the results say this many people voted.
 */
async function waitForResults(
  page: Page,
  pollId: string,
  expected: { counts: Record<string, number>; voters: number },
  within = '[data-testid="combined-results"]',
): Promise<void> {
  await page.waitForFunction(
    ({ pollId, expected, within }) => {
      const card = document.querySelector(`[data-testid="poll-card"][data-poll-id="${pollId}"]`);
      const scope = card?.querySelector(within);
      if (!card || !scope) return false;
      const shown: Record<string, number> = {};
      for (const row of scope.querySelectorAll('[data-testid="result-row"]')) {
        shown[row.getAttribute("data-option-id") ?? ""] = Number(row.getAttribute("data-count"));
      }
      const voters = Number(card.querySelector('[data-testid="poll-results"]')?.getAttribute("data-voters"));
      const scopeVoters = scope.getAttribute("data-voters");
      return (
        JSON.stringify(shown) === JSON.stringify(expected.counts) &&
        (scopeVoters === null ? voters : Number(scopeVoters)) === expected.voters
      );
    },
    { pollId, expected, within },
  );
}

async function vote(person: Person, pollId: string, optionId: string): Promise<void> {
  const card = pollCard(person.page, pollId);
  await card.locator(`[data-testid="vote-option"][data-option-id="${optionId}"]`).click();
  await card.getByTestId("vote-submit").click();
  await card.getByTestId("my-vote").waitFor();
}

describe("live polls in a real browser", () => {
  it("a single-choice poll in the plenary: three votes, live results for everyone, a changed vote moves the count, closing ends voting", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people, link } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      // One of them on a small phone.
      people: [{ name: "Amal", width: 360 }, { name: "Bo" }, { name: "Chandra" }],
      allOnline: true,
    });
    const [amal, bo, chandra] = people as [Person, Person, Person];

    // The facilitator builds the poll in the UI and opens it at once.
    const host = facilitator.page;
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-kind").selectOption("single");
    await builder.getByTestId("poll-question").fill("Which topic should the plenary take first?");
    await builder.getByTestId("poll-option-input").nth(0).fill("Recruitment fees");
    await builder.getByTestId("poll-option-input").nth(1).fill("Safe return");
    await builder.getByTestId("poll-add-option").click();
    await expect.poll(() => builder.getByTestId("poll-option-input").count()).toBe(3);
    await builder.getByTestId("poll-option-input").nth(2).fill("Access to justice");
    await builder.getByTestId("poll-visibility").selectOption("live");
    await builder.getByTestId("poll-open-now").click();
    await builder.waitFor({ state: "detached" });
    const openCard = host.locator('[data-testid="poll-card"][data-status="open"]');
    await openCard.waitFor();
    const pollId = (await openCard.getAttribute("data-poll-id")) ?? "";
    expect(pollId).toMatch(/^o[a-z0-9]{11}$/);

    // Everyone gets the voting card, announced to screen readers.
    await Promise.all(
      people.map(async ({ page }) => {
        await pollCard(page, pollId, "open").waitFor();
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="poll-announcer"]')?.textContent ===
            "New poll: Which topic should the plenary take first?",
        );
        expect(await pollCard(page, pollId).getByTestId("vote-option").count()).toBe(3);
      }),
    );

    await vote(amal, pollId, "a");
    await vote(bo, pollId, "a");
    await vote(chandra, pollId, "b");
    expect(await pollCard(chandra.page, pollId).getByTestId("my-vote").textContent()).toContain("Safe return");

    // Live results reach everyone; the facilitator sees the participation.
    const afterVotes = { counts: { a: 2, b: 1, c: 0 }, voters: 3 };
    await Promise.all([facilitator, ...people].map(({ page }) => waitForResults(page, pollId, afterVotes)));
    await host.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid="poll-card"][data-poll-id="${id}"] [data-testid="poll-participation"]`)
          ?.textContent === "3 of 3 voted",
      pollId,
    );
    // The chart is drawn, and it is not what screen readers read (the table is).
    const chart = pollCard(amal.page, pollId).getByTestId("poll-chart");
    expect(await chart.getAttribute("aria-hidden")).toBe("true");
    expect(await chart.locator("svg rect").count()).toBeGreaterThan(0);

    // Chandra changes her vote: the counts move, they do not grow.
    const chandraCard = pollCard(chandra.page, pollId);
    await chandraCard.getByTestId("vote-change").click();
    await chandraCard.locator('[data-testid="vote-option"][data-option-id="a"]').click();
    await chandraCard.getByTestId("vote-submit").click();
    await chandraCard.getByTestId("my-vote").filter({ hasText: "Recruitment fees" }).waitFor();
    const afterChange = { counts: { a: 3, b: 0, c: 0 }, voters: 3 };
    await Promise.all([facilitator, ...people].map(({ page }) => waitForResults(page, pollId, afterChange)));

    // Closed: nobody can vote any more, the results stay.
    await pollCard(host, pollId).getByTestId("poll-close").click();
    await Promise.all(
      [facilitator, ...people].map(async ({ page }) => {
        await pollCard(page, pollId, "closed").waitFor();
        const card = pollCard(page, pollId);
        expect(await card.getByTestId("vote-option").count()).toBe(0);
        expect(await card.getByTestId("vote-submit").count()).toBe(0);
        expect(await card.getByTestId("vote-change").count()).toBe(0);
        await waitForResults(page, pollId, afterChange);
      }),
    );
    expect(await pollCard(host, pollId).getByTestId("poll-reopen").count()).toBe(1);
    expect(await pollCard(amal.page, pollId).getByTestId("my-vote").textContent()).toContain("Recruitment fees");

    // Someone who arrives after the close sees the closed poll and its results, and no way to vote.
    const late = await openPerson("Dara", 360);
    await joinByLink(late, link);
    await pollCard(late.page, pollId, "closed").waitFor();
    await waitForResults(late.page, pollId, afterChange);
    expect(await pollCard(late.page, pollId).getByTestId("vote-option").count()).toBe(0);
    expect(await pollCard(late.page, pollId).getByTestId("poll-closed-note").count()).toBe(1);
    // Phones first: nothing sticks out sideways on a 360 px screen.
    expect(await late.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    for (const person of [facilitator, ...people, late]) expect(person.problems).toEqual([]);
  });

  it("results after voting, the builder's default: a participant sees the results once they voted, not before; taking the vote back hides them again", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 360 }, { name: "Bo" }],
      allOnline: true,
    });
    const [amal, bo] = people as [Person, Person];
    const host = facilitator.page;
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-question").fill("Which support helped you most?");
    await builder.getByTestId("poll-option-input").nth(0).fill("Peer support");
    await builder.getByTestId("poll-option-input").nth(1).fill("Legal aid");
    // Nobody chose it: it is the default.
    expect(await builder.getByTestId("poll-visibility").inputValue()).toBe("afterVoting");
    await builder.getByTestId("poll-open-now").click();
    await builder.waitFor({ state: "detached" });
    const hostCard = host.locator('[data-testid="poll-card"][data-status="open"]');
    await hostCard.waitFor();
    const pollId = (await hostCard.getAttribute("data-poll-id")) ?? "";

    // Before voting: the card says when the results come, and shows none.
    for (const person of people) {
      const hidden = pollCard(person.page, pollId, "open").getByTestId("poll-results-hidden");
      await hidden.waitFor();
      expect(await hidden.textContent()).toBe("Results will be shown once you have voted.");
    }

    // Bo votes: Bo and the facilitator see the count; Amal, who has not voted, still does not.
    await vote(bo, pollId, "b");
    const oneVote = { counts: { a: 0, b: 1 }, voters: 1 };
    await Promise.all([facilitator, bo].map(({ page }) => waitForResults(page, pollId, oneVote)));
    expect(await pollCard(amal.page, pollId).getByTestId("poll-results").count()).toBe(0);
    expect(await pollCard(amal.page, pollId).getByTestId("poll-results-hidden").count()).toBe(1);

    // Amal votes: her results arrive with her own vote in them.
    await vote(amal, pollId, "a");
    const twoVotes = { counts: { a: 1, b: 1 }, voters: 2 };
    await Promise.all([facilitator, amal, bo].map(({ page }) => waitForResults(page, pollId, twoVotes)));

    // She takes it back: the results are hidden from her again; the others see the count drop.
    const card = pollCard(amal.page, pollId);
    await card.getByTestId("vote-retract").click();
    await card.getByTestId("vote-retract-confirm").click();
    await card.getByTestId("vote-form").waitFor();
    await card.getByTestId("poll-results-hidden").waitFor();
    expect(await card.getByTestId("poll-results").count()).toBe(0);
    await Promise.all([facilitator, bo].map(({ page }) => waitForResults(page, pollId, oneVote)));

    // Closed: everyone sees the results, voted or not.
    await pollCard(host, pollId).getByTestId("poll-close").click();
    await waitForResults(amal.page, pollId, oneVote);

    for (const person of [facilitator, ...people]) expect(person.problems).toEqual([]);
  });

  it("a rating poll in every room of an open round: per-room and combined distribution and mean for the facilitator", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: TITLE,
      facilitator: "Fatima",
      people: ["Amal", "Bo", "Chandra", "Dara"].map((name, index) => ({ name, width: index === 0 ? 360 : 1280 })),
      allOnline: true,
    });

    // Two rooms, assigned automatically (2 and 2), then opened: as in the breakout test.
    const host = facilitator.page;
    await planRooms(host, ["Labour rights", "Safe return"]);
    await assignAutomatically(host, 4);
    await openRound(host);

    const roomOf = new Map<Person, string>();
    await Promise.all(
      people.map(async (person) => {
        await person.page.getByTestId("room-view").waitFor();
        roomOf.set(person, (await person.page.getByTestId("room-view").getAttribute("data-room-id")) ?? "");
      }),
    );
    const roomIds = [...new Set(roomOf.values())].sort();
    expect(roomIds).toHaveLength(2);

    // The facilitator runs one rating poll in every room of the round.
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-kind").selectOption("rating");
    await builder.getByTestId("poll-question").fill("How useful was this discussion?");
    await builder.getByTestId("poll-scale").selectOption("5");
    await builder.getByTestId("poll-low-label").fill("Not at all");
    await builder.getByTestId("poll-high-label").fill("Very");
    await builder
      .getByTestId("poll-scope")
      .selectOption({ label: "Every room of round 1 (results per room and combined)" });
    await builder.getByTestId("poll-open-now").click();
    const openCard = host.locator('[data-testid="poll-card"][data-status="open"][data-kind="rating"]');
    await openCard.waitFor();
    const pollId = (await openCard.getAttribute("data-poll-id")) ?? "";

    // In each room the first person rates high, the second low.
    const ratings = new Map<Person, number>();
    const seen = new Map<string, number>();
    for (const person of people) {
      const roomId = roomOf.get(person) ?? "";
      const index = seen.get(roomId) ?? 0;
      seen.set(roomId, index + 1);
      ratings.set(person, roomId === roomIds[0] ? [5, 4][index]! : [2, 1][index]!);
    }
    await Promise.all(
      people.map(async (person) => {
        await person.page
          .locator(`[data-testid="room-view"] [data-testid="poll-card"][data-poll-id="${pollId}"]`)
          .waitFor();
        await vote(person, pollId, String(ratings.get(person)));
      }),
    );

    const distribution = (values: number[]) =>
      Object.fromEntries([1, 2, 3, 4, 5].map((value) => [String(value), values.filter((v) => v === value).length]));
    const valuesIn = (roomId: string) =>
      people.filter((person) => roomOf.get(person) === roomId).map((p) => ratings.get(p)!);
    const all = people.map((person) => ratings.get(person)!);
    const mean = (values: number[]) => Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 100) / 100;

    // Combined: all four votes.
    await waitForResults(host, pollId, { counts: distribution(all), voters: 4 });
    const card = pollCard(host, pollId);
    await expect
      .poll(() =>
        card.locator('[data-testid="combined-results"] [data-testid="rating-mean"]').getAttribute("data-mean"),
      )
      .toBe(String(mean(all)));
    expect(await card.getByTestId("poll-participation").first().textContent()).toBe("4 of 4 voted");

    // Room by room: each room's own distribution and mean, and its participation.
    for (const roomId of roomIds) {
      const within = `[data-testid="room-results"][data-room-id="${roomId}"]`;
      await waitForResults(host, pollId, { counts: distribution(valuesIn(roomId)), voters: 2 }, within);
      const room = card.locator(within);
      await expect
        .poll(() => room.getByTestId("rating-mean").getAttribute("data-mean"))
        .toBe(String(mean(valuesIn(roomId))));
      expect(await room.getByTestId("poll-participation").textContent()).toBe("2 of 2 voted");
      expect(await room.locator("h5").textContent()).toMatch(/^(Labour rights|Safe return)$/);
    }

    for (const person of [facilitator, ...people]) expect(person.problems).toEqual([]);
  });
});
