/**
 * Outcome markers in notes (a documented Markdown convention, read by the editor's preview and
 * by the report): a list item whose first word is a bracketed tag.
 *
 *   - [Decision] Open two more shelters in the north
 *   - [Action] Draft the referral protocol @Amal due:2026-12-15
 *   - [Recommendation] Fund legal aid for survivors
 *
 * Tags are case-insensitive. An action may end with `@owner` and/or `due:YYYY-MM-DD`, in
 * either order. Anything else is ordinary Markdown.
 */
export const OUTCOME_KINDS = ["decision", "action", "recommendation"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface Outcome {
  kind: OutcomeKind;
  text: string;
  owner: string | null;
  due: string | null;
  /** 1-based line in the document. */
  line: number;
}

/** The text a toolbar button puts at the start of a line. */
export const OUTCOME_PREFIX: Record<OutcomeKind, string> = {
  decision: "- [Decision] ",
  action: "- [Action] ",
  recommendation: "- [Recommendation] ",
};

const MARKER = /^\s*[-*+]\s+\[(decision|action|recommendation)\]\s*(.*)$/i;
const OWNER = /(?:^|\s)@([^\s@]+)\s*$/u;
const DUE = /(?:^|\s)due:(\d{4}-\d{2}-\d{2})\s*$/;

/** The outcome a single line marks, or null. */
export function outcomeOfLine(lineText: string, line = 1): Outcome | null {
  const match = MARKER.exec(lineText);
  if (!match) return null;
  const kind = (match[1] as string).toLowerCase() as OutcomeKind;
  let text = (match[2] ?? "").trim();
  let owner: string | null = null;
  let due: string | null = null;
  if (kind === "action") {
    // Owner and due date may come in either order at the end.
    for (let pass = 0; pass < 2; pass++) {
      const ownerMatch = owner === null ? OWNER.exec(text) : null;
      if (ownerMatch) {
        owner = ownerMatch[1] as string;
        text = text.slice(0, ownerMatch.index).trim();
        continue;
      }
      const dueMatch = due === null ? DUE.exec(text) : null;
      if (dueMatch) {
        due = dueMatch[1] as string;
        text = text.slice(0, dueMatch.index).trim();
      }
    }
  }
  return text.length > 0 ? { kind, text, owner, due, line } : null;
}

/** Every outcome of a document, in document order. */
export function extractOutcomes(markdown: string): Outcome[] {
  const outcomes: Outcome[] = [];
  markdown.split(/\r?\n/).forEach((lineText, index) => {
    const outcome = outcomeOfLine(lineText, index + 1);
    if (outcome) outcomes.push(outcome);
  });
  return outcomes;
}
