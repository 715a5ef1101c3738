import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { assignAutomatically, openRound, planRooms, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const TEMPLATE = "https://meet.example.org/forum-{workshop}-{room}";
const PLENARY = "https://stream.example.org/plenary-day-1";
const ROOMS = ["Forced labour", "Partnerships"];

const browser = useBrowser();

/** The link the facilitator's calls panel shows for each room of the round, by room id. */
async function linksShownToFacilitator(host: Page): Promise<Map<string, string>> {
  const rows = await host
    .getByTestId("calls-room")
    .evaluateAll((items) =>
      items.map((item) => [
        item.getAttribute("data-room-id") ?? "",
        item.querySelector('[data-testid="calls-room-url"]')?.textContent ?? "",
      ]),
    );
  return new Map(rows as Array<[string, string]>);
}

/** WCAG 2.0 / 2.1 A and AA violations (axe-core) inside one part of the page, as "rule at element" lines. */
async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map((violation) => `${violation.id} at ${violation.nodes[0]?.target.join(" ")}`);
}

async function roomIdOf(page: Page): Promise<string> {
  return (await page.getByTestId("room-view").getAttribute("data-room-id")) ?? "";
}

describe("video call links in a real browser", () => {
  it("a facilitator sets a template and the plenary's link; each participant joins their own room's call, and after a move the new room's", {
    timeout: 180_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Asia Regional Forum",
      facilitator: "Fatima",
      people: [
        { name: "Amal", width: 375 },
        { name: "Bo", width: 1280 },
      ],
    });
    const { page: host } = facilitator;
    await host.getByTestId("calls-panel").waitFor();

    // A link that is not https is refused in the form, with the reason, before anything is sent.
    await host.getByTestId("call-template").fill("http://meet.example.org/{room}");
    await host.getByTestId("call-template-save").click();
    await expect.poll(() => host.locator("#call-template-error").textContent()).toContain("https://");
    await host.getByTestId("call-template").fill(TEMPLATE);
    await host.getByTestId("call-template-save").click();
    await host.getByTestId("call-template-remove").waitFor();
    await host.getByTestId("call-plenary").fill(PLENARY);
    await host.getByTestId("call-plenary-save").click();

    // Everyone in the plenary gets the plenary's call.
    for (const { page } of people) {
      const plenaryLink = page.getByTestId("join-call-plenary").getByTestId("join-call");
      await expect.poll(() => plenaryLink.getAttribute("href")).toBe(PLENARY);
    }

    await planRooms(host, ROOMS, 30);
    await assignAutomatically(host, 2);
    await openRound(host);

    // The facilitator sees each room's link, filled in from the template (never the room's name).
    await expect.poll(async () => (await linksShownToFacilitator(host)).size).toBe(2);
    const links = await linksShownToFacilitator(host);
    for (const link of links.values())
      expect(link).toMatch(/^https:\/\/meet\.example\.org\/forum-[a-z0-9]{8}-1-[12]-[a-z0-9]{8}$/);
    expect(new Set(links.values()).size).toBe(2);
    expect(await violationsIn(host, '[data-testid="calls-panel"]')).toEqual([]);

    // Each participant sees "Join the call" with their room's link, opening in a new tab without a referrer.
    for (const { page } of people) {
      await page.getByTestId("room-view").waitFor();
      const roomId = await roomIdOf(page);
      const join = page.getByTestId("join-call-room").getByTestId("join-call");
      await expect.poll(() => join.getAttribute("href")).toBe(links.get(roomId));
      expect(await join.getAttribute("target")).toBe("_blank");
      expect((await join.getAttribute("rel"))?.split(" ").sort()).toEqual(["noopener", "noreferrer"]);
      expect(await join.textContent()).toBe("Join the call");
      // Nobody's page holds another room's link.
      const html = await page.content();
      for (const [otherRoom, otherLink] of links) if (otherRoom !== roomId) expect(html).not.toContain(otherLink);
    }

    // On a phone, the link is a named, reachable control.
    expect(await violationsIn(people[0]?.page as Page, '[data-testid="join-call-room"]')).toEqual([]);

    // Amal opens her room's call: a new page at that address (a local stub stands in for the video platform).
    const amal = people[0] as (typeof people)[number];
    const amalRoom = await roomIdOf(amal.page);
    const context = amal.page.context();
    await context.route("https://meet.example.org/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Call</title><p>stub call" }),
    );
    const opened = context.waitForEvent("page");
    await amal.page.getByTestId("join-call-room").getByTestId("join-call").click();
    const callPage = await opened;
    await callPage.waitForLoadState();
    expect(callPage.url()).toBe(links.get(amalRoom));
    // noopener: the call's page cannot reach back into the workshop's tab.
    expect(await callPage.evaluate(() => window.opener)).toBeNull();
    await callPage.close();

    // The facilitator moves Amal to the other room: her "Join the call" follows her.
    const otherRoom = [...links.keys()].find((roomId) => roomId !== amalRoom) as string;
    await host.getByTestId("assign-panel").locator("summary").first().click();
    await host
      .locator('[data-testid="manual-row"][data-name="Amal"]')
      .getByTestId("manual-room-select")
      .selectOption(otherRoom);
    await expect.poll(() => roomIdOf(amal.page)).toBe(otherRoom);
    const moved = amal.page.getByTestId("join-call-room").getByTestId("join-call");
    await expect.poll(() => moved.getAttribute("href")).toBe(links.get(otherRoom));
    expect(await amal.page.content()).not.toContain(links.get(amalRoom));

    for (const person of [facilitator, ...people]) expect(person.problems).toEqual([]);
  });
});
