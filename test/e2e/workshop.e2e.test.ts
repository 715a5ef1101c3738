import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appServerForThisTest,
  createWorkshop,
  enterAsFacilitator,
  joinByLink,
  openPerson as openBrowserPerson,
  useBrowser,
} from "../helpers/browser.js";

const browser = useBrowser();
const openPerson = (name: string, width?: number) => openBrowserPerson(browser(), name, width);

function rowOf(page: Page, name: string) {
  return page.locator(`[data-testid="participant-row"][data-name="${name}"]`);
}

/** Waits until the rendered participant list holds exactly these names (any order). */
async function waitForNames(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction((expected) => {
    const shown = [...document.querySelectorAll('[data-testid="participant-row"]')]
      .map((row) => row.getAttribute("data-name") ?? "")
      .sort();
    return JSON.stringify(shown) === JSON.stringify(expected);
  }, [...names].sort());
}

/** Creates a workshop in the UI and enters it as facilitator; returns the join link it showed. */
async function createAndEnter(page: Page, baseUrl: string, name: string): Promise<string> {
  const link = await createWorkshop(page, baseUrl, "Regional forum");
  await expect.poll(() => page.getByTestId("join-code").textContent()).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  expect(link.startsWith(`${baseUrl}/join/`)).toBe(true);
  await enterAsFacilitator(page, name);
  return link;
}

describe("workshop in a real browser", () => {
  it("a facilitator removes one of two participants; everyone's list follows", async () => {
    const server = await appServerForThisTest();
    const facilitator = await openPerson("Fatima");
    const amal = await openPerson("Amal", 375);
    const bo = await openPerson("Bo");

    const link = await createAndEnter(facilitator.page, server.url, facilitator.name);
    // Participants see each other's names here (hidden by default: test/e2e/rosterPrivacy.e2e.test.ts).
    const namesShown = facilitator.page.getByTestId("roster-privacy-switch");
    await namesShown.click();
    await expect.poll(() => namesShown.isChecked()).toBe(true);
    await expect.poll(() => namesShown.isDisabled()).toBe(false);
    await joinByLink(amal, link);
    await joinByLink(bo, link);

    // A participant's list opens on request (docs/PROTOCOL.md "The people list"): until then a count.
    for (const person of [amal, bo]) {
      await person.page.locator('[data-testid="participant-count"]').getByText("3 people here, 3 online").waitFor();
      expect(await person.page.getByTestId("participant-list").count()).toBe(0);
      const toggle = person.page.getByTestId("participant-list-toggle");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    }
    for (const person of [facilitator, amal, bo]) {
      await waitForNames(person.page, ["Fatima", "Amal", "Bo"]);
      await person.page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    }
    // Live while open: a newcomer appears; hidden again, the list and the names it brought go.
    const chen = await openPerson("Chen");
    await joinByLink(chen, link);
    await waitForNames(amal.page, ["Fatima", "Amal", "Bo", "Chen"]);
    await amal.page.getByTestId("participant-list-toggle").click();
    expect(await amal.page.getByTestId("participant-list").count()).toBe(0);
    await amal.page.getByTestId("participant-list-toggle").click();
    await waitForNames(amal.page, ["Fatima", "Amal", "Bo", "Chen"]);
    // Chen never opened the list: they know the count, themself and the facilitator.
    await chen.page.locator('[data-testid="participant-count"]').getByText("4 people here, 4 online").waitFor();
    await chen.page.getByTestId("participant-list-toggle").click();
    await waitForNames(chen.page, ["Fatima", "Amal", "Bo", "Chen"]);
    // Only a facilitator gets controls, and never on their own row.
    expect(await rowOf(facilitator.page, "Fatima").getByTestId("remove-button").count()).toBe(0);
    expect(await amal.page.getByTestId("remove-button").count()).toBe(0);

    await rowOf(facilitator.page, "Bo").getByTestId("remove-button").click();
    await rowOf(facilitator.page, "Bo").getByTestId("remove-confirm").click();

    await bo.page.getByTestId("removed-screen").waitFor();
    expect(await bo.page.getByTestId("removed-screen").textContent()).toContain("You were removed from this workshop");
    expect(await bo.page.getByTestId("participant-list").count()).toBe(0);
    await waitForNames(facilitator.page, ["Fatima", "Amal", "Chen"]);
    await waitForNames(amal.page, ["Fatima", "Amal", "Chen"]);

    for (const person of [facilitator, amal, bo, chen]) expect(person.problems).toEqual([]);
  });

  it("a reload resumes the same person, and Leave now leaves no way back", async () => {
    const server = await appServerForThisTest();
    const facilitator = await openPerson("Fatima");
    const amal = await openPerson("Amal", 375);

    const link = await createAndEnter(facilitator.page, server.url, facilitator.name);
    await joinByLink(amal, link);
    await waitForNames(facilitator.page, ["Fatima", "Amal"]);

    await amal.page.reload();
    await amal.page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await waitForNames(amal.page, ["Fatima", "Amal"]);
    await waitForNames(facilitator.page, ["Fatima", "Amal"]);

    await amal.page.getByTestId("leave-now").click();
    await amal.page.waitForURL("**/exit");
    expect(await amal.page.evaluate(() => sessionStorage.length)).toBe(0);
    await waitForNames(facilitator.page, ["Fatima"]);

    await amal.page.goBack();
    expect(new URL(amal.page.url()).pathname).not.toBe("/w");
    expect(await amal.page.getByTestId("participant-list").count()).toBe(0);
    expect(await amal.page.locator("body").textContent()).not.toContain("Regional forum");

    for (const person of [facilitator, amal]) expect(person.problems).toEqual([]);
  });
});
