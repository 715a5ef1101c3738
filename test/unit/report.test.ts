import { markdownLanguage } from "@codemirror/lang-markdown";
import { describe, expect, it } from "vitest";
import { buildReport, type ReportSource, reportOutline } from "../../server/domain/report/build.js";
import { dateOf, dateTimeOf, isoLocalOf } from "../../server/domain/report/dates.js";
import { escapeHtml } from "../../server/domain/report/html.js";
import { reportNotes, withoutImages } from "../../server/domain/report/inert.js";
import { inline, notesMarkdown } from "../../server/domain/report/markdown.js";
import { pollSummary } from "../../server/domain/report/pollTable.js";
import { REPORT_RENDERERS } from "../../server/domain/report/render.js";
import { reportWords } from "../../server/domain/report/words.js";
import { contentDisposition } from "../../server/http/downloadRoute.js";
import type { RoundView } from "../../shared/breakout.js";
import { LANGUAGES } from "../../shared/languages.js";
import { parseInline } from "../../shared/notesMarkdown.js";
import { exportableNotes, privateLines } from "../../shared/notesPrivacy.js";
import type { PollView } from "../../shared/poll.js";
import { type ReportPoll, ReportQuerySchema, ReportSchema } from "../../shared/report.js";

describe("not-for-export sections", () => {
  it("a tagged heading hides its section down to the next heading of its level or higher", () => {
    const notes = [
      "# Day one",
      "kept",
      "## Side talk [Not For Export]",
      "hidden",
      "### deeper, still hidden",
      "hidden too",
      "## Back",
      "kept again",
      "# [not for export] Whole part",
      "## nested",
      "hidden",
    ];
    expect(privateLines(notes)).toEqual([false, false, true, true, true, true, false, false, true, true, true]);
    expect(exportableNotes(notes.join("\n"))).toBe("# Day one\nkept\n## Back\nkept again");
  });

  it("headings inside code fences are text; the tag elsewhere than a heading does nothing", () => {
    const notes = ["```", "# [not for export] in code", "```", "plain [not for export] text", "~~~", "~~~"];
    expect(privateLines(notes).every((hidden) => !hidden)).toBe(true);
    const fenced = ["## Private [not for export]", "```", "# looks like a heading", "```", "still hidden", "## Open"];
    expect(privateLines(fenced)).toEqual([true, true, true, true, true, false]);
  });
});

describe("report dates", () => {
  it("are written in the report's zone, with the zone named, across a date line", () => {
    const lateUtc = Date.UTC(2026, 10, 30, 23, 30);
    expect(dateTimeOf(lateUtc, "UTC")).toBe("2026-11-30 23:30 UTC");
    expect(dateOf(lateUtc, "UTC")).toBe("2026-11-30");
    expect(dateTimeOf(lateUtc, "Asia/Bangkok")).toBe("2026-12-01 06:30 Asia/Bangkok");
    expect(dateOf(lateUtc, "Asia/Kathmandu")).toBe("2026-12-01");
    expect(dateTimeOf(lateUtc, "Asia/Kathmandu")).toBe("2026-12-01 05:15 Asia/Kathmandu");
    expect(dateTimeOf(Date.UTC(2026, 0, 1, 0, 0), "America/Los_Angeles")).toBe("2025-12-31 16:00 America/Los_Angeles");
  });
});

