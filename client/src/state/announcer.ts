import { signal } from "@preact/signals";

/**
 * What the page's one polite live region says next (views/Announcer.tsx, always in the page):
 * for changes whose own part of the page is replaced as they happen (moved to another room),
 * where a region inside that part would be gone before a screen reader read it.
 */
export const announcement = signal({ text: "", at: 0 });

export function announce(text: string): void {
  announcement.value = { text, at: Date.now() };
}
