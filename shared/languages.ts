/**
 * The languages the interface and the outcome report speak: BCP 47 tags, each language's own name
 * for itself (what a picker shows: a person finds their language in their own script), and its
 * writing direction. English is the source every other catalog is translated from.
 */
export const LANGUAGES = [
  { tag: "en", name: "English", dir: "ltr" },
  { tag: "id", name: "Bahasa Indonesia", dir: "ltr" },
  { tag: "th", name: "ไทย", dir: "ltr" },
  { tag: "vi", name: "Tiếng Việt", dir: "ltr" },
  { tag: "bn", name: "বাংলা", dir: "ltr" },
  { tag: "ne", name: "नेपाली", dir: "ltr" },
  { tag: "ur", name: "اردو", dir: "rtl" },
] as const;

export type LanguageTag = (typeof LANGUAGES)[number]["tag"];
export const LANGUAGE_TAGS = LANGUAGES.map((language) => language.tag) as [LanguageTag, ...LanguageTag[]];

/*
 * No zod in this file: the join page's first script (client/src/main.tsx) needs the languages, and
 * zod is most of the code it leaves for later (the schema is shared/report.ts's LanguageTagSchema).
 */
export function isLanguageTag(value: unknown): value is LanguageTag {
  return LANGUAGE_TAGS.some((tag) => tag === value);
}

export function directionOf(tag: LanguageTag): "ltr" | "rtl" {
  return LANGUAGES.find((language) => language.tag === tag)?.dir ?? "ltr";
}

/** The first of the browser's preferred languages (`navigator.languages`, `Accept-Language`) that we speak. */
export function bestLanguage(preferred: readonly string[], available: readonly LanguageTag[]): LanguageTag | null {
  for (const wanted of preferred) {
    const base = wanted.trim().toLowerCase().split(/[-_;]/)[0] ?? "";
    const found = available.find((tag) => tag === base);
    if (found) return found;
  }
  return null;
}
