import { describe, expect, it } from "vitest";
import { dateOf, dateTimeOf } from "../../server/domain/report/dates.js";
import { en } from "../../server/domain/report/i18n/en.js";
import { REPORT_CATALOGS, type ReportMessageKey } from "../../server/domain/report/i18n/index.js";
import { reportWords } from "../../server/domain/report/words.js";
import { LANGUAGES } from "../../shared/languages.js";
import { formatMessage, placeholdersOf } from "../../shared/message.js";

/**
 * The report's catalogs (server/domain/report/i18n/): every language has every English key (a
 * type error too: `ReportCatalog`), the same placeholders, the plural forms its own rules have,
 * and plain text the formats can write as it is.
 */
const englishKeys = Object.keys(en).sort();

/** The selectors of every plural in a message (`one`, `other`; `=0` exact matches left out). */
function pluralSelectors(template: string): string[][] {
  return [...template.matchAll(/\{\s*\w+\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*)\}/g)].map((plural) =>
    [...(plural[1] ?? "").matchAll(/([=\w]+)\s*\{/g)]
      .map((branch) => branch[1] as string)
      .filter((selector) => !selector.startsWith("="))
      .sort(),
  );
}

/** Characters Markdown or HTML would read as markup, and the bidi controls the report strips from typed text. */
const NOT_PLAIN = /[\\`*_[\]<>|~&\u202A-\u202E\u2066-\u2069]/;

describe("report catalogs", () => {
  it("the plural check reads every plural of a message", () => {
    expect(pluralSelectors(en.participation)).toEqual(Array(4).fill(["one", "other"]));
  });

  for (const { tag } of LANGUAGES) {
    const catalog = REPORT_CATALOGS[tag];
    const categories = [...new Intl.PluralRules(tag).resolvedOptions().pluralCategories].sort();

    it(`${tag}: every key of English, the same placeholders, the language's plural forms, plain text`, () => {
      expect(Object.keys(catalog).sort()).toEqual(englishKeys);
      for (const key of englishKeys as ReportMessageKey[]) {
        const message = catalog[key];
        expect(placeholdersOf(message), key).toEqual(placeholdersOf(en[key]));
        expect(pluralSelectors(message).length, key).toBe(pluralSelectors(en[key]).length);
        for (const selectors of pluralSelectors(message)) expect(selectors, key).toEqual(categories);
        expect(message, key).not.toMatch(NOT_PLAIN);
        expect(message.trim(), key).not.toBe("");
        for (const count of [0, 1, 2, 1234]) {
          const params = Object.fromEntries(placeholdersOf(message).map((name) => [name, count]));
          expect(formatMessage(message, params, tag), key).not.toMatch(/[{}#]/);
        }
      }
    });
  }
});

describe("report words", () => {
  const lateUtc = Date.UTC(2026, 10, 30, 23, 30);

  it("English keeps its ISO dates and its numbers without grouping", () => {
    const words = reportWords("en");
    expect(words.dateTime(lateUtc, "Asia/Bangkok")).toBe(dateTimeOf(lateUtc, "Asia/Bangkok"));
    expect(words.date(lateUtc, "UTC")).toBe(dateOf(lateUtc, "UTC"));
    expect(words.t("peopleCount", { count: 1200 })).toBe("1200 people");
    expect(words.t("peopleCount", { count: 1 })).toBe("1 person");
    expect(words.number(3.57)).toBe("3.57");
  });

  it("other languages write dates through Intl in the report's zone, the zone named, and their own digits", () => {
    const thai = reportWords("th");
    const inBangkok = new Intl.DateTimeFormat("th", { dateStyle: "long", timeZone: "Asia/Bangkok" }).format(lateUtc);
    expect(thai.date(lateUtc, "Asia/Bangkok")).toBe(inBangkok);
    expect(thai.date(lateUtc, "Asia/Bangkok")).toContain("ธันวาคม");
    expect(thai.dateTime(lateUtc, "Asia/Bangkok")).toMatch(/\(Asia\/Bangkok\)$/);
    expect(reportWords("bn").t("voteCount", { count: 3 })).toBe("৩টি ভোট");
    expect(reportWords("ne").number(12)).toBe("१२");
    expect(reportWords("ur").dir).toBe("rtl");
  });
});
