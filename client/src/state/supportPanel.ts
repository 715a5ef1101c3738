import { signal } from "@preact/signals";

/**
 * The person's "I need support" panel is open. Apart from supportState.ts: the shortcut that
 * opens it (Alt+Shift+S, main.tsx) is in the first script, the support code arrives later.
 */
export const supportPanelOpen = signal(false);
