import { describe, expect, it } from "vitest";
import { appServerForThisTest, createAndEnter, joinByLink, openPerson, useBrowser } from "../helpers/browser.js";

const browser = useBrowser();
const MINUTE = 60_000;

/** A `datetime-local` value in UTC (the facilitator's browser runs in UTC below). */
function utcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** How the app writes a session's times (client/src/views/programme/model.ts), in a given zone. */
function shownTimes(startsAt: number, endsAt: number, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en", { weekday: "short", hour: "numeric", minute: "2-digit", timeZone });
  const time = new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone });
  return `${day.format(startsAt)} – ${time.format(endsAt)}`;
}

describe("the programme in a real browser", () => {
  it("a facilitator adds two sessions; a participant in Dhaka sees Now and Next in her own time, and Now moves when the clock passes the boundary", {
    timeout: 240_000,
  }, async () => {
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima", 1280, "UTC");
    const host = facilitator.page;
    const link = await createAndEnter(host, server.url, "Asia Regional Forum", "Fatima");

    // Two sessions around the real time now: the panel runs, the workshop follows.
    const minuteNow = Math.floor(Date.now() / MINUTE) * MINUTE;
    const panel = { start: minuteNow - 30 * MINUTE, end: minuteNow + 30 * MINUTE };
    const workshop = { start: panel.end, end: panel.end + 60 * MINUTE };
    const addSession = async (title: string, times: { start: number; end: number }, speakers = "") => {
      await host.getByTestId("programme-add").click();
      const form = host.getByTestId("session-form");
      await form.getByTestId("session-title").fill(title);
      await form.getByTestId("session-start").fill(utcInput(times.start));
      await form.getByTestId("session-end").fill(utcInput(times.end));
      if (speakers) await form.getByTestId("session-speakers").fill(speakers);
      await form.getByTestId("session-save").click();
      await form.waitFor({ state: "detached" });
    };
    await addSession("Survivor panel", panel, "Mira (pseudonym)\nDr Chen");
    await addSession("Partnerships workshop", workshop);
    await expect.poll(() => host.getByTestId("programme-session").count()).toBe(2);

    // The participant's browser is in Dhaka (UTC+6), with a clock the test moves.
    const amal = await openPerson(browser(), "Amal", 360, "Asia/Dhaka");
    await amal.page.clock.install({ time: Date.now() });
    await joinByLink(amal, link);
    const page = amal.page;
    const nowLine = page.getByTestId("now-session");
    const nextLine = page.getByTestId("next-session");
    await nowLine.waitFor();
    expect(await nowLine.textContent()).toContain("Survivor panel");
    expect(await nowLine.textContent()).toContain(shownTimes(panel.start, panel.end, "Asia/Dhaka"));
    expect(await nextLine.textContent()).toContain("Partnerships workshop");
    expect(await nextLine.textContent()).toContain(shownTimes(workshop.start, workshop.end, "Asia/Dhaka"));
    // Dhaka's times, not the facilitator's UTC ones.
    expect(shownTimes(panel.start, panel.end, "Asia/Dhaka")).not.toBe(shownTimes(panel.start, panel.end, "UTC"));
    // The full programme marks the session on now; the speakers are as typed.
    const current = page.locator('[data-testid="programme-session"][aria-current="time"]');
    expect(await current.textContent()).toContain("Survivor panel");
    expect(await current.textContent()).toContain("Mira (pseudonym), Dr Chen");
    // The panel's own Q&A board is in the plenary while it runs.
    await page.getByRole("heading", { name: "Questions for Survivor panel" }).waitFor();

    // Her clock passes the end of the panel: the workshop is on now, nothing is next.
    await page.clock.setSystemTime(Date.now() + 31 * MINUTE);
    await expect.poll(() => nowLine.textContent(), { timeout: 30_000 }).toContain("Partnerships workshop");
    expect(await nextLine.count()).toBe(0);
    expect(await current.textContent()).toContain("Partnerships workshop");
    await page.getByRole("heading", { name: "Questions for Partnerships workshop" }).waitFor();
    expect(await page.getByRole("heading", { name: "Questions for Survivor panel" }).count()).toBe(0);
    // Participants get no editor.
    expect(await page.getByTestId("programme-add").count()).toBe(0);
    expect([...facilitator.problems, ...amal.problems]).toEqual([]);
  });
});
