import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../shared/report.js";
import {
  appServerForThisTest,
  createAndEnter,
  joinByLink,
  openPerson,
  openRound,
  planRooms,
  useBrowser,
} from "../helpers/browser.js";
import { fetchReport } from "../helpers/reportWorkshop.js";

const browser = useBrowser();
const MINUTE = 60_000;

/** A `datetime-local` value in UTC (the facilitator's browser runs in UTC below). */
function utcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** Adds a session in the facilitator's programme panel and waits for the form to close. */
async function addSession(host: Page, title: string, times: { start: number; end: number }, speakers = "") {
  await host.getByTestId("programme-add").click();
  const form = host.getByTestId("session-form");
  await form.getByTestId("session-title").fill(title);
  await form.getByTestId("session-start").fill(utcInput(times.start));
  await form.getByTestId("session-end").fill(utcInput(times.end));
  if (speakers) await form.getByTestId("session-speakers").fill(speakers);
  await form.getByTestId("session-save").click();
  await form.waitFor({ state: "detached" });
}

/** Two sessions around the real time now: a panel that runs, a workshop that follows. */
function panelThenWorkshop() {
  const minuteNow = Math.floor(Date.now() / MINUTE) * MINUTE;
  const panel = { start: minuteNow - 30 * MINUTE, end: minuteNow + 30 * MINUTE };
  return { panel, workshop: { start: panel.end, end: panel.end + 60 * MINUTE } };
}

/** The text of a select's chosen option. */
async function chosen(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator("option:checked").textContent()) ?? "";
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
    const { panel, workshop } = panelThenWorkshop();
    await addSession(host, "Survivor panel", panel, "Mira (pseudonym)\nDr Chen");
    await addSession(host, "Partnerships workshop", workshop);
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

  it("planning a round and building a poll offer the programme's sessions, the one on now chosen; the report puts both under it", {
    timeout: 240_000,
  }, async () => {
    const server = await appServerForThisTest();
    const facilitator = await openPerson(browser(), "Fatima", 1280, "UTC");
    const host = facilitator.page;
    await createAndEnter(host, server.url, "Asia Regional Forum", "Fatima");
    // Without a programme there is nothing to choose: no session field.
    await host.getByTestId("plan-count").waitFor();
    expect(await host.getByTestId("plan-session").count()).toBe(0);

    const { panel, workshop } = panelThenWorkshop();
    await addSession(host, "Survivor panel", panel);
    await addSession(host, "Partnerships workshop", workshop);
    await expect.poll(() => host.getByTestId("programme-session").count()).toBe(2);

    // The plan form: the programme's sessions in order, the panel (on now) chosen.
    await host.getByTestId("plan-session").waitFor();
    expect(await host.getByTestId("plan-session").locator("option").allTextContents()).toEqual([
      "None (the whole forum)",
      "Survivor panel (on now)",
      "Partnerships workshop",
    ]);
    expect(await chosen(host, "plan-session")).toBe("Survivor panel (on now)");
    expect(await host.getByLabel("Session this round belongs to").count()).toBe(1);
    await planRooms(host, ["Forced labour", "Safe return"]);

    // The poll builder: a plenary poll starts tagged with the panel too.
    await host.getByTestId("poll-new").click();
    const builder = host.getByTestId("poll-builder");
    await builder.getByTestId("poll-session").waitFor();
    expect(await chosen(host, "poll-session")).toBe("Survivor panel (on now)");
    expect(await builder.getByLabel("Session this poll belongs to").count()).toBe(1);
    const question = "Which support should the panel's follow-up cover?";
    await builder.getByTestId("poll-question").fill(question);
    await builder.getByTestId("poll-option-input").nth(0).fill("Legal aid");
    await builder.getByTestId("poll-option-input").nth(1).fill("Safe housing");
    await builder.getByTestId("poll-open-now").click();
    await host.locator('[data-testid="poll-card"][data-status="open"]').waitFor();
    // A round only planned is not in the report: open it (nobody assigned, everyone stays in the plenary).
    await openRound(host);

    // The report, fetched as the facilitator: the round and the poll are the panel's.
    const token = await host.evaluate(() => sessionStorage.getItem("workshop.sessionToken") ?? "");
    const workshopId = token.split(".")[0] ?? "";
    const json = await fetchReport(server.url, workshopId, token, { format: "json" });
    expect(json.status).toBe(200);
    const report = ReportSchema.parse(await json.json());
    const panelSession = report.programme?.find((session) => session.title === "Survivor panel");
    expect(panelSession?.polls.map((poll) => poll.question)).toEqual([question]);
    expect(report.rounds.map((round) => round.sessionId)).toEqual([panelSession?.sessionId]);
    expect(report.programme?.find((session) => session.title === "Partnerships workshop")?.polls).toEqual([]);
    expect(report.plenary?.polls ?? []).toEqual([]);
    const markdown = await (await fetchReport(server.url, workshopId, token, { format: "md" })).text();
    const positions = [
      "## Survivor panel\n",
      question,
      "### Round 1\n",
      "#### Forced labour\n",
      "## Partnerships workshop\n",
    ].map((text) => markdown.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(facilitator.problems).toEqual([]);
  });
});
