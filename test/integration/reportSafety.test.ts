import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportFormat, ReportSchema } from "../../shared/report.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { createPoll, singleChoice } from "../helpers/polls.js";
import { ask, loadBoard, moderate } from "../helpers/qna.js";
import {
  DEFAULT_TEXTS,
  fetchReport,
  reportText,
  type ScriptedWorkshop,
  scriptedWorkshop,
} from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

const FORMATS: readonly ReportFormat[] = ["md", "html", "json", "csv"];

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server?.close());

async function everyFormat(world: ScriptedWorkshop, token: string, attribution?: "attributed") {
  const texts: Record<string, string> = {};
  const scopes = ["workshop", `round:${world.rounds[0]?.roundId}`, `room:${world.rounds[0]?.rooms[0]?.roomId}`];
  for (const scope of scopes) {
    for (const format of FORMATS) {
      const response = await fetchReport(server.url, world.workshopId, token, {
        format,
        scope,
        ...(attribution ? { attribution } : {}),
      });
      expect(response.status).toBe(200);
      texts[`${scope} ${format}`] = await response.text();
    }
  }
  return texts;
}

describe("outcome report: attribution", () => {
  let world: ScriptedWorkshop;
  const canary = `Canary${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    world = await scriptedWorkshop(server.url, {
      ...DEFAULT_TEXTS,
      personName: (index) => `${canary} person${index}`,
      noteTakerName: `${canary} notes`,
    });
  });
  afterAll(() => world?.close());

  it("by default no participant name appears anywhere, in any format or scope, nor in the logs", async () => {
    const texts = await everyFormat(world, world.noteTaker.session.sessionToken);
    for (const [what, text] of Object.entries(texts)) {
      expect(text.includes(canary), `${what} names someone`).toBe(false);
      expect(text.includes("Host"), `${what} names the facilitator`).toBe(false);
    }
    expect(server.logLines.join("\n")).not.toContain(canary);
  });

  it("attributed only once a facilitator allows it; then only consenting named askers and note-takers are named", async () => {
    const token = world.noteTaker.session.sessionToken;
    const refused = await fetchReport(server.url, world.workshopId, token, { attribution: "attributed" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "INVALID_STATE" } });

    const participant = world.people[0] as TestClient;
    const notAllowed = await participant.send("workshop:setAttribution", {
      commandId: newCommandId(),
      attribution: "attributed",
    });
    expect(notAllowed.ok ? "ok" : notAllowed.error.code).toBe("FORBIDDEN");
    const enabled = await world.host.send("workshop:setAttribution", {
      commandId: newCommandId(),
      attribution: "attributed",
    });
    expect(enabled.ok && enabled.data.reportAttribution).toBe("attributed");
    // Everyone sees it, so whoever asks a named question from now on knows.
    await participant.mirror.until((state) => state.workshop?.reportAttribution === "attributed");

    const consenting = await connectClient(server.url, {
      joinCode: world.host.mirror.state.workshop?.joinCode as string,
      displayName: `Consenting ${canary}`,
    });
    const hidden = await connectClient(server.url, {
      joinCode: world.host.mirror.state.workshop?.joinCode as string,
      displayName: `Hidden ${canary}`,
    });
    try {
      for (const client of [consenting, hidden]) await loadBoard(client);
      const named = await ask(consenting, "A named question after consent", false, "plenary", true);
      // Anonymous wins over a consent flag; a named question without the flag (the asker was
      // not shown the notice, e.g. an old client) is not credited either.
      const anonymous = await ask(hidden, "An anonymous question after consent", true, "plenary", true);
      const unconsented = await ask(world.people[2] as TestClient, "A named question, no consent", false);
      for (const question of [named.question, anonymous.question, unconsented.question]) {
        expect((await moderate(world.host, "qna:approve", question.questionId)).ok).toBe(true);
      }
      const texts = await everyFormat(world, token, "attributed");
      for (const [what, text] of Object.entries(texts)) {
        expect(text.includes(`Hidden ${canary}`), `${what} names an anonymous asker`).toBe(false);
        // Person 0 asked a named question before attribution was announced.
        expect(text.includes(`${canary} person0`), `${what} names an asker who was not told`).toBe(false);
        expect(text.includes(`${canary} person1`), `${what} names an anonymous asker`).toBe(false);
        expect(text.includes(`${canary} person2`), `${what} names an asker who did not agree`).toBe(false);
        // People 0-3 cast named ballots (the shelters poll): a report says "named ballots", never who.
        for (let index = 0; index < 8; index++) {
          expect(text.includes(`${canary} person${index}`), `${what} names person ${index}`).toBe(false);
        }
      }
      expect(texts["workshop md"]).toContain("· named ballots ·");
      for (const format of FORMATS) expect(texts[`workshop ${format}`]).toContain(`Consenting ${canary}`);
      // The CSV holds polls, questions and outcomes; the note-takers are in the report's header.
      for (const format of ["md", "html", "json"]) expect(texts[`workshop ${format}`]).toContain(`${canary} notes`);
      const model = ReportSchema.parse(JSON.parse(texts["workshop json"] as string));
      expect(model.attribution).toBe("attributed");
      const authors = (model.plenary?.questions ?? []).map((question) => [question.text, question.author]);
      expect(authors).toContainEqual(["A named question after consent", `Consenting ${canary}`]);
      expect(authors).toContainEqual(["An anonymous question after consent", null]);
      expect(authors).toContainEqual(["A named question, no consent", null]);
      expect(authors).toContainEqual(["How do we protect witnesses?", null]);
      // The default stays unattributed even now.
      const plain = await reportText(server.url, world.workshopId, token, "md");
      expect(plain).not.toContain(canary);
    } finally {
      consenting.close();
      hidden.close();
      await world.host.send("workshop:setAttribution", { commandId: newCommandId(), attribution: "none" });
    }
  });
});

describe("outcome report: hostile input comes out inert in every format", () => {
  const hostile = {
    script: "<script>alert(1)</script>",
    img: "<img src=x onerror=alert(2)>",
    link: "[click](javascript:alert(3))",
    formula: '=HYPERLINK("http://evil.example","x")',
  };
  let world: ScriptedWorkshop;
  beforeAll(async () => {
    world = await scriptedWorkshop(server.url, {
      title: `Forum ${hostile.script}`,
      personName: (index) => `${hostile.img} ${index}`,
      noteTakerName: hostile.script,
      roomNames: [`${hostile.img} A`, `|pipe| **b** B`, "=cmd C", "@SUM(1) D"],
      topic: hostile.link,
      pollQuestion: `${hostile.formula} ${hostile.img}?`,
      optionLabel: "+1 & <b>bold</b>",
      question: `${hostile.img} ${hostile.link}`,
      reply: `@${hostile.formula}`,
      textAnswer: "-danger",
      notesLine: `${hostile.script} ${hostile.link} ${hostile.img} <!-- c --> [x](  data:text/html,hi)`,
    });
  });
  afterAll(() => world?.close());

  it("HTML: only the renderer's own elements, no handlers, no links", async () => {
    const html = await reportText(server.url, world.workshopId, world.noteTaker.session.sessionToken, "html");
    const allowed = new Set(
      "html head meta title style body header h1 h2 h3 h4 h5 h6 dl dt dd nav ol ul li a main section p strong em code figure svg text rect table thead tbody tr th td blockquote span div".split(
        " ",
      ),
    );
    for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g))
      expect(allowed).toContain(match[1]?.toLowerCase());
    // The only links are the table of contents'.
    for (const match of html.matchAll(/<a\b[^>]*>/g)) expect(match[0]).toMatch(/^<a href="#[a-z0-9-]+">$/);
    // Typed text may say "onerror=": as escaped text. No element carries a handler.
    for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) expect(tag[0]).not.toMatch(/\son\w+\s*=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("Markdown: no raw HTML, no script links, table cells intact", async () => {
    const md = await reportText(server.url, world.workshopId, world.noteTaker.session.sessionToken, "md");
    expect(md).not.toMatch(/(?<!\\)<(script|img|b|!--)/i);
    expect(md).not.toMatch(/(?<!\\)\]\(\s*(javascript|data):/i);
    // Every table row has as many cells as its header.
    const tableLines = md.split("\n").filter((line) => line.startsWith("| "));
    for (const line of tableLines) {
      const cells = line.replace(/\\\|/g, "").split("|").length;
      expect(cells).toBeGreaterThanOrEqual(4);
    }
    expect(md).toContain("\\<img src=x onerror=alert(2)\\>");
  });

  it("CSV: no cell a spreadsheet would run", async () => {
    const csv = await reportText(server.url, world.workshopId, world.noteTaker.session.sessionToken, "csv");
    const cells = parseCsv(csv.replace(/^\uFEFF/, ""));
    const texts = cells.flat();
    expect(texts.some((cell) => cell.includes("HYPERLINK"))).toBe(true);
    for (const cell of texts) {
      // Text cells that would start a formula start with an apostrophe; numbers are numbers.
      if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  it("JSON: the values as typed, as data", async () => {
    const json = await reportText(server.url, world.workshopId, world.noteTaker.session.sessionToken, "json");
    const model = ReportSchema.parse(JSON.parse(json));
    expect(model.workshop.title).toBe(`Forum ${hostile.script}`);
    expect(model.rounds[0]?.rooms[0]?.topic).toBe(hostile.link);
  });
});

describe("outcome report: notes carry no remote image and no text a bidi control", () => {
  const bidi = /[\u202A-\u202E\u2066-\u2069]/;
  /** Urdu with RLM, Persian with ZWNJ, Bengali with ZWJ: they must come through untouched. */
  const needed = [
    "\u0627\u0631\u062F\u0648\u200F",
    "\u0645\u06CC\u200C\u062E\u0648\u0627\u0645",
    "\u0995\u09CD\u200D\u09B7",
  ];
  /** Every image form a Markdown viewer would load; each URL on tracker.example, every link elsewhere. */
  const images = [
    "Inline ![pixel one](https://tracker.example/1.gif) and ![](https://tracker.example/2.gif).",
    "Angle and title ![pixel two](<https://tracker.example/3 x.gif> \"Title\") (paren ![p](https://tracker.example/4_(a).gif 't')).",
    "Nested ![a [b] c](https://tracker.example/5.gif), in a link [![badge](https://tracker.example/6.svg)](https://example.org/page).",
    "Reference ![full][pix], ![pix][] and ![pix], hidden !\u202E[split](https://tracker.example/7.gif).",
    "",
    "[pix]: https://tracker.example/8.gif 'Tracker'",
    "",
    '<img src="https://tracker.example/9.gif" alt="html pixel"> <video poster=https://tracker.example/10.jpg></video>',
    `Autolink <https://example.org/auto>, ${needed.join(" ")} \u202Eevil\u202C \u2066isolated\u2069.`,
    "## Side talk \u2066[not for export]\u2069",
    "Private, even behind an isolate.",
    "## Back",
    "- [Action] Count ![chart](https://tracker.example/11.gif) @Am\u202Eal due:2026-12-01",
  ].join("\n");
  let world: ScriptedWorkshop;
  beforeAll(async () => {
    world = await scriptedWorkshop(server.url, {
      ...DEFAULT_TEXTS,
      notesLine: images,
      roomNotesLine: `Room ![room pixel](https://tracker.example/12.gif) \u202D${needed[2]}\u202C`,
    });
  });
  afterAll(() => world?.close());

  it("no format or scope has an image, an image's URL or a bidi control; links, marks and joiners stay", async () => {
    const texts = await everyFormat(world, world.noteTaker.session.sessionToken);
    for (const [what, text] of Object.entries(texts)) {
      expect(text, what).not.toContain("![");
      expect(text, what).not.toContain("tracker.example");
      expect(text, what).not.toMatch(bidi);
      expect(text, what).not.toMatch(/<(img|video)\b/i);
      expect(text, what).not.toContain("Private, even behind an isolate");
    }
    for (const format of ["md", "html", "json"]) {
      const text = texts[`workshop ${format}`] as string;
      for (const word of ["pixel one", "pixel two", "html pixel", "badge", "full", "split", "evil", ...needed]) {
        expect(text, `${format} ${word}`).toContain(word);
      }
    }
    expect(texts["workshop md"]).toContain("[badge](https://example.org/page)");
    expect(texts["workshop md"]).toContain("Inline pixel one and \\[image\\].");
    expect(texts["workshop html"]).toContain("Inline pixel one and [image].");
    const model = ReportSchema.parse(JSON.parse(texts["workshop json"] as string));
    expect(model.plenary?.outcomes.find((outcome) => outcome.kind === "action")).toMatchObject({
      text: "Count chart",
      owner: "Amal",
      due: "2026-12-01",
    });
    expect(model.rounds[0]?.rooms[0]?.notes).toContain(`Room room pixel ${needed[2]}`);
    expect(texts[`room:${world.rounds[0]?.rooms[0]?.roomId} md`]).toContain("room pixel");
  });
});

