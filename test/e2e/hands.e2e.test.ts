import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { type BrowserPerson, useBrowser, workshopWithPeople } from "../helpers/browser.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

describe("hands and reactions in a real browser", () => {
  it("a participant on a phone raises a hand, the facilitator sees the queue in order and invites them, the participant is told; reactions show as a burst", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Survivor speakers' panel",
      facilitator: "Fatima",
      people: [{ name: "Amal", width: 360 }, { name: "Ben" }],
      allOnline: true,
    });
    const [amal, ben] = people as [BrowserPerson, BrowserPerson];
    const host = facilitator.page;
    // Amal asked her phone for less motion: the burst shows as counts, nothing floats.
    await amal.page.emulateMedia({ reducedMotion: "reduce" });

    // Amal raises her hand from the keyboard, then Ben with a tap: each sees their own place only.
    await amal.page.getByTestId("raise-hand").focus();
    await amal.page.keyboard.press("Enter");
    await expect
      .poll(() => amal.page.getByTestId("my-hand-status").textContent())
      .toBe("Your hand is raised. You are number 1 of 1 in line.");
    await ben.page.getByTestId("raise-hand").click();
    await expect
      .poll(() => ben.page.getByTestId("my-hand-status").textContent())
      .toBe("Your hand is raised. You are number 2 of 2 in line.");
    expect(await ben.page.getByTestId("hands-panel").textContent()).not.toContain("Amal");

    // The facilitator sees both, by name, in the order raised, and invites the next: Amal.
    const entries = host.getByTestId("hand-entry");
    await expect
      .poll(() => entries.allTextContents())
      .toEqual([expect.stringContaining("Amal"), expect.stringContaining("Ben")]);
    await host.screenshot({ path: `${ARTIFACTS}hands-queue-facilitator.png` });
    const axe = (page: typeof host) =>
      new AxeBuilder({ page })
        .include('[data-testid="hands-panel"]')
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
    expect((await axe(host)).violations.map((violation) => violation.id)).toEqual([]);
    await host.getByTestId("call-next").click();
    await expect
      .poll(() => amal.page.getByTestId("my-hand-status").textContent())
      .toBe("You are invited to speak. Unmute yourself on the video call when you are ready.");
    await host.locator('[data-testid="hand-entry"][data-status="called"]').filter({ hasText: "Amal" }).waitFor();
    await expect
      .poll(() => ben.page.getByTestId("my-hand-status").textContent())
      .toBe("Your hand is raised. You are number 1 of 1 in line.");
    await amal.page.screenshot({ path: `${ARTIFACTS}hands-invited-phone.png` });

    // Amal lowers her hand when she is done; the facilitator's queue has Ben only.
    await amal.page.getByTestId("lower-hand").click();
    await expect.poll(() => entries.allTextContents()).toEqual([expect.stringContaining("Ben")]);

    // Ben applauds three times and sends a heart: everyone sees the burst, Amal as counts only.
    for (let i = 0; i < 3; i++) await ben.page.getByTestId("react-applause").click();
    await ben.page.getByTestId("react-heart").click();
    await host.getByTestId("reaction-counts").waitFor();
    await expect.poll(() => amal.page.getByTestId("reaction-counts").textContent()).toMatch(/👏|❤️/);
    expect(await amal.page.locator(".reaction-floats").isVisible()).toBe(false);
    await amal.page.screenshot({ path: `${ARTIFACTS}reactions-phone.png` });
    expect((await axe(amal.page)).violations.map((violation) => violation.id)).toEqual([]);
    // The bar's buttons have names a screen reader says.
    expect(await ben.page.getByRole("button", { name: "Applause" }).count()).toBe(1);

    expect([...facilitator.problems, ...amal.problems, ...ben.problems]).toEqual([]);
  });
});
