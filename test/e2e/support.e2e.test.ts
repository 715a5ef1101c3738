import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type BrowserPerson, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));
const FROM_AMAL = "The panel story was hard to hear";
const FROM_SOFI = "I am here. Would you like to talk now?";

describe("private support in a real browser", () => {
  it("a participant on a phone asks for support in two taps, sees it taken and talks with the lead; the facilitator sees a count, never who", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Regional forum on safe migration",
      facilitator: "Fatima",
      people: [{ name: "Sofi" }, { name: "Amal", width: 360 }],
      allOnline: true,
    });
    const [sofi, amal] = people as [BrowserPerson, BrowserPerson];
    const host = facilitator.page;

    // The facilitator makes Sofi a safeguarding lead and lets facilitators see a count.
    const row = host.locator('[data-testid="participant-row"][data-name="Sofi"]');
    await row.getByTestId("role-select").selectOption("safeguarding-lead");
    await host.locator('[data-testid="participant-row"][data-name="Sofi"][data-role="safeguarding-lead"]').waitFor();
    await sofi.page.getByTestId("support-queue").waitFor();
    await host.getByTestId("support-count-switch").check();
    await host.locator('[data-testid="support-count-switch"]:checked:not([disabled])').waitFor();
    // A participant has no queue.
    expect(await amal.page.getByTestId("support-queue").count()).toBe(0);

    // On a 360-pixel phone both header buttons are whole on screen, the quick exit included.
    for (const testId of ["support-button", "leave-now"]) {
      const box = await amal.page.getByTestId(testId).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360, testId).toBe(true);
    }

    // Two taps on the phone: "I need support", then send.
    await amal.page.getByTestId("support-button").click();
    await amal.page.getByTestId("support-send").click();
    const state = amal.page.getByTestId("support-state");
    await state.and(amal.page.locator('[data-status="waiting"]')).waitFor();
    await amal.page.screenshot({ path: `${ARTIFACTS}support-waiting-phone.png` });

    // The lead sees who asked, and takes it.
    const request = sofi.page.getByTestId("support-request");
    await request.waitFor();
    expect(await request.textContent()).toContain("Amal");
    expect(await request.textContent()).toContain("In the plenary");
    await request.getByTestId("support-take").click();
    await amal.page.locator('[data-testid="support-state"][data-status="taken"]').waitFor();
    expect(await amal.page.getByTestId("support-status").textContent()).toBe("Sofi (safeguarding lead) is with you.");

    // They talk, privately.
    await amal.page.getByTestId("support-message-input").fill(FROM_AMAL);
    await amal.page.getByTestId("support-message-send").click();
    await expect.poll(() => sofi.page.getByTestId("support-messages").textContent()).toContain(FROM_AMAL);
    await sofi.page.getByTestId("support-message-input").fill(FROM_SOFI);
    await sofi.page.getByTestId("support-message-send").click();
    await expect.poll(() => amal.page.getByTestId("support-messages").textContent()).toContain(FROM_SOFI);
    await amal.page.screenshot({ path: `${ARTIFACTS}support-conversation-phone.png` });

    // The facilitator's screen: a count, no name, no word of it.
    await expect.poll(() => host.getByTestId("support-count").textContent()).toContain("Support requests open: 1");
    expect(await host.getByTestId("support-overview").textContent()).not.toContain("Amal");
    expect(await host.getByTestId("support-overview").textContent()).not.toContain("Sofi");
    const hostPage = await host.content();
    for (const words of [FROM_AMAL, FROM_SOFI]) expect(hostPage).not.toContain(words);
    expect(await host.getByTestId("support-request").count()).toBe(0);

    // Amal ends it; the lead's queue empties; the facilitator's count goes back to none.
    await amal.page.getByTestId("support-end").click();
    await amal.page.locator('[data-testid="support-state"][data-status="closed"]').waitFor();
    await expect.poll(() => sofi.page.getByTestId("support-request").count()).toBe(0);
    await expect.poll(() => host.getByTestId("support-count").textContent()).toBe("No support requests open.");

    // From the keyboard too: Alt+Shift+S opens it wherever focus is, Escape closes it.
    await amal.page.getByTestId("support-dialog-close").click();
    await amal.page.keyboard.press("Alt+Shift+KeyS");
    await amal.page.locator('[data-testid="support-dialog"][open]').waitFor();
    await amal.page.keyboard.press("Escape");
    await amal.page.locator('[data-testid="support-dialog"]:not([open])').waitFor({ state: "attached" });

    expect([...facilitator.problems, ...sofi.problems, ...amal.problems]).toEqual([]);
  });
});