describe("report escaping", () => {
  it("Markdown: typed values become one inert line", () => {
    expect(inline("a *b* _c_ `d` [e](javascript:x) <img> | f & g\nnext")).toBe(
      "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](javascript:x) \\<img\\> \\| f \\& g next",
    );
  });

  it("Markdown notes: headings demoted, raw HTML and script links neutralised, code fences untouched", () => {
    const notes =
      "# Title\n<script>x</script>\n[a](javascript:alert(1)) [b]( data:text/html,x)\n```\n<b>code</b>\n# not a heading\n```";
    expect(notesMarkdown(notes, 3)).toBe(
      "#### Title\n&lt;script>x&lt;/script>\n[a](blocked:alert(1)) [b](blocked:text/html,x)\n```\n<b>code</b>\n# not a heading\n```",
    );
    expect(notesMarkdown("###### six", 3)).toBe("###### six");
  });

  it("Markdown notes: a fence a viewer may not see as one (indented, backticks after backticks) keeps no raw HTML", () => {
    const style = '<div style="background:url(https://tracker.example/p.gif)">';
    expect(notesMarkdown(`\`\`\` \`x\`\n${style}`, 3)).toBe(`\`\`\` \`x\`\n&lt;${style.slice(1)}`);
    // In a list item the fence ends where the item does, not at the closing fence.
    expect(notesMarkdown(`- item\n\n  \`\`\`\n${style}\n  \`\`\``, 3)).toBe(
      `- item\n\n  \`\`\`\n&lt;${style.slice(1)}\n  \`\`\``,
    );
    // A lone CR ends a line for a viewer: the fence closes there, and so it does here.
    expect(notesMarkdown("~~~\r<b>code</b>\r~~~\r<b>text</b>", 3)).toBe("~~~\n<b>code</b>\n~~~\n&lt;b>text&lt;/b>");
    expect(reportNotes("a\r## [not for export]\rsecret")).toBe("a");
  });

  it("HTML escaping covers the five characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("download names: an ASCII fallback and the exact name in UTF-8", () => {
    expect(contentDisposition("Diễn đàn - outcomes", "md")).toBe(
      `attachment; filename="Dien-an-outcomes.md"; filename*=UTF-8''Di%E1%BB%85n%20%C4%91%C3%A0n%20-%20outcomes.md`,
    );
    expect(contentDisposition("出口", "csv")).toBe(
      `attachment; filename="download.csv"; filename*=UTF-8''%E5%87%BA%E5%8F%A3.csv`,
    );
  });

  it("the query: defaults, scopes, and junk refused", () => {
    expect(ReportQuerySchema.parse({})).toEqual({
      format: "md",
      scope: { kind: "workshop" },
      attribution: "none",
      timeZone: "UTC",
      lang: "en",
    });
    expect(ReportQuerySchema.parse({ timeZone: "Asia/Kathmandu" }).timeZone).toBe("Asia/Kathmandu");
    for (const timeZone of ["", "Mars/Olympus_Mons", "UTC<script>", "x".repeat(65)]) {
      expect(ReportQuerySchema.safeParse({ timeZone }).success).toBe(false);
    }
    expect(ReportQuerySchema.parse({ scope: "round:rabcdefghijk" }).scope).toEqual({
      kind: "round",
      roundId: "rabcdefghijk",
    });
    for (const scope of ["round", "room:", "room:../x", "workshop:1", "plenary"]) {
      expect(ReportQuerySchema.safeParse({ scope }).success).toBe(false);
    }
  });
});

/** Notes with every image form a Markdown viewer knows, and the links around them. */
const IMAGE_FORMS: ReadonlyArray<[string, string]> = [
  ["inline", "a ![pixel](https://tracker.example/p.gif) b"],
  ["angle-bracket destination and title", '![pixel](<https://tracker.example/p 1.gif> "Title")'],
  [
    "single-quoted and parenthesised titles",
    "![a](https://tracker.example/a.gif 'x') ![b](https://tracker.example/b.gif (y))",
  ],
  ["parentheses in the destination", "![pixel](https://tracker.example/p_(1).gif)"],
  ["nested brackets", "![a [b] c](https://tracker.example/p.gif)"],
  ["destination on the next line", "![pixel](\n  https://tracker.example/p.gif\n)"],
  ["image inside an image", "![a ![b](https://tracker.example/in.gif) c](https://tracker.example/out.gif)"],
  ["image inside a link", "[![badge](https://tracker.example/badge.svg)](https://example.org/page)"],
  ["empty alt", "![](https://tracker.example/p.gif)"],
  ["HTML", '<img src="https://tracker.example/h.gif" alt="a & b"> <IMG SRC=https://tracker.example/x.gif>'],
  [
    "HTML media",
    "<picture><source srcset=https://tracker.example/s.webp><img src=https://tracker.example/i.png></picture> <video poster=https://tracker.example/v.jpg></video>",
  ],
];

