import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_CATALOGS } from "../../server/domain/report/i18n/index.js";
import { LANGUAGES } from "../../shared/languages.js";
import { ReportSchema } from "../../shared/report.js";
import { openRound, planRound } from "../helpers/breakout.js";
import { sendChat } from "../helpers/chat.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { fetchReport } from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

/**
 * Chat in the outcome report (issue 17): never there unless a facilitator includes chosen
 * channels (`chat=plenary,<roomId>...`), and then without anyone's name, in every format and
 * language; note-takers and participants cannot ask for it; junk is refused.
 */

const FORMATS = ["md", "html", "json", "csv"] as const;
const NAMES = {
  host: "Fatimah Zerowind",
  red: "Amaranth Quillon",
  blue: "Bexley Harrowgate",
  noteTaker: "Nadia Notewright",
};
const RED_TEXT = "canary-red-41f0: the shelter needs <b>beds</b> & *funding*\nsecond line of it";
const RED_LATER = "canary-red-later-9a2e: thank you all";
const HIDDEN_TEXT = "canary-hidden-77c1: words a moderator removed";
const HIDE_REASON = `canary-reason-0d3b: it named ${NAMES.red}`;
const BLUE_TEXT = "=canary-blue-5b6d: a formula-looking message";
const PLENARY_TEXT = "canary-plenary-c3a8: welcome, everyone";

let server: TestServer;
let clients: TestClient[] = [];
let world: {
  workshopId: string;
  host: TestClient;
  red: TestClient;
  blue: TestClient;
  noteTaker: TestClient;
  redRoom: string;
  blueRoom: string;
};

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`refused: ${settled.error.code}`);
  return settled.data;
}

beforeAll(async () => {
  server = await startServer({ store: "redis" });
  const created = await createWorkshop(server.url, "Chat report forum");
  const join = (displayName: string) =>
    connectClient(server.url, { joinCode: created.joinCode, displayName }, { keptAcrossTests: true });
  const host = await connectClient(
    server.url,
    { facilitatorKey: created.facilitatorKey, displayName: NAMES.host },
    { keptAcrossTests: true },
  );
  const [red, blue, noteTaker] = await Promise.all([join(NAMES.red), join(NAMES.blue), join(NAMES.noteTaker)]);
  clients = [host, red, blue, noteTaker];
  await host.mirror.until((state) => state.participants.size === 4);
  await ok(
    host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: noteTaker.session.participantId,
      role: "note-taker",
    }),
  );
  // Red hides its people's names, Blue shows them: Blue's and the host's messages carry a label live.
  const round = await planRound(host, [{ name: "Red" }, { name: "Blue", namesVisible: true }]);
  const redRoom = round.rooms[0]?.roomId as string;
  const blueRoom = round.rooms[1]?.roomId as string;
  for (const [person, roomId] of [
    [red, redRoom],
    [blue, blueRoom],
  ] as const) {
    await ok(
      host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [person.session.participantId],
        roomId,
      }),
    );
  }
  await openRound(host, round);

  await sendChat(red, redRoom, RED_TEXT);
  const hidden = await sendChat(red, redRoom, HIDDEN_TEXT);
  await sendChat(red, redRoom, RED_LATER);
  await ok(
    host.send("chat:hide", { commandId: newCommandId(), channelId: redRoom, seq: hidden.seq, reason: HIDE_REASON }),
  );
  expect((await sendChat(blue, blueRoom, BLUE_TEXT)).author).toBe(NAMES.blue);
  expect((await sendChat(host, "plenary", PLENARY_TEXT)).author).toBe(NAMES.host);
  world = { workshopId: created.workshopId, host, red, blue, noteTaker, redRoom, blueRoom };
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function report(client: TestClient, query: Record<string, string>) {
  return fetchReport(server.url, world.workshopId, client.session.sessionToken, query);
}

async function reportOk(client: TestClient, query: Record<string, string>): Promise<string> {
  const response = await report(client, query);
  if (response.status !== 200) throw new Error(`report: ${response.status} ${await response.text()}`);
  return response.text();
}

async function errorOf(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { error: { code: string } };
  return [response.status, body.error.code];
}

/** Everything that could tell who wrote a message: names, ids, the moderator's reason. */
function whoFragments(): string[] {
  const people = [world.host, world.red, world.blue, world.noteTaker];
  return [
    ...Object.values(NAMES),
    ...people.map((person) => person.session.participantId),
    "canary-reason",
    "canary-hidden",
    "A participant",
  ];
}

