import { OUTCOME_KINDS, type OutcomeKind, outcomeOfLine } from "./outcomes.js";

/**
 * The small Markdown subset notes are shown in (the editor's preview and the HTML report),
 * parsed into plain data that is rendered as text nodes or escaped text, never as raw HTML
 * and with no links, so hostile notes stay inert by construction: headings, paragraphs,
 * bullet and numbered lists, **bold**, *italic*, `code`, backslash escapes (`\*` is a plain
 * `*`, as in CommonMark), and the outcome markers. The markers' rules are the report's
 * (shared/outcomes.ts): `- [Decision] `, `- [Action] ` (optionally ending with `@owner` and
 * `due:YYYY-MM-DD`) and `- [Recommendation] `; the help text in the panel explains them.
 */

export type { OutcomeKind };
export { OUTCOME_KINDS };

export type Inline = { kind: "text" | "strong" | "em" | "code"; text: string };

export type ItemOutcome = { kind: OutcomeKind; owner: string | null; due: string | null };

export type ListItem = { inlines: Inline[]; outcome: ItemOutcome | null };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "list"; ordered: boolean; items: ListItem[] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
/**
 * A backslash escape of ASCII punctuation, bold (** or __), italic (* or _ at word edges, so
 * snake_case stays text) and code spans; no nesting. No lookbehind: older iOS Safari cannot
 * parse it.
 */
const INLINE =
  /(\\[!-/:-@[-`{-~]|\*\*(?:[^*\\\n]|\\.)+\*\*|__(?:[^_\\\n]|\\.)+__|`[^`\n]+`|\*(?:[^*\s\\]|\\.)(?:[^*\\\n]|\\.)*\*|\b_(?:[^_\s\\]|\\.)(?:[^_\\\n]|\\.)*_\b)/;
/** Escapes inside bold and italic text (code spans keep their backslashes, as in CommonMark). */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  const pushText = (plain: string) => {
    const last = result[result.length - 1];
    if (last?.kind === "text") last.text += plain;
    else result.push({ kind: "text", text: plain });
  };
  let rest = text;
  for (;;) {
    const match = INLINE.exec(rest);
    if (!match) break;
    const token = match[0];
    if (match.index > 0) pushText(rest.slice(0, match.index));
    if (token.startsWith("\\")) pushText(token.slice(1));
    else if (token.startsWith("**") || token.startsWith("__"))
      result.push({ kind: "strong", text: token.slice(2, -2).replace(ESCAPE, "$1") });
    else if (token.startsWith("`")) result.push({ kind: "code", text: token.slice(1, -1) });
    else result.push({ kind: "em", text: token.slice(1, -1).replace(ESCAPE, "$1") });
    rest = rest.slice(match.index + token.length);
  }
  if (rest) pushText(rest);
  return result;
}

export function parseNotes(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: ListItem[] } | null = null;

  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", inlines: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ kind: "list", ordered: list.ordered, items: list.items });
    list = null;
  };

  for (const rawLine of markdown.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    if (line.trim() === "") {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      const level = (heading[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: "heading", level, inlines: parseInline(heading[2] ?? "") });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      endParagraph();
      const ordered = numbered !== null;
      const itemText = ((bullet ?? numbered) as RegExpExecArray)[1] ?? "";
      if (list && list.ordered !== ordered) endList();
      if (!list) list = { ordered, items: [] };
      const marked = ordered ? null : outcomeOfLine(line);
      list.items.push(
        marked
          ? { inlines: parseInline(marked.text), outcome: { kind: marked.kind, owner: marked.owner, due: marked.due } }
          : { inlines: parseInline(itemText), outcome: null },
      );
      continue;
    }
    // A line after a list item that is not a new item continues that item (a wrapped line).
    const openList: { ordered: boolean; items: ListItem[] } | null = list;
    const lastItem = openList?.items[openList.items.length - 1];
    if (lastItem && /^\s+/.test(rawLine)) {
      lastItem.inlines.push({ kind: "text", text: " " }, ...parseInline(line.trim()));
      continue;
    }
    endList();
    paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return blocks;
}
