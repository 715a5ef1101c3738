import { exportableNotes } from "../../../shared/notesPrivacy.js";

/**
 * What the report model does to typed text so that no format can track or mislead its reader.
 * Applied once, where the model is built (build.ts), so Markdown, HTML, CSV and JSON (the model
 * itself) carry the same text.
 *
 * - Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed from
 *   every string: they can make text read in another order than it is written. The marks
 *   U+200E/U+200F (LRM, RLM) and the joiners U+200C/U+200D (ZWNJ, ZWJ) stay: Urdu, Persian,
 *   Bengali and Nepali need them, and they reorder nothing.
 * - Notes lose their images: a Markdown viewer loads an image as soon as the report is opened
 *   (a tracking pixel). Every image becomes its alt text as escaped Markdown (`\[image\]`
 *   without one), and so does every HTML element that embeds something. Links stay (a link
 *   loads nothing until clicked); the renderers already drop script and data targets.
 */

/** The code points that embed, override or isolate a direction. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** `value` with every string in it (at any depth, object keys aside) without bidi controls. */
export function withoutBidiControlsIn<T>(value: T): T {
  if (typeof value === "string") return withoutBidiControls(value) as T;
  if (Array.isArray(value)) return value.map((item) => withoutBidiControlsIn(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutBidiControlsIn(item)])) as T;
  }
  return value;
}

/**
 * A place's notes as the model carries them: bidi controls removed and line ends made `\n`
 * first (so none can hide a `[not for export]` heading, split an image's `![`, or end a line
 * where a viewer does and this code does not: a lone CR ends one in CommonMark), then the
 * private sections, then the images.
 */
export function reportNotes(markdown: string): string {
  const plain = withoutBidiControls(markdown).replace(/\r\n?/g, "\n");
  return withoutImages(exportableNotes(plain)).replace(/\s+$/, "");
}

/** Shown for an image without alt text, and for embedded media. Escaped: never a link label. */
export const IMAGE_MARKER = "\\[image\\]";
export const MEDIA_MARKER = "\\[media\\]";

/** Rounds of unwrapping; notes built to unfold further than that keep their last layer as text. */
const ROUNDS_MAX = 4;

/**
 * Markdown with no image left: HTML media elements first (so none survives as an image's alt
 * text), then Markdown images, again while that changes anything (removing one can join the
 * pieces of another), then the reference definitions images used. Code spans and fences are not
 * spared: where a code block ends is a viewer's guess, and a guess is no reason to keep an image.
 * Every round leaves no `![`; a media tag still standing after the last one becomes text.
 */
export function withoutImages(markdown: string): string {
  const labels = new Set<string>();
  let text = markdown;
  for (let round = 0; round < ROUNDS_MAX; round++) {
    const next = markdownImages(htmlMedia(text), labels);
    if (next === text) break;
    text = next;
  }
  return withoutDefinitions(text, labels).replace(MEDIA_OPENING, "&lt;");
}

/** ASCII punctuation, which a backslash escapes in CommonMark. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
/** What an alt text must not start inside Markdown: links and images, HTML, emphasis, tables. */
const ALT_MARKUP = /[\\`*_[\]<>!&~|#]/g;

/** An image's description as inert Markdown text: one line, every markup character escaped. */
function altText(description: string): string {
  const plain = description.replace(ESCAPED, "$1").replace(/\s+/g, " ").trim();
  return plain === "" ? IMAGE_MARKER : plain.replace(ALT_MARKUP, (char) => `\\${char}`);
}

/** How deep images inside image descriptions are unpacked; deeper ones are escaped as written. */
const NESTING_MAX = 8;
/** The longest `(destination "title")` read after an image; a longer one stays as text. */
const TAIL_MAX = 4096;
/** Parentheses nested in a destination, at most (cmark allows 32; past 8 the destination stays as text). */
const PARENS_MAX = 8;
const LABEL = /\[((?:[^\\[\]]|\\[\s\S]){0,999})\]/y;

/** How far a code span's closing backticks are looked for. */
const CODE_SPAN_MAX = 2000;

/** The index after the code span opening at `from` (a run of backticks), or -1 if it never closes. */
function codeSpanEnd(text: string, from: number): number {
  let run = from;
  while (text[run] === "`") run++;
  const fence = text.slice(from, run);
  const limit = Math.min(text.length, run + CODE_SPAN_MAX);
  for (let i = run; i < limit; i++) {
    if (text[i] === "\n" && /^[ \t]*(?:\n|$)/.test(text.slice(i + 1, i + 200))) return -1;
    if (text[i] !== "`") continue;
    let end = i;
    while (text[end] === "`") end++;
    if (end - i === fence.length) return end;
    i = end - 1;
  }
  return -1;
}