describe("report notes carry no image", () => {
  it("every image becomes its alt text, escaped, or [image]; links and autolinks stay", () => {
    expect(IMAGE_FORMS.map(([, notes]) => withoutImages(notes))).toEqual([
      "a pixel b",
      "pixel",
      "a b",
      "pixel",
      "a \\[b\\] c",
      "pixel",
      "a b c",
      "[badge](https://example.org/page)",
      "\\[image\\]",
      "a \\& b \\[image\\]",
      "\\[image\\] \\[media\\]",
    ]);
    expect(withoutImages("See [the page](https://example.org/a) and <https://example.org/b>.")).toBe(
      "See [the page](https://example.org/a) and <https://example.org/b>.",
    );
    // An alt text cannot start markup of its own.
    expect(withoutImages("![x](u)![*y* [z](https://tracker.example/l) <b>](https://tracker.example/p.gif)")).toBe(
      "x\\*y\\* \\[z\\](https://tracker.example/l) \\<b\\>",
    );
  });

  it("reference images, full, collapsed and shortcut, lose the definitions they used; a link's stays", () => {
    const notes = [
      "![one][pix] ![Pix][] ![PIX] and [a link][page]",
      "",
      "[pix]: https://tracker.example/r.gif 'Title'",
      "[two]:",
      "  <https://tracker.example/two.gif>",
      '  "Title"',
      "[page]: https://example.org/page",
      "![two][]",
    ].join("\n");
    expect(withoutImages(notes)).toBe("one Pix PIX and [a link][page]\n\n[page]: https://example.org/page\ntwo");
  });

  it("a `![` that does not close, or that an escape or a bidi control hides, starts no image", () => {
    expect(withoutImages("Wow!![a and ![b")).toBe("Wow!!\\[a and !\\[b");
    expect(withoutImages("\\![not an image](u) \\\\![yes](https://tracker.example/y.gif)")).toBe(
      "\\![not an image](u) \\\\yes",
    );
    expect(reportNotes("!\u202E[x](https://tracker.example/p.gif)")).toBe("x");
    // Code is no refuge: where a fence ends is the viewer's guess.
    expect(withoutImages("```\n![in code](https://tracker.example/c.gif)\n```")).toBe("```\nin code\n```");
  });

  it("notes built to unfold layer by layer (removing one image or tag joins the next) end with no image nor media tag", () => {
    // `<i![m](x)g` becomes `<img` once the image goes; `!<track>[m]` becomes `![m]` once the tag goes; and so on.
    let notes = "<i![m](x)g src=https://tracker.example/deep.gif>";
    let hidden = "![m]";
    for (let layer = 0; layer < 12; layer++) {
      notes = hidden.startsWith("!")
        ? notes.replace(hidden, `!<track>[${hidden[2]}]`)
        : notes.replace(hidden, "<tr![a](x)ck>");
      hidden = hidden.startsWith("!") ? "<track>" : "![a]";
      const model = withoutImages(notes);
      expect(model, notes).not.toMatch(MEDIA_TAG);
      expect(model, notes).not.toContain("![");
    }
  });

  it("bidi controls cannot hide a not-for-export heading", () => {
    expect(reportNotes("kept\n## Side \u2066[not for export]\u2069\nhidden")).toBe("kept");
  });

  it("no CommonMark parser (the editor's) finds an image or a media tag in notes as the model or the Markdown report carries them, nor raw HTML in the report", () => {
    const pieces = [
      ...IMAGE_FORMS.map(([, notes]) => notes),
      ...["!", "[", "]", "(", ")", "<", ">", "\\", "`", "```", "\n", "\n\n", " ", "x", '"', "'", ": ", "[r]: u\n"],
      ...["![", "](", "<img src=u>", "<img", "<video ", "</img>", "*", "- ", "    ", "~~~", "\u202E", "!\u2066["],
      ...["  ```", "``` `x`", "\r", "<b>", '<div style="background:url(https://tracker.example/p.gif)">'],
      ...["<i", "g src=u>", "<tr", "ck>", "<track>", "![m](x)"],
    ];
    let seed = 2024;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const found: string[] = [];
    for (let round = 0; round < 1500; round++) {
      let notes = "";
      for (let piece = random(24); piece >= 0; piece--) notes += pieces[random(pieces.length)];
      const model = reportNotes(notes);
      const markdown = notesMarkdown(model, 3);
      for (const text of [model, markdown]) {
        markdownLanguage.parser.parse(text).iterate({
          enter: (node) => {
            const source = text.slice(node.from, node.to);
            if (node.name === "Image" || (/^HTML/.test(node.name) && MEDIA_TAG.test(source))) found.push(notes);
            // The Markdown report has no raw HTML at all, code aside.
            if (text === markdown && /^(HTML|Comment|ProcessingInstruction)/.test(node.name)) found.push(notes);
          },
        });
      }
      expect(model).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(withoutImages(model)).toBe(model);
    }
    expect(found).toEqual([]);
  });
});

