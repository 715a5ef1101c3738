import type { MessageKey } from "../../i18n/index.js";

/**
 * The console's sections, each reachable from the navigation and by "g" then its key. The
 * panels are found by what they already carry (test ids, board and document ids), so the
 * console arranges them without each panel knowing about it. `focus`: what takes focus there
 * (a field to type in), else the section itself.
 */
export interface ConsoleSection {
  id: string;
  key: string;
  label: MessageKey;
  selector: string;
  focus?: string;
}

export const consoleSections: readonly ConsoleSection[] = [
  { id: "attention", key: "a", label: "console.navAttention", selector: "#console-attention" },
  {
    id: "rooms",
    key: "r",
    label: "console.navRooms",
    selector: "#console-rooms",
    focus: "#console-room-search",
  },
  { id: "round", key: "b", label: "console.navRound", selector: '[data-testid="breakout-panel"]' },
  { id: "polls", key: "p", label: "console.navPolls", selector: '[data-testid="polls-panel"]' },
  { id: "qna", key: "q", label: "console.navQna", selector: '[data-testid="qna-panel"][data-board-id="plenary"]' },
  { id: "notes", key: "n", label: "console.navNotes", selector: '[data-testid="notes-panel"][data-doc-id="plenary"]' },
  { id: "people", key: "e", label: "console.navPeople", selector: 'section[aria-labelledby="participants-heading"]' },
  { id: "report", key: "o", label: "console.navReport", selector: '[data-testid="report-panel"]' },
];

/** Brings a section into view under the sticky bar and moves focus there; false when it is not on the page. */
export function jumpTo(sectionId: string): boolean {
  const section = consoleSections.find((candidate) => candidate.id === sectionId);
  // Without a round there is no room grid: its key leads to planning one.
  const target =
    (section && document.querySelector<HTMLElement>(section.selector)) ??
    (sectionId === "rooms" ? document.querySelector<HTMLElement>('[data-testid="breakout-panel"]') : null);
  if (!section || !target) return false;
  target.scrollIntoView({ block: "start" });
  const field = section.focus ? document.querySelector<HTMLElement>(section.focus) : null;
  if (field) {
    field.focus({ preventScroll: true });
    return true;
  }
  // A section is not focusable by itself: it becomes a focus target only (not a Tab stop).
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  return true;
}

/** How long after "g" the section's key is waited for. */
const SEQUENCE_MS = 1500;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/**
 * "g" then a section's key, anywhere on the page but in a text field or the notes editor. Listened
 * to before the page's own handlers (capture), so the second key is not also a moderation key
 * (the Q&A queue's A, D, P). No modifier keys: Alt+Shift+S (support) and Escape twice (quick
 * exit) stay as they are.
 */
export function listenForShortcuts(): () => void {
  let armedAt = Number.NEGATIVE_INFINITY;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
    const key = event.key.toLowerCase();
    const now = performance.now();
    if (now - armedAt < SEQUENCE_MS) {
      armedAt = Number.NEGATIVE_INFINITY;
      const section = consoleSections.find((candidate) => candidate.key === key);
      if (section && jumpTo(section.id)) {
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    if (key === "g" && !event.shiftKey) armedAt = now;
  };
  addEventListener("keydown", onKeyDown, true);
  return () => removeEventListener("keydown", onKeyDown, true);
}
