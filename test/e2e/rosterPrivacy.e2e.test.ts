import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser, waitForPeople, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();

/** The names in the participant list as the page shows them (the list is windowed: a handful here). */
function namesShown(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="participant-row"]')]
      .map((row) => row.getAttribute("data-name") ?? "")
      .sort(),
  );
}

describe("roster privacy in the browser", () => {
  it("a participant sees a count, not another participant's name, until that person shows it; a facilitator sees everyone", async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Regional forum",
      facilitator: "Host Facilitator",
      people: [{ name: "Amina Quartz" }, { name: "Bilal Umber" }],
      allOnline: true,
    });
    const [amina, bilal] = people as [(typeof people)[0], (typeof people)[0]];

    // Names are hidden by default: Amina sees how many people are here, herself and the facilitator.
    await waitForPeople(amina.page, 3, { allOnline: true });
    expect(await namesShown(amina.page)).toEqual(["Amina Quartz", "Host Facilitator"]);
    await amina.page.getByTestId("names-hidden-note").waitFor();
    expect(await amina.page.content()).not.toContain("Bilal Umber");

    // The facilitator sees everyone, and the setting in the privacy panel.
    expect(await namesShown(facilitator.page)).toEqual(["Amina Quartz", "Bilal Umber", "Host Facilitator"]);
    expect(await facilitator.page.getByTestId("roster-privacy-switch").isChecked()).toBe(false);

    // Bilal chooses to show his name: Amina now sees him.
    const listed = bilal.page.getByTestId("listed-switch");
    expect(await listed.isChecked()).toBe(false);
    await listed.click();
    await expect.poll(() => listed.getAttribute("aria-checked")).toBe("true");
    await expect.poll(() => listed.isDisabled()).toBe(false);
    await expect.poll(() => namesShown(amina.page)).toEqual(["Amina Quartz", "Bilal Umber", "Host Facilitator"]);

    // The facilitator lets participants see each other's names: Bilal sees Amina.
    expect(await namesShown(bilal.page)).toEqual(["Bilal Umber", "Host Facilitator"]);
    await facilitator.page.getByTestId("roster-privacy-switch").click();
    // An open roster's list opens on request (what a forum of thousands costs a phone).
    await bilal.page.getByTestId("participant-list-toggle").click();
    await expect.poll(() => namesShown(bilal.page)).toEqual(["Amina Quartz", "Bilal Umber", "Host Facilitator"]);
    expect(await bilal.page.getByTestId("names-hidden-note").count()).toBe(0);

    expect([...facilitator.problems, ...amina.problems, ...bilal.problems]).toEqual([]);
  });
});
