import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Report, ReportOutlineSchema, ReportSchema } from "../../shared/report.js";
import { fetchReport, reportText, type ScriptedWorkshop, scriptedWorkshop } from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "golden");

/**
 * Compares with test/golden/<name>; `UPDATE_GOLDEN=1` rewrites the file instead (then read the
 * diff: that is the review).
 */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    if (process.env.CI === "true" && !existsSync(path)) throw new Error(`golden file ${name} is missing`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/**
 * Ids and clocks differ between runs; everything else must not. Ids become names by where they
 * appear (round 1, its first room...), server times become fixed tokens.
 */
function normaliser(report: Report): (text: string) => string {
  const names = new Map<string, string>([[report.workshop.workshopId, "WORKSHOP"]]);
  report.rounds.forEach((round, r) => {
    names.set(round.roundId, `ROUND${r + 1}`);
    round.rooms.forEach((room, i) => {
      names.set(room.roomId, `ROOM${r + 1}_${i + 1}`);
    });
  });
  const polls = [
    ...(report.plenary?.polls ?? []),
    ...report.rounds.flatMap((round) => [...round.polls, ...round.rooms.flatMap((room) => room.polls)]),
  ];
  polls.forEach((poll, index) => {
    names.set(poll.pollId, `POLL${index + 1}`);
  });
  const times = [
    report.generatedAt,
    report.workshop.createdAt,
    ...report.rounds.map((round) => round.endsAt ?? 0),
  ].filter((ms) => ms > 0);
  const dateTimes = new Set(times.map((ms) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`));
  const dates = new Set(times.map((ms) => new Date(ms).toISOString().slice(0, 10)));
  return (text) => {
    let out = text;
    for (const [id, name] of names) out = out.replaceAll(id, name);
    for (const ms of times) out = out.replaceAll(String(ms), "1700000000000");
    for (const dateTime of dateTimes) out = out.replaceAll(dateTime, "DATE TIME UTC");
    for (const date of dates) out = out.replaceAll(date, "DATE");
    return out;
  };
}

let server: TestServer;
let world: ScriptedWorkshop;
let token: string;

beforeAll(async () => {
  server = await startServer({ store: "redis" });
  world = await scriptedWorkshop(server.url);
  token = world.noteTaker.session.sessionToken;
});
afterAll(async () => {
  world?.close();
  await server?.close();
});

describe("outcome report: golden files of a scripted workshop", () => {
  it("renders exactly the expected JSON, Markdown and CSV", async () => {
    const json = await reportText(server.url, world.workshopId, token, "json");
    const report = ReportSchema.parse(JSON.parse(json));
    const normalise = normaliser(report);
    expectGolden("report.json", normalise(json));
    expectGolden("report.md", normalise(await reportText(server.url, world.workshopId, token, "md")));
    expectGolden("report.csv", normalise(await reportText(server.url, world.workshopId, token, "csv")));
  });

  it("a round and a room on their own", async () => {
    const round = world.rounds[0];
    const room = round?.rooms[1];
    if (!round || !room) throw new Error("script changed");
    const roundJson = ReportSchema.parse(
      JSON.parse(await reportText(server.url, world.workshopId, token, "json", `round:${round.roundId}`)),
    );
    expect(roundJson.plenary).toBeNull();
    expect(roundJson.rounds.map((r) => r.number)).toEqual([1]);
    const roomReport = await reportText(server.url, world.workshopId, token, "json", `room:${room.roomId}`);
    const parsed = ReportSchema.parse(JSON.parse(roomReport));
    expectGolden(
      "report-room.md",
      normaliser(parsed)(await reportText(server.url, world.workshopId, token, "md", `room:${room.roomId}`)),
    );
  });

  it("the HTML is one well-formed, self-contained file with a table of contents and one chart per poll", async () => {
    const html = await reportText(server.url, world.workshopId, token, "html");
    const report = ReportSchema.parse(JSON.parse(await reportText(server.url, world.workshopId, token, "json")));
    const pollCount =
      (report.plenary?.polls.length ?? 0) +
      report.rounds.reduce(
        (sum, round) => sum + round.polls.length + round.rooms.reduce((n, room) => n + room.polls.length, 0),
        0,
      );
    expect(pollCount).toBe(5);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg class="chart"/g)?.length).toBe(pollCount);
    expect(html.match(/<figure class="poll"/g)?.length).toBe(pollCount);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy"`);
    expect(html).toContain("@media print");
    // Every table-of-contents link lands on an element of the document.
    const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets.length).toBe(1 + 1 + 2 + 4);
    for (const target of targets) expect(html).toContain(`id="${target}"`);
    expectWellFormed(html);
  });
});

const VOID = new Set(["meta", "br", "hr", "img", "link", "input"]);

