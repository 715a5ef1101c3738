import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../server/domain/report/html.js";
import { dateOf, dateTimeOf } from "../../server/domain/report/labels.js";
import { inline, notesMarkdown } from "../../server/domain/report/markdown.js";
import { contentDisposition } from "../../server/http/downloadRoute.js";
import { exportableNotes, privateLines } from "../../shared/notesPrivacy.js";
import { ReportQuerySchema } from "../../shared/report.js";

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
