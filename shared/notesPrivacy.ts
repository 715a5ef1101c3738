/**
 * "Not for export" sections of notes (a documented Markdown convention, read by the editor's
 * preview and by the report): a heading whose text contains `[not for export]`
 * (case-insensitive) starts a section the report leaves out, with everything under it, up to
 * the next heading of the same or a higher level.
 *
 *   ## Side conversation [not for export]
 *   Nothing here reaches the report, outcome markers included.
 *   ### Still private (a lower level stays inside)
 *   ## Next topic       <- back in the report
 *
 * Headings inside fenced code blocks are text, not headings.
 */
export const NOT_FOR_EXPORT_TAG = "[not for export]";
/** What the editor's toolbar puts at the start of a line. */
export const NOT_FOR_EXPORT_PREFIX = `## ${NOT_FOR_EXPORT_TAG} `;

const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TAG = /\[not for export\]/i;

/** For each line, whether it is a code fence or inside one (Markdown there is text). */
export function codeLines(lines: readonly string[]): boolean[] {
  let fence: string | null = null;
  return lines.map((line) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence === null) {
      if (marker) fence = marker;
      return marker !== undefined;
    }
    if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    return true;
  });
}

/** For each line (0-based), whether it belongs to a "not for export" section. */
export function privateLines(lines: readonly string[]): boolean[] {
  const code = codeLines(lines);
  /** The level of the heading that opened the private section; null when not in one. */
  let privateLevel: number | null = null;
  return lines.map((line, index) => {
    const heading = code[index] ? null : HEADING.exec(line);
    if (heading) {
      const level = (heading[1] as string).length;
      if (privateLevel !== null && level <= privateLevel) privateLevel = null;
      if (privateLevel === null && TAG.test(heading[2] ?? "")) privateLevel = level;
    }
    return privateLevel !== null;
  });
}

/** The notes as the report shows them: private sections removed, trailing blank lines trimmed. */
export function exportableNotes(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  const hidden = privateLines(lines);
  const kept = lines.filter((_, index) => !hidden[index]);
  return kept.join("\n").replace(/\s+$/, "");
}