/**
 * Each `[`'s matching `]` (escapes honoured, code spans inside brackets skipped, none across a
 * blank line); -1 when unmatched. Where this differs from a viewer, only the text kept differs:
 * every `![` is replaced or has its `[` escaped either way.
 */
function bracketPairs(text: string): Int32Array {
  const pairs = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "`" && open.length > 0) {
      const end = codeSpanEnd(text, i);
      if (end !== -1) i = end - 1;
      else while (text[i + 1] === "`") i++;
    } else if (char === "[") open.push(i);
    else if (char === "]") {
      const start = open.pop();
      if (start !== undefined) pairs[start] = i;
    } else if (char === "\n" && /^[ \t]*(?:\n|$)/.test(text.slice(i + 1, i + 200))) open.length = 0;
  }
  return pairs;
}

function normalLabel(label: string): string {
  return label.replace(/\s+/g, " ").trim().toLowerCase().toUpperCase();
}

/**
 * Every `![description]` followed by `(destination "title")`, `[label]`, `[]` or nothing
 * becomes its alt text, whether or not a viewer would find its reference: when in doubt, no
 * image. A `![` whose bracket never closes has that bracket escaped. `labels` collects the
 * reference labels images used.
 */
function markdownImages(text: string, labels: Set<string>): string {
  if (!text.includes("![")) return text;
  const pairs = bracketPairs(text);
  const special = /[\\!]/g;
  const scan = (from: number, to: number, depth: number): string => {
    const out: string[] = [];
    let i = from;
    while (i < to) {
      special.lastIndex = i;
      const next = Math.min(special.exec(text)?.index ?? to, to);
      if (next > i) out.push(text.slice(i, next));
      i = next;
      if (i >= to) break;
      if (text[i] === "\\") {
        out.push(text.slice(i, Math.min(i + 2, to)));
        i += 2;
        continue;
      }
      if (text[i + 1] !== "[") {
        out.push("!");
        i++;
        continue;
      }
      const close = pairs[i + 1] ?? -1;
      if (close === -1 || close >= to) {
        out.push("!\\[");
        i += 2;
        continue;
      }
      const description = depth < NESTING_MAX ? scan(i + 2, close, depth + 1) : text.slice(i + 2, close);
      let end = close + 1;
      let label: string | null = text.slice(i + 2, close);
      if (text[end] === "(") {
        const tail = parenTail(text, end);
        if (tail !== -1) {
          end = tail;
          label = null;
        }
      } else if (text[end] === "[") {
        LABEL.lastIndex = end;
        const reference = LABEL.exec(text);
        if (reference && end + reference[0].length <= to) {
          end += reference[0].length;
          if ((reference[1] ?? "").trim() !== "") label = reference[1] ?? "";
        }
      }
      if (label !== null) labels.add(normalLabel(label));
      out.push(depth === 0 ? altText(description) : description);
      i = end;
    }
    return out.join("");
  };
  return scan(0, text.length, 0);
}

/** Spaces and tabs, and at most one line break (not a blank line). */
function skipSpace(text: string, from: number): number {
  let i = from;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] === "\n") {
    let j = i + 1;
    while (text[j] === " " || text[j] === "\t") j++;
    if (text[j] !== "\n") i = j;
  }
  return i;
}

