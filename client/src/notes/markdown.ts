import { type Block, parseNotes } from "../../../shared/notesMarkdown.js";
import { NOT_FOR_EXPORT_PREFIX, NOT_FOR_EXPORT_TAG, privateLines } from "../../../shared/notesPrivacy.js";
import { OUTCOME_PREFIX, type OutcomeKind } from "../../../shared/outcomes.js";

/** The notes' Markdown subset and its parser live in shared/ (the report renders notes with it too). */
export * from "../../../shared/notesMarkdown.js";

/**
 * The edit that marks one line as an outcome: an existing bullet or marker is replaced, the
 * line's text is kept. Returns how many characters at the line's start to replace, and with what.
 */
export function markerEdit(lineText: string, kind: OutcomeKind): { replace: number; insert: string } {
  const insert = OUTCOME_PREFIX[kind];
  const existing = /^\s*(?:[-*+]\s+)?(?:\[(?:decision|action|recommendation)\]\s*)?/i.exec(lineText);
  return { replace: existing ? existing[0].length : 0, insert };
}

/** A run of blocks that are all in, or all out of, the report. */
export type NotesSection = { notForExport: boolean; blocks: Block[] };

/**
 * The notes as the preview shows them: parsed section by section, each saying whether the
 * report leaves it out (shared/notesPrivacy.ts, the report's own rule). A private section
 * starts and ends at a heading, and headings end paragraphs and lists, so parsing the runs
 * apart gives the same blocks as parsing the whole.
 */
export function parseNotesSections(markdown: string): NotesSection[] {
  const lines = markdown.split(/\r?\n/);
  const hidden = privateLines(lines);
  const sections: NotesSection[] = [];
  let start = 0;
  for (let index = 1; index <= lines.length; index++) {
    if (index < lines.length && (hidden[index] ?? false) === (hidden[start] ?? false)) continue;
    const blocks = parseNotes(lines.slice(start, index).join("\n"));
    if (blocks.length > 0) sections.push({ notForExport: hidden[start] ?? false, blocks });
    start = index;
  }
  return sections;
}

/**
 * The edit that starts a "not for export" section at one line: a heading keeps its level and
 * gets the tag; any other line becomes such a heading (a bullet dropped, its text kept). A line
 * already tagged is left as it is.
 */
export function notForExportEdit(lineText: string): { replace: number; insert: string } {
  if (lineText.toLowerCase().includes(NOT_FOR_EXPORT_TAG)) return { replace: 0, insert: "" };
  const heading = /^ {0,3}(#{1,6})(?:[ \t]+|$)/.exec(lineText);
  if (heading) return { replace: heading[0].length, insert: `${heading[1]} ${NOT_FOR_EXPORT_TAG} ` };
  const bullet = /^\s*(?:[-*+]\s+)?/.exec(lineText);
  return { replace: bullet ? bullet[0].length : 0, insert: NOT_FOR_EXPORT_PREFIX };
}
