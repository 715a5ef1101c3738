import { describe, expect, it } from "vitest";
import { appServerForThisTest, createWorkshop, openPerson, useBrowser } from "../helpers/browser.js";

const browser = useBrowser();

describe("the join page on a link slower than a person types", () => {
  it("the form is there before the app's script: a name typed into it is kept, with the focus, when the app takes over, and the person joins under it", {
    timeout: 120_000,
  }, async () => {
    const server = await appServerForThisTest();
    const host = await openPerson(browser(), "Fatima");
    const link = await createWorkshop(host.page, server.url, "Regional forum on safe migration");

    const amal = await openPerson(browser(), "Amal", 360);
    const { page } = amal;
    // The app's entry script is held back until the name has been typed.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(link, { waitUntil: "commit" });
    const nameField = page.locator("#join-name");
    await nameField.waitFor();
    expect(await page.locator('[data-prerender="join"]').count()).toBe(1);
    expect(await page.locator("#join-code").inputValue()).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    // The name field has the focus already: a person just types.
    await page.keyboard.type("Am");
    expect(await nameField.inputValue()).toBe("Am");

    release();
    await page.getByTestId("join-name").waitFor();
    expect(await page.locator('[data-prerender="join"]').count()).toBe(0);
    expect(await page.getByTestId("join-name").inputValue()).toBe("Am");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("join-name");
    // Typing goes on at the end of what was typed.
    await page.keyboard.type("al");
    await page.getByTestId("join-submit").click();
    await page.waitForURL("**/w");
    await expect.poll(() => page.locator(".me").textContent()).toContain("Amal");
    expect(amal.problems).toEqual([]);
  });

  it("the session's code comes after the form: a Join pressed before it arrived waits for it, busy, and then joins", {
    timeout: 120_000,
  }, async () => {
    const server = await appServerForThisTest();
    const host = await openPerson(browser(), "Fatima");
    const link = await createWorkshop(host.page, server.url, "Regional forum on safe migration");

    const amal = await openPerson(browser(), "Amal", 360);
    const { page } = amal;
    // The session's code (client/src/runtime.ts, its own chunk) is held back; the app's form is not.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = false;
    await page.route(/\/assets\/runtime-[^/]+\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(link, { waitUntil: "commit" });
    const submit = page.getByTestId("join-submit");
    await page.getByTestId("join-name").fill("Amal");
    expect(await submit.isEnabled()).toBe(true);
    await expect.poll(() => asked, { timeout: 30_000 }).toBe(true);
    await submit.click();
    await expect.poll(() => submit.isDisabled(), { timeout: 30_000 }).toBe(true);
    expect(await submit.textContent()).toBe("Connecting…");
    expect(page.url()).toMatch(/\/join\//);

    release();
    await page.waitForURL("**/w");
    await expect.poll(() => page.locator(".me").textContent()).toContain("Amal");
    expect(amal.problems).toEqual([]);
  });
});