/** The end (after `)`) of an inline image's `(destination "title")` starting at `open`; -1 if none. */
function parenTail(text: string, open: number): number {
  const limit = Math.min(text.length, open + TAIL_MAX);
  let i = skipSpace(text, open + 1);
  if (text[i] === "<") {
    i++;
    while (i < limit && text[i] !== ">") {
      if (text[i] === "\n" || text[i] === "<") return -1;
      i += text[i] === "\\" ? 2 : 1;
    }
    if (text[i] !== ">") return -1;
    i++;
  } else {
    let depth = 0;
    while (i < limit) {
      const code = text.charCodeAt(i);
      if (code === 0x5c) {
        i += 2;
        continue;
      }
      if (code <= 0x20) break;
      if (code === 0x28 && ++depth > PARENS_MAX) return -1;
      if (code === 0x29) {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    if (depth !== 0 || i >= limit) return -1;
  }
  const beforeTitle = skipSpace(text, i);
  const quote = text[beforeTitle];
  if (quote === '"' || quote === "'" || quote === "(") {
    const closer = quote === "(" ? ")" : quote;
    let j = beforeTitle + 1;
    while (j < limit && text[j] !== closer) {
      if (quote === "(" && text[j] === "(") return -1;
      if (text[j] === "\n" && /^[ \t]*\n/.test(text.slice(j + 1, j + 200))) return -1;
      j += text[j] === "\\" ? 2 : 1;
    }
    if (text[j] !== closer) return -1;
    i = skipSpace(text, j + 1);
  } else i = beforeTitle;
  return text[i] === ")" ? i + 1 : -1;
}

/** HTML elements that load something when shown. */
const MEDIA = "img|image|picture|source|video|audio|track|iframe|frame|embed|object";
const MEDIA_START = new RegExp(`<(/?)(${MEDIA})(?=[\\s/>]|$)`, "gi");
const MEDIA_OPENING = new RegExp(`<(?=/?(?:${MEDIA})(?:[\\s/>]|$))`, "gi");
/** How far a media tag's `>` is looked for; a tag not closed by then (or by a blank line) is not one. */
const TAG_MAX = 2000;
const ALT_ATTRIBUTE = /(?:^|\s)alt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/**
 * `<img>` and `<image>` become their alt text; other media elements (video, audio, iframe,
 * embed, object) a marker; their wrappers and children (picture, source, track) and every
 * closing tag go.
 */
function htmlMedia(text: string): string {
  const out: string[] = [];
  let copied = 0;
  let gt = -1;
  MEDIA_START.lastIndex = 0;
  for (let match = MEDIA_START.exec(text); match; match = MEDIA_START.exec(text)) {
    const start = match.index;
    if (start < copied) continue;
    out.push(text.slice(copied, start));
    // The tag ends at the first `>` (quotes not honoured: a `>` in an attribute ends it early,
    // and the rest is text). One forward search serves every tag before that `>`.
    if (gt < start) {
      gt = text.indexOf(">", start);
      if (gt === -1) gt = text.length;
    }
    const body = gt === text.length || gt - start > TAG_MAX ? null : text.slice(start, gt);
    if (body === null || /\n[ \t]*\n/.test(body)) {
      out.push("&lt;");
      copied = start + 1;
      continue;
    }
    copied = gt + 1;
    MEDIA_START.lastIndex = copied;
    const element = (match[2] as string).toLowerCase();
    if (match[1] || element === "picture" || element === "source" || element === "track") continue;
    if (element !== "img" && element !== "image") {
      out.push(MEDIA_MARKER);
      continue;
    }
    const alt = ALT_ATTRIBUTE.exec(body);
    const value = alt ? (alt[1] ?? alt[2] ?? alt[3] ?? "") : "";
    out.push(altText(value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] as string)));
  }
  out.push(text.slice(copied));
  return out.join("");
}

/** A link reference definition: `[label]: destination "optional title"`, over one to three lines. */
const DEFINITION =
  /^ {0,3}\[((?:[^\\[\]]|\\[\s\S]){1,999}?)\]:[ \t]*\n?[ \t]*(?:<(?:[^<>\\\n]|\\.)*>|[^\s<]\S*)(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:"(?:[^"\\]|\\[\s\S]){0,999}"|'(?:[^'\\]|\\[\s\S]){0,999}'|\((?:[^()\\]|\\[\s\S]){0,999}\)))?[ \t]*(?:\n|$)/gm;

/** The reference definitions an image used, gone (a link using the same label loses it too). */
function withoutDefinitions(text: string, labels: ReadonlySet<string>): string {
  if (labels.size === 0) return text;
  return text.replace(DEFINITION, (definition, label: string) => (labels.has(normalLabel(label)) ? "" : definition));
}