/** Every element opened is closed, in order (the renderer writes no optional end tags). */
function expectWellFormed(html: string): void {
  const body = html.replace(/<!doctype html>/i, "").replace(/<style>[\s\S]*?<\/style>/, "<style></style>");
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = match;
    const name = (rawName as string).toLowerCase();
    if (VOID.has(name) || selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${match.index}`);
    } else stack.push(name);
  }
  expect(stack).toEqual([]);
}

describe("outcome report: access", () => {
  it("no token 401, a participant 403, another workshop's token 401, junk 400, unknown room 404", async () => {
    const participant = world.people[0]?.session.sessionToken as string;
    expect((await fetchReport(server.url, world.workshopId, null)).status).toBe(401);
    const forbidden = await fetchReport(server.url, world.workshopId, participant, { format: "md" });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await fetchReport(server.url, world.workshopId, "not-a-token")).status).toBe(401);
    const other = await scriptedOtherWorkshopToken();
    expect((await fetchReport(server.url, world.workshopId, other)).status).toBe(401);
    for (const query of [
      { format: "pdf" },
      { scope: "room" },
      { scope: "round:../../x" },
      { attribution: "all" },
      { timeZone: "Nowhere/Atlantis" },
    ]) {
      const response = await fetchReport(server.url, world.workshopId, token, query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
    const missing = await fetchReport(server.url, world.workshopId, token, { scope: "room:rzzzzzzzzzzz" });
    expect([400, 404]).toContain(missing.status);
    const facilitator = await fetchReport(server.url, world.workshopId, world.host.session.sessionToken, {
      format: "md",
    });
    expect(facilitator.status).toBe(200);
  });

  it("answers with the right Content-Type and a download name for each format", async () => {
    const expected = {
      md: "text/markdown; charset=utf-8",
      html: "text/html; charset=utf-8",
      json: "application/json; charset=utf-8",
      csv: "text/csv; charset=utf-8",
    };
    for (const [format, type] of Object.entries(expected)) {
      const response = await fetchReport(server.url, world.workshopId, token, { format });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("content-disposition")).toMatch(
        new RegExp(
          `^attachment; filename="Regional-forum-ending-forced-labour-outcomes\\.${format}"; filename\\*=UTF-8''`,
        ),
      );
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const html = await fetchReport(server.url, world.workshopId, token, { format: "html" });
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("the outline lists the rounds and rooms of the workshop report, for its readers only", async () => {
    const outlineOf = (bearer: string | null) =>
      fetch(`${server.url}/api/workshops/${world.workshopId}/report/outline`, {
        headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      });
    const answer = await outlineOf(token);
    expect(answer.status).toBe(200);
    const outline = ReportOutlineSchema.parse(await answer.json());
    const model = ReportSchema.parse(
      await (await fetchReport(server.url, world.workshopId, token, { format: "json" })).json(),
    );
    expect(outline.rounds).toEqual(
      model.rounds.map((round) => ({
        roundId: round.roundId,
        number: round.number,
        rooms: round.rooms.map((room) => ({ roomId: room.roomId, name: room.name })),
      })),
    );
    expect(outline.rounds.length).toBeGreaterThan(0);
    expect((await outlineOf(null)).status).toBe(401);
    expect((await outlineOf(world.people[0]?.session.sessionToken as string)).status).toBe(403);
    const junk = await fetch(`${server.url}/api/workshops/not%20a%20workshop/report/outline`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(junk.status).toBe(400);
    expect(await junk.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("dates and times in the zone the reader asks for, named next to each; UTC by default", async () => {
    const asked = await fetchReport(server.url, world.workshopId, token, { format: "md", timeZone: "Asia/Kolkata" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toMatch(/^- Generated: \d{4}-\d{2}-\d{2} \d{2}:\d{2} Asia\/Kolkata$/m);
    const model = await fetchReport(server.url, world.workshopId, token, { format: "json", timeZone: "Asia/Kolkata" });
    expect((await model.json()).timeZone).toBe("Asia/Kolkata");
    const plain = await fetchReport(server.url, world.workshopId, token, { format: "md" });
    expect(await plain.text()).toMatch(/^- Generated: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
  });

  it("the same state gives the same bytes; only the generated-at line differs", async () => {
    const formats = ["md", "html", "json", "csv"] as const;
    const allFormats = () =>
      Promise.all(formats.map((format) => reportText(server.url, world.workshopId, token, format)));
    const generatedAt = (json: string) => ReportSchema.parse(JSON.parse(json)).generatedAt;
    const first = await allFormats();
    const firstAt = generatedAt(first[formats.indexOf("json")] as string);
    // Asked again once the server's clock (as its reports tell it) is more than a second further:
    // anything else in a report that followed the clock, to the second, would then differ.
    await expect
      .poll(async () => generatedAt(await reportText(server.url, world.workshopId, token, "json")), { interval: 200 })
      .toBeGreaterThan(firstAt + 1000);
    const second = await allFormats();
    expect(generatedAt(second[formats.indexOf("json")] as string)).toBeGreaterThan(firstAt + 1000);
    const withoutClock = (text: string) =>
      text.replace(/"generatedAt": \d+/, "").replace(/Generated(<\/dt><dd>|: )\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, "");
    formats.forEach((format, index) => {
      expect(withoutClock(second[index] as string), format).toBe(withoutClock(first[index] as string));
    });
  });
});

async function scriptedOtherWorkshopToken(): Promise<string> {
  const response = await fetch(`${server.url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Another forum" }),
  });
  const created = (await response.json()) as { facilitatorKey: string };
  const { connectClient } = await import("../helpers/client.js");
  const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Other" });
  host.close();
  return host.session.sessionToken;
}
