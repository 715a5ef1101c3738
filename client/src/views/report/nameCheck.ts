/**
 * A check before publishing: which participants' display names appear in a report's text.
 * The report never puts a name in by itself (unless attribution was chosen), but notes and
 * questions are typed by people, and "Amal said..." in a room's notes would name a survivor in
 * a Chatham House report. The tool does not rewrite anyone's words (a pseudonym can be an
 * ordinary word); it tells the note-taker, who edits the notes or marks the passage
 * "not for export".
 */

/** Shorter names ("Al", "Jo") match too many ordinary words to be worth a warning. */
export const NAME_CHECK_MIN_LENGTH = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names (as given, each once, in the order given) found as whole words in `text`, any case. */
export function mentionedNames(text: string, names: readonly string[]): string[] {
  const haystack = text.normalize("NFC");
  const found: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const trimmed = name.normalize("NFC").trim();
    const key = trimmed.toLocaleLowerCase();
    if ([...trimmed].length < NAME_CHECK_MIN_LENGTH || seen.has(key)) continue;
    seen.add(key);
    // Whole words without lookbehind (older iOS Safari cannot parse it): a non-letter or the start before.
    const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, "iu");
    if (pattern.test(haystack)) found.push(trimmed);
  }
  return found;
}

/**
 * The text a reader of an HTML report sees (parsed inertly: DOMParser runs no scripts), one
 * text node per piece: textContent would glue "…quarter</li></ul><p>Amal" into "quarterAmal".
 */
export function htmlText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) parts.push(node.nodeValue ?? "");
  return parts.join(" ");
}