/** RFC 4180 cells, quotes undone (the report quotes every text cell). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  return rows;
}

describe("outcome report: consistency while votes keep arriving", () => {
  it("every report's tallies match the ballots they count, and include every vote acknowledged before it", async () => {
    const created = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Busy forum" }),
    }).then((response) => response.json() as Promise<{ workshopId: string; joinCode: string; facilitatorKey: string }>);
    const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const voters = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        connectClient(server.url, { joinCode: created.joinCode, displayName: `Voter ${index}` }),
      ),
    );
    const poll = await createPoll(
      host,
      singleChoice({
        question: "Yes or no?",
        options: [
          { optionId: "yes", label: "Yes" },
          { optionId: "no", label: "No" },
        ],
        anonymous: true,
      }),
    );
    let acked = 0;
    const vote = async (voter: TestClient, index: number) => {
      const answer = await voter.send("poll:vote", {
        commandId: newCommandId(),
        pollId: poll.pollId,
        ballot: { kind: "single", optionId: index % 3 === 0 ? "no" : "yes" },
      });
      expect(answer.ok).toBe(true);
      acked++;
    };
    const seen: number[] = [];
    // The votes come in waves of six; reports are asked for, one after another, for as long as a
    // wave is in flight: every report is made while votes keep arriving, at least one per wave.
    const WAVE = 6;
    for (let start = 0; start < voters.length; start += WAVE) {
      let inFlight = true;
      const wave = Promise.all(voters.slice(start, start + WAVE).map((voter, i) => vote(voter, start + i))).finally(
        () => {
          inFlight = false;
        },
      );
      do {
        const ackedBefore = acked;
        const model = ReportSchema.parse(
          JSON.parse(await reportText(server.url, created.workshopId, host.session.sessionToken, "json")),
        );
        const results = model.plenary?.polls[0]?.results;
        if (results?.kind !== "single") throw new Error("expected the poll");
        const total = results.combined.counts.reduce((sum, count) => sum + count.count, 0);
        expect(total).toBe(results.combined.voters);
        expect(results.combined.voters).toBeGreaterThanOrEqual(ackedBefore);
        seen.push(results.combined.voters);
      } while (inFlight);
      await wave;
    }
    const final = ReportSchema.parse(
      JSON.parse(await reportText(server.url, created.workshopId, host.session.sessionToken, "json")),
    );
    const results = final.plenary?.polls[0]?.results;
    expect(results?.kind === "single" && results.combined.counts).toEqual([
      { optionId: "yes", count: 40 },
      { optionId: "no", count: 20 },
    ]);
    const ballots = await server.stores.polls.listBallots(created.workshopId, poll.pollId);
    expect(ballots.length).toBe(60);
    // Reports never went backwards.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThanOrEqual(voters.length / WAVE);
  });
});
