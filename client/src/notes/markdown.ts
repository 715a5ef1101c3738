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