const MEDIA_TAG = /<\/?(img|image|picture|source|video|audio|track|iframe|embed|object)(?=[\s/>])/i;

describe("HTML notes", () => {
  it("backslash escapes are the plain character; code spans keep them", () => {
    expect(parseInline("\\*not em\\* \\[image\\] **b\\*c** `a\\*b`")).toEqual([
      { kind: "text", text: "*not em* [image] " },
      { kind: "strong", text: "b*c" },
      { kind: "text", text: " " },
      { kind: "code", text: "a\\*b" },
    ]);
    expect(parseInline("plain *em* text")).toEqual([
      { kind: "text", text: "plain " },
      { kind: "em", text: "em" },
      { kind: "text", text: " text" },
    ]);
  });
});

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
/** Urdu with RLM, Persian with ZWNJ, Bengali with ZWJ: marks and joiners real text needs. */
const NEEDED = [
  "\u0627\u0631\u062F\u0648\u200F",
  "\u0645\u06CC\u200C\u062E\u0648\u0627\u0645",
  "\u0995\u09CD\u200D\u09B7",
  "a\u200Eb",
];

/** A report source whose every typed value hides bidi controls around text that needs its marks. */
function bidiSource(): ReportSource {
  let n = 0;
  const typed = (what: string) => {
    n++;
    return `${BIDI[n % BIDI.length]}${what} ${NEEDED[n % NEEDED.length]}${BIDI[(n + 4) % BIDI.length]}`;
  };
  const roundId = "rbidibidibid";
  const roomId = "mbidibidibid";
  const round: RoundView = {
    roundId,
    number: 1,
    status: "closed",
    rooms: [{ roomId, name: typed("Room"), topic: typed("Topic"), capacity: null, leadId: null, closed: false }],
    durationSeconds: 600,
    warningSeconds: 60,
    endsAt: 1_700_000_600_000,
    selfSelect: false,
    createdAt: 1_700_000_000_000,
  };
  const poll = (pollId: string, definition: PollView["definition"]): PollView => ({
    pollId,
    definition,
    status: "closed",
    createdBy: "pfacilitator0000",
    createdAt: 1_700_000_000_000,
    openedAt: 1_700_000_000_000,
    closesAt: null,
    closedAt: 1_700_000_100_000,
  });
  const common = { anonymous: false, resultsVisibility: "live", allowVoteChange: true } as const;
  return {
    workshop: {
      workshopId: "wbidibidibidibid",
      title: typed("Forum"),
      joinCode: "ABCDEF",
      status: "active",
      createdAt: 1_700_000_000_000,
      facilitatorKeyHash: "x",
      reportAttribution: "attributed",
    },
    participants: [
      {
        participantId: "pnotetaker000000",
        displayName: typed("Nadia"),
        role: "note-taker",
        status: "active",
        joinedAt: 0,
      },
    ],
    rounds: [round],
    roomCounts: new Map([[roundId, { [roomId]: 3 }]]),
    polls: [
      {
        poll: poll("obidichoice1", {
          ...common,
          kind: "single",
          question: typed("Which?"),
          options: [
            // Option labels are names: they refuse LRM and RLM at input (shared/text.ts), the joiners stay.
            { optionId: "a", label: `${BIDI[0]}Option A ${NEEDED[1]}${BIDI[8]}` },
            { optionId: "b", label: `${BIDI[4]}Option B ${NEEDED[2]}${BIDI[5]}` },
          ],
          scope: { kind: "plenary" },
        }),
        results: {
          kind: "single",
          combined: {
            counts: [
              { optionId: "a", count: 2 },
              { optionId: "b", count: 1 },
            ],
            voters: 3,
          },
        },
      },
      {
        poll: poll("obidirating1", {
          ...common,
          anonymous: true,
          kind: "rating",
          question: typed("How?"),
          scale: 5,
          lowLabel: typed("Low"),
          highLabel: typed("High"),
          scope: { kind: "everyRoom", roundId },
        }),
        results: {
          kind: "rating",
          combined: {
            distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: value === 4 ? 2 : 0 })),
            mean: 4,
            voters: 2,
          },
          byRoom: {
            [roomId]: {
              distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: value === 4 ? 2 : 0 })),
              mean: 4,
              voters: 2,
            },
          },
        },
      },
      {
        poll: poll("obiditext001", {
          ...common,
          kind: "text",
          question: typed("Word?"),
          maxLength: 200,
          scope: { kind: "room", roomId },
        }),
        results: {
          kind: "text",
          combined: { words: [{ word: typed("word"), count: 2 }], answers: [typed("answer as written")], voters: 2 },
        },
      },
    ],
    questions: [
      {
        record: {
          questionId: "qbidibidibid",
          boardId: "plenary",
          seq: 1,
          text: typed("Question"),
          anonymous: false,
          authorId: "pnotetaker000000",
          authorName: typed("Asker"),
          secretHash: "x",
          status: "answered",
          pinned: false,
          reply: typed("Reply"),
          edited: false,
          flagged: false,
          dismissReason: null,
          creditable: true,
        },
        votes: 2,
      },
    ],
    notes: new Map([
      [
        "plenary",
        `# ${typed("Heading")}\n${typed("Line")}\n- [Action] ${typed("Do it")} @${typed("Owner").replace(/ /g, "_")}`,
      ],
      [roomId, `- [Decision] ${typed("Decided")}\n![${typed("alt")}](https://tracker.example/p.gif)`],
    ]),
  };
}

