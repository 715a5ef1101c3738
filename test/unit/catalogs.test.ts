import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "../../client/src/i18n/en/index.js";
import type { Catalog } from "../../client/src/i18n/index.js";
import { LANGUAGES } from "../../shared/languages.js";
import { formatMessage, placeholdersOf } from "../../shared/message.js";

/**
 * Every translation is whole: every key of English (also a type error: `Catalog`), the same
 * placeholders, plural messages that parse, and a wording of its own: a value identical to
 * English is a key someone forgot, unless it is one of the few that are the same everywhere.
 */
const I18N_DIR = fileURLToPath(new URL("../../client/src/i18n/", import.meta.url));
const catalogFiles = readdirSync(I18N_DIR).filter((name) => /^catalog\.[a-z]{2}\.ts$/.test(name));

/** Keys whose value may be the English one in any language (a placeholder alone, a format sign). */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>([
  // "(3) Forum title" in the tab: a count and the title, the same in every language.
  "console.tabTitle",
]);

/** A sample value for each placeholder: numbers for plurals (0, 1, 2 and a big one are tried). */
function sampleParams(template: string, count: number): Record<string, string | number> {
  return Object.fromEntries(placeholdersOf(template).map((name) => [name, count]));
}

describe("message formatting (ICU plurals through Intl.PluralRules)", () => {
  const votes = "{count, plural, =0 {no votes} one {# vote} other {# votes}}";
  it("picks the language's plural form, exact matches first, # as the number in the language's digits", () => {
    expect(formatMessage(votes, { count: 0 }, "en")).toBe("no votes");
    expect(formatMessage(votes, { count: 1 }, "en")).toBe("1 vote");
    expect(formatMessage(votes, { count: 1200 }, "en")).toBe("1,200 votes");
    // Bengali counts 0 and 1 alike ("one"); Thai has one form only.
    expect(formatMessage("{n, plural, one {A#} other {B#}}", { n: 1 }, "bn")).toBe("A১");
    expect(formatMessage("{n, plural, other {#}}", { n: 5 }, "th")).toBe("5");
    expect(formatMessage("{n, plural, one {A} other {B}}", { n: 2 }, "ur")).toBe("B");
  });
  it("fills placeholders inside plural branches, and leaves unknown ones visible", () => {
    expect(
      formatMessage("{name}: {n, plural, one {# room for {name}} other {# rooms}}", { name: "Ana", n: 1 }, "en"),
    ).toBe("Ana: 1 room for Ana");
    expect(formatMessage("Hello {who}", {}, "en")).toBe("Hello {who}");
    expect(placeholdersOf("{a} {n, plural, one {# {b}} other {#}}")).toEqual(["a", "b", "n"]);
  });
  it("English messages all format without a brace left over", () => {
    for (const [key, template] of Object.entries(en)) {
      for (const count of [0, 1, 2, 1234]) {
        expect(formatMessage(template, sampleParams(template, count), "en"), key).not.toMatch(/[{}]/);
      }
    }
  });
});

describe("every translation is whole and consistent", () => {
  it("there is a catalog file for every language but English, and no other", () => {
    const tags = catalogFiles.map((name) => name.slice("catalog.".length, -".ts".length)).sort();
    expect(tags).toEqual(
      LANGUAGES.map((language) => language.tag)
        .filter((tag) => tag !== "en")
        .sort(),
    );
  });

  for (const file of catalogFiles) {
    const tag = file.slice("catalog.".length, -".ts".length);
    it(`${tag}: every English key, the same placeholders, its own words, plurals that format`, async () => {
      const { catalog } = (await import(`../../client/src/i18n/${file}`)) as { catalog: Catalog };
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      const sameAsEnglish: string[] = [];
      const placeholderMismatch: string[] = [];
      const leftovers: string[] = [];
      for (const [key, english] of Object.entries(en)) {
        const translated = catalog[key as keyof Catalog];
        if (translated === english && !SAME_AS_ENGLISH_ALLOWED.has(key)) sameAsEnglish.push(key);
        if (placeholdersOf(translated).join() !== placeholdersOf(english).join()) placeholderMismatch.push(key);
        for (const count of [0, 1, 2, 1234]) {
          if (/[{}]/.test(formatMessage(translated, sampleParams(translated, count), tag))) leftovers.push(key);
        }
      }
      expect(sameAsEnglish).toEqual([]);
      expect(placeholderMismatch).toEqual([]);
      expect([...new Set(leftovers)]).toEqual([]);
    });
  }
});
