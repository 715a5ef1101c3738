import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { assignAutomatically, openRound, planRooms, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const ROOM_NAMES = ["Forced labour", "Forced marriage", "Partnerships"];
const PARTICIPANTS = ["Amal", "Bo", "Chandra", "Dara", "Eka", "Farid"];
const HELP_TEXT = "We need someone to take notes";
const BANNER = "Please agree on your top two recommendations";

const browser = useBrowser();

/** Waits until the room cards show these head-counts (in room order). */
async function waitForCounts(page: Page, counts: number[]): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(
        [...document.querySelectorAll('[data-testid="room-card"]')].map((card) =>
          Number(card.getAttribute("data-count")),
        ),
      ) === JSON.stringify(expected),
    counts,
  );
}

/** Resolves once the page has painted twice: Preact runs effects (and their cleanups) after a paint. */
async function afterEffects(page: Page): Promise<void> {
  for (let frame = 0; frame < 2; frame++) {
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  }
}

describe("breakout rooms in a real browser", () => {
  it("plan 3 rooms, assign 6 automatically, help, a banner, end now, back in the plenary; round 2 reuses the groups", {
    timeout: 120_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Asia Regional Forum",
      facilitator: "Fatima",
      // Six people join at once, two of them on phone-sized screens.
      people: PARTICIPANTS.map((name, index) => ({ name, width: index % 3 === 0 ? 375 : 1280 })),
    });

    // Plan: three rooms with names, 45 minutes, whose people see each other's names (the
    // workshop hides participants' names from each other by default).
    const { page: host } = facilitator;
    await host.getByTestId("breakout-panel").waitFor();
    await planRooms(host, ROOM_NAMES, 45, { namesVisible: true });
    await expect.poll(() => host.getByTestId("room-card").count()).toBe(3);

    // Assign automatically: the facilitator stays out, six people make 2/2/2.
    await assignAutomatically(host, 6);
    expect(await host.getByTestId("assign-unmet").count()).toBe(0);
    await waitForCounts(host, [2, 2, 2]);

    await openRound(host);

    // Everyone sees their room's name and a running timer, and their room-mate.
    const roomOf = new Map<string, string>();
    await Promise.all(
      people.map(async ({ name, page }) => {
        await page.getByTestId("room-view").waitFor();
        const roomName = (await page.getByTestId("room-name").textContent()) ?? "";
        expect(ROOM_NAMES).toContain(roomName);
        roomOf.set(name, roomName);
        const first = (await page.getByTestId("room-countdown").textContent()) ?? "";
        // A 45-minute countdown (its exact second depends on the clock offset: no timing assertion).
        expect(first).toMatch(/^4[45]:[0-5]\d$/);
        await page.waitForFunction((shown) => {
          const now = document.querySelector('[data-testid="room-countdown"]')?.textContent;
          return typeof now === "string" && now !== shown;
        }, first);
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="room-person"]').length === 2);
      }),
    );
    const sizes = new Map<string, number>();
    for (const roomName of roomOf.values()) sizes.set(roomName, (sizes.get(roomName) ?? 0) + 1);
    expect([...sizes.values()].sort()).toEqual([2, 2, 2]);
    for (const { name, page } of people) {
      const mates = await page
        .getByTestId("room-person")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name")));
      const expected = PARTICIPANTS.filter((other) => roomOf.get(other) === roomOf.get(name));
      expect(mates.sort()).toEqual(expected.sort());
    }

    // Promoted to co-facilitator mid-round, a participant sees every room's people at once, without
    // a reload; demoted again, they hold their own room's only, as a fresh page would.
    const promoted = people[5]!;
    const promotedRow = host.locator(`[data-testid="participant-row"][data-name="${promoted.name}"]`);
    await promotedRow.getByTestId("role-select").selectOption("facilitator");
    await promoted.page.waitForFunction((names) => {
      const shown = [...document.querySelectorAll('[data-testid="room-card-people"] li')].map((li) => li.textContent);
      return names.every((name) => shown.includes(name));
    }, PARTICIPANTS);
    await promotedRow.getByTestId("role-select").selectOption("participant");
    await promoted.page.getByTestId("room-view").waitFor();
    await promoted.page.waitForFunction(() => document.querySelectorAll('[data-testid="room-card"]').length === 0);
    await promoted.page.waitForFunction(() => document.querySelectorAll('[data-testid="room-person"]').length === 2);
    const promotedMates = await promoted.page
      .getByTestId("room-person")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name")));
    expect(promotedMates.sort()).toEqual(
      PARTICIPANTS.filter((other) => roomOf.get(other) === roomOf.get(promoted.name)).sort(),
    );

    // One person asks for help; the facilitator sees it in the dashboard and says "On my way".
    const asker = people[0]!;
    const askerRoom = roomOf.get(asker.name);
    const roommate = people.find((person) => person !== asker && roomOf.get(person.name) === askerRoom)!;
    await asker.page.getByTestId("help-text").fill(HELP_TEXT);
    await asker.page.getByTestId("help-request").click();
    await asker.page.locator('[data-testid="help-status"][data-status="open"]').waitFor();
    await roommate.page.locator('[data-testid="help-status"][data-status="open"]').waitFor();

    const item = host.locator('[data-testid="help-item"][data-status="open"]');
    await item.waitFor();
    expect(await item.getByTestId("help-item-room").textContent()).toBe(askerRoom);
    expect(await item.getByTestId("help-item-text").textContent()).toBe(HELP_TEXT);
    expect(await item.getByTestId("help-item-waiting").textContent()).toMatch(/^\d+:\d\d$/);
    await host.locator(`[data-testid="room-card"][data-name="${askerRoom}"] [data-testid="room-card-help"]`).waitFor();
    await item.getByTestId("help-take").click();

    for (const person of [asker, roommate]) {
      const status = person.page.locator('[data-testid="help-status"][data-status="taken"]');
      await status.waitFor();
      expect(await status.textContent()).toContain("A facilitator is on the way");
    }

    // A banner to all rooms reaches everyone.
    await host.getByTestId("broadcast-text").fill(BANNER);
    await host.getByTestId("broadcast-send").click();
    await Promise.all(
      people.map(async ({ page }) => {
        const banner = page.getByTestId("banner").filter({ hasText: BANNER });
        await banner.waitFor();
        expect(await page.getByTestId("banners").getAttribute("aria-live")).toBe("polite");
      }),
    );

    // End now: everyone is back in the plenary, without a reload.
    await host.getByTestId("breakout-end-now").click();
    await host.getByTestId("breakout-end-now-confirm").click();
    await host.locator('[data-testid="round-bar"][data-status="closed"]').waitFor();
    await Promise.all(
      people.map(async ({ page }) => {
        await page.getByTestId("plenary-view").waitFor();
        expect(await page.getByTestId("room-view").count()).toBe(0);
        expect(await page.getByTestId("back-in-plenary").textContent()).toBe("You are back in the plenary.");
        await page.getByTestId("participant-list").waitFor();
        await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      }),
    );

    // Round 2 reuses the groups of round 1 (the plan starts from round 1's rooms): everyone meets the same people.
    await host.getByTestId("breakout-plan-new").click();
    expect(
      await host
        .getByTestId("plan-room-name")
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(ROOM_NAMES);
    const reuse = host.getByTestId("plan-reuse");
    await reuse.selectOption({ label: "Groups from round 1" });
    await host.getByTestId("plan-submit").click();
    await host.locator('[data-testid="round-bar"][data-status="planned"]').waitFor();
    expect(await host.getByTestId("round-bar").textContent()).toContain("Round 2");
    await waitForCounts(host, [2, 2, 2]);
    await host.getByTestId("breakout-open").click();
    await Promise.all(
      people.map(async ({ name, page }) => {
        await page.getByTestId("room-view").waitFor();
        expect(await page.getByTestId("room-name").textContent()).toBe(roomOf.get(name));
        expect(await page.getByTestId("banner").count()).toBe(0);
      }),
    );

    for (const person of [facilitator, ...people]) expect(person.problems).toEqual([]);
  });
  it("plans a round in one step; the 'back in the plenary' notice clears for a note-taker, a participant and a visiting facilitator", {
    timeout: 150_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Forum day",
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 375 }, { name: "Bo" }],
      allOnline: true,
    });
    const { page: host } = facilitator;
    const [amal, bo] = people as [(typeof people)[0], (typeof people)[0]];
    const boRow = host.locator('[data-testid="participant-row"][data-name="Bo"]');
    await boRow.getByTestId("role-select").selectOption("note-taker");
    await host.locator('[data-testid="participant-row"][data-name="Bo"][data-role="note-taker"]').waitFor();
    await expect.poll(() => bo.page.locator(".me").textContent()).toContain("note-taker");

    // One step: the number of rooms, then "Plan the round" (the rooms are named for their number).
    await host.getByTestId("plan-count").fill("2");
    await expect.poll(() => host.getByTestId("plan-room").count()).toBe(2);
    await host.getByTestId("plan-submit").click();
    await host.locator('[data-testid="round-bar"][data-status="planned"]').waitFor();
    expect(
      await host.getByTestId("room-card").evaluateAll((cards) => cards.map((card) => card.getAttribute("data-name"))),
    ).toEqual(["Room 1", "Room 2"]);
    await assignAutomatically(host, 2);
    await openRound(host);
    for (const person of people) await person.page.getByTestId("room-view").waitFor();
    // Amal is made a co-facilitator mid-round: the plenary with her room beside it. She did not
    // come back from anywhere, and no notice may stay on her screen.
    const amalRow = host.locator('[data-testid="participant-row"][data-name="Amal"]');
    await amalRow.getByTestId("role-select").selectOption("facilitator");
    await amal.page.getByTestId("plenary-view").waitFor();
    await amal.page.getByTestId("room-view").waitFor();
    await afterEffects(amal.page);
    await expect.poll(() => amal.page.getByTestId("back-in-plenary").textContent(), { timeout: 30_000 }).toBe("");
    await amalRow.getByTestId("role-select").selectOption("participant");
    await amal.page.locator('[data-testid="plenary-view"]').waitFor({ state: "detached" });
    await amal.page.getByTestId("room-view").waitFor();
    // The facilitator visits a room while the round runs.
    await host.getByTestId("room-card").first().getByTestId("room-visit").click();
    await host.getByTestId("room-view").waitFor();

    await host.getByTestId("breakout-end-now").click();
    await host.getByTestId("breakout-end-now-confirm").click();
    await host.locator('[data-testid="round-bar"][data-status="closed"]').waitFor();
    for (const person of [amal, bo]) {
      await person.page.getByTestId("plenary-view").waitFor();
      await expect
        .poll(() => person.page.getByTestId("back-in-plenary").textContent())
        .toBe("You are back in the plenary.");
    }
    // The notice says where they are now, then goes: it does not stay on anyone's screen.
    for (const person of [amal, bo, facilitator]) {
      await expect.poll(() => person.page.getByTestId("back-in-plenary").textContent(), { timeout: 30_000 }).toBe("");
    }
    for (const person of [facilitator, ...people]) expect(person.problems).toEqual([]);
  });
});