describe("chat in the outcome report", () => {
  it("is not in the report by default, in any format or scope, for a facilitator either", async () => {
    for (const format of FORMATS) {
      for (const scope of ["workshop", `room:${world.redRoom}`]) {
        const text = await reportOk(world.host, { format, scope });
        expect(text, `${format} ${scope}`).not.toContain("canary-");
        expect(text).not.toContain(REPORT_CATALOGS.en.chatIncluded);
      }
    }
  });

  it("a facilitator includes chosen channels: every format holds the messages in order, with times in the reader's zone, and names no one", async () => {
    const chat = `${world.blueRoom},plenary,${world.redRoom},plenary`;
    const texts = Object.fromEntries(
      await Promise.all(
        FORMATS.map(
          async (format) => [format, await reportOk(world.host, { format, chat, timeZone: "Asia/Bangkok" })] as const,
        ),
      ),
    );
    for (const [format, text] of Object.entries(texts)) {
      for (const fragment of ["canary-red-41f0", "canary-red-later-9a2e", "canary-blue-5b6d", "canary-plenary-c3a8"]) {
        expect(text, `${format}: ${fragment}`).toContain(fragment);
      }
      // In order within a channel; the hidden message keeps its place without its words or reason.
      expect(text.indexOf("canary-red-41f0")).toBeLessThan(text.indexOf("canary-red-later-9a2e"));
      for (const who of whoFragments()) expect(text, `${format} carries ${who}`).not.toContain(who);
      if (format !== "json") expect(text, format).toContain(REPORT_CATALOGS.en.chatIncluded);
      // CSV says `hidden` as a code (item_type), the others in words.
      if (format === "md" || format === "html") expect(text, format).toContain(REPORT_CATALOGS.en.chatHidden);
    }
    expect(texts.md).toContain("Asia/Bangkok: canary-red-41f0");
    expect(texts.md).toMatch(/^- \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Bangkok: _A message hidden by a moderator\._$/m);
    // Typed text stays inert in each format.
    expect(texts.md).toContain("\\<b\\>beds\\</b\\> \\& \\*funding\\* second line of it");
    expect(texts.html).toContain("&lt;b&gt;beds&lt;/b&gt; &amp; *funding*<br>second line of it");
    expect(texts.csv).toContain(`"'=canary-blue-5b6d`);
    // CSV: two more columns, the notice first, a row per message with its seq and local time.
    const lines = (texts.csv as string).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/,"message_seq","sent_at"$/);
    expect(lines[1]).toMatch(/^"chat",,,/);
    expect(lines.find((line) => line.includes("canary-red-41f0"))).toMatch(
      /^"chat",1,"Red",.*"message".*,1,"\d{4}-\d\d-\d\dT\d\d:\d\d\+07:00"$/s,
    );
    expect(lines.filter((line) => line.startsWith('"chat",1,"Red",,,,,"hidden",,'))).toHaveLength(1);

    const model = ReportSchema.parse(JSON.parse(texts.json as string));
    expect(model.chatIncluded).toEqual(["plenary", world.redRoom, world.blueRoom]);
    expect(model.plenary?.chat?.map((message) => message.text)).toEqual([PLENARY_TEXT]);
    const [redRoom, blueRoom] = model.rounds[0]?.rooms ?? [];
    expect(redRoom?.chat?.map((message) => [message.seq, message.text])).toEqual([
      [1, RED_TEXT],
      [2, null],
      [3, RED_LATER],
    ]);
    expect(blueRoom?.chat?.map((message) => message.text)).toEqual([BLUE_TEXT]);
    for (const message of redRoom?.chat ?? []) expect(Object.keys(message).sort()).toEqual(["at", "seq", "text"]);

    // Only the channels asked for: Blue alone leaves Red and the plenary out.
    const blueOnly = await reportOk(world.host, { format: "md", chat: world.blueRoom });
    expect(blueOnly).toContain("canary-blue");
    expect(blueOnly).not.toMatch(/canary-(red|plenary)/);
    // Nothing of it in the logs.
    const logs = server.logLines.join("\n");
    expect(logs).not.toContain("canary-");
    for (const name of Object.values(NAMES)) expect(logs).not.toContain(name);
  });

  it("every language writes the line that says a facilitator chose it and it names no one", async () => {
    for (const { tag } of LANGUAGES) {
      const catalog = REPORT_CATALOGS[tag];
      for (const format of ["md", "html", "csv"] as const) {
        const text = await reportOk(world.host, { format, lang: tag, chat: world.redRoom });
        expect(text, `${tag} ${format}`).toContain(catalog.chatIncluded);
        if (format !== "csv") expect(text, `${tag} ${format}`).toContain(catalog.chatHidden);
        expect(text).toContain("canary-red-41f0");
        for (const who of whoFragments()) expect(text, `${tag} ${format} carries ${who}`).not.toContain(who);
      }
    }
  });

  it("a room's report includes that room's chat; a channel outside the scope, or no such room, is 404", async () => {
    const scope = `room:${world.redRoom}`;
    const text = await reportOk(world.host, { format: "md", scope, chat: world.redRoom });
    expect(text).toContain("canary-red-41f0");
    expect(text).not.toContain("canary-blue");
    for (const chat of [world.blueRoom, "plenary", "mzzzzzzzzzzz"]) {
      expect(await errorOf(await report(world.host, { format: "md", scope, chat })), chat).toEqual([404, "NOT_FOUND"]);
    }
    expect(await errorOf(await report(world.host, { chat: "mzzzzzzzzzzz" }))).toEqual([404, "NOT_FOUND"]);
  });

  it("note-takers and participants may not include chat (403 FORBIDDEN); junk is 400 BAD_REQUEST", async () => {
    expect(await errorOf(await report(world.noteTaker, { chat: "plenary" }))).toEqual([403, "FORBIDDEN"]);
    expect(await errorOf(await report(world.noteTaker, { format: "json", chat: world.redRoom }))).toEqual([
      403,
      "FORBIDDEN",
    ]);
    expect(await errorOf(await report(world.red, { chat: world.redRoom }))).toEqual([403, "FORBIDDEN"]);
    // The note-taker's report without chat is as before.
    expect(await reportOk(world.noteTaker, { format: "md" })).not.toContain("canary-");
    for (const chat of ["", "everyone", "plenary,", `${world.redRoom};plenary`, "PLENARY", "m1", "x".repeat(5000)]) {
      expect(await errorOf(await report(world.host, { chat })), JSON.stringify(chat.slice(0, 20))).toEqual([
        400,
        "BAD_REQUEST",
      ]);
    }
    // The parameter twice is junk too (not a list the schema reads).
    const twice = await fetch(
      `${server.url}/api/workshops/${world.workshopId}/report?chat=plenary&chat=${world.redRoom}`,
      { headers: { Authorization: `Bearer ${world.host.session.sessionToken}` } },
    );
    expect(await errorOf(twice)).toEqual([400, "BAD_REQUEST"]);
  });
});
