import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportSchema } from "../../shared/report.js";
import { fetchReport, type ScriptedWorkshop, scriptedWorkshop } from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

/**
 * The report in the reader's language (`lang=`): the report's own words, numbers and dates
 * change; what people typed, the JSON and the CSV's machine columns do not.
 */
let server: TestServer;
let world: ScriptedWorkshop;
let token: string;

beforeAll(async () => {
  server = await startServer();
  world = await scriptedWorkshop(server.url);
  token = world.noteTaker.session.sessionToken;
});
afterAll(async () => {
  world?.close();
  await server?.close();
});

async function report(query: Record<string, string>): Promise<string> {
  const response = await fetchReport(server.url, world.workshopId, token, query);
  if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
  return response.text();
}

describe("outcome report in the reader's language", () => {
  it("Thai: Thai headings and a Thai date in the report's zone; typed text as written", async () => {
    const markdown = await report({ format: "md", lang: "th", timeZone: "Asia/Bangkok" });
    const model = ReportSchema.parse(JSON.parse(await report({ format: "json" })));
    expect(markdown).toContain("## ผลลัพธ์สำคัญ");
    expect(markdown).toContain("## ที่ประชุมใหญ่");
    expect(markdown).toContain("## รอบที่ 1");
    expect(markdown).toContain("- ขอบเขต: ทั้งเวิร์กช็อป");
    const started = new Intl.DateTimeFormat("th", { dateStyle: "long", timeZone: "Asia/Bangkok" }).format(
      model.workshop.createdAt,
    );
    expect(markdown).toContain(`- วันที่เริ่มเวิร์กช็อป: ${started} (`);
    expect(markdown).toMatch(/^- จัดทำเมื่อ: .+ \(Asia\/Bangkok\)$/m);
    expect(markdown).toContain("# Regional forum: ending forced labour: สรุปผล");
    expect(markdown).toContain("Who funds the shelters?");
    expect(markdown).not.toContain("Key outcomes");
  });

  it("Urdu: the HTML says lang=ur and dir=rtl, its stylesheet mirrors, its words are Urdu", async () => {
    const html = await report({ format: "html", lang: "ur" });
    expect(html).toContain(`<html lang="ur" dir="rtl">`);
    expect(html).toContain("<h2>اہم نتائج</h2>");
    expect(html).toContain(`aria-label="فہرست"`);
    expect(html).toContain("border-inline-start");
    expect(html).not.toMatch(/(?:margin|padding|border)-(?:left|right)|text-align: (?:left|right)/);
    const english = await report({ format: "html" });
    expect(english).toContain(`<html lang="en" dir="ltr">`);
  });

  it("every language renders every format; the JSON is the same data in all of them", async () => {
    const withoutClock = (json: string) => json.replace(/"generatedAt": \d+/, "");
    const englishJson = withoutClock(await report({ format: "json" }));
    for (const lang of ["en", "id", "th", "vi", "bn", "ne", "ur"]) {
      // No placeholder left unfilled (`{name}`, `{count, plural, ...}`).
      for (const format of ["md", "html", "csv"]) expect(await report({ format, lang })).not.toMatch(/\{\w+[},]/);
      expect(withoutClock(await report({ format: "json", lang }))).toBe(englishJson);
    }
  });

  it("CSV: machine columns stay; the places people read are in the language", async () => {
    const [englishHeader] = (await report({ format: "csv" })).split("\n");
    const vietnamese = await report({ format: "csv", lang: "vi" });
    expect(vietnamese.split("\n")[0]).toBe(englishHeader);
    expect(vietnamese).toContain(`"poll",,"Phiên toàn thể",`);
    expect(vietnamese).toContain(`"Tất cả các phòng"`);
    expect(vietnamese).not.toContain("Plenary");
  });

  it("the download is named in the language", async () => {
    const response = await fetchReport(server.url, world.workshopId, token, { format: "md", lang: "id" });
    expect(decodeURIComponent(response.headers.get("content-disposition") ?? "")).toContain(
      "Regional forum ending forced labour - hasil.md",
    );
  });

  it("a language we do not speak is refused with 400 BAD_REQUEST", async () => {
    for (const lang of ["xx", "", "EN", "en-US", "ur<script>"]) {
      const response = await fetchReport(server.url, world.workshopId, token, { format: "md", lang });
      expect(response.status, lang).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
  });
});