describe("report model: bidi controls", () => {
  it("no string of any format carries one; LRM, RLM, ZWNJ and ZWJ stay", () => {
    const source = bidiSource();
    expect(JSON.stringify({ ...source, notes: [...source.notes] })).toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const report = buildReport(source, { kind: "workshop" }, "attributed", 1_700_000_700_000);
    expect(ReportSchema.parse(report)).toEqual(report);
    for (const [format, render] of Object.entries(REPORT_RENDERERS)) {
      // The report's own words add none either, in any language (Urdu's included).
      for (const { tag } of LANGUAGES) {
        const text = render(report, tag);
        for (const control of BIDI)
          expect(text.includes(control), `${format} ${tag} U+${control.codePointAt(0)?.toString(16)}`).toBe(false);
        for (const needed of NEEDED) expect(text, `${format} ${tag}`).toContain(needed);
        expect(text, format).not.toContain("tracker.example");
      }
    }
    for (const needed of NEEDED) expect(JSON.stringify(report)).toContain(needed);
    expect(JSON.stringify(reportOutline(source.rounds))).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe("report polls", () => {
  it("a poll's line says anonymous or named ballots, and names no voter", () => {
    const report = buildReport(bidiSource(), { kind: "workshop" }, "attributed", 1_700_000_700_000);
    const named = report.plenary?.polls[0] as ReportPoll;
    const anonymous = report.rounds[0]?.polls[0] as ReportPoll;
    expect(pollSummary(named, reportWords("en"))).toMatch(/^Single choice · closed · named ballots · 3 voters$/);
    expect(pollSummary(anonymous, reportWords("en"))).toMatch(
      /^Rating · closed · anonymous ballots · 2 voters · scale 1-5/,
    );
    expect(Object.keys(named)).not.toContain("voters");
  });
});

describe("the chat parameter and chat times", () => {
  const room = "mabcdefghijk";
  it("reads plenary and room ids, once each; anything else is refused", () => {
    const chat = (value: string) => ReportQuerySchema.safeParse({ chat: value });
    expect(chat(`plenary,${room},plenary`).data?.chat).toEqual(["plenary", room]);
    expect(ReportQuerySchema.parse({}).chat).toBeUndefined();
    for (const junk of ["", ",", "plenary,", "Plenary", `${room} `, "room:x", "x".repeat(5000)]) {
      expect(chat(junk).success, JSON.stringify(junk.slice(0, 12))).toBe(false);
    }
    const many = Array.from({ length: 301 }, (_, index) => `m${String(index).padStart(11, "0")}`).join(",");
    expect(chat(many).success).toBe(false);
  });
  it("writes a message's time as ISO 8601 in the report's zone with its offset (CSV)", () => {
    const at = Date.UTC(2026, 11, 7, 12, 15);
    expect(isoLocalOf(at, "Asia/Bangkok")).toBe("2026-12-07T19:15+07:00");
    expect(isoLocalOf(at, "UTC")).toBe("2026-12-07T12:15+00:00");
    expect(isoLocalOf(at, "America/St_Johns")).toBe("2026-12-07T08:45-03:30");
  });
});
