import { announcement } from "../state/announcer.js";

/** The page's always-present polite live region (state/announcer.ts). */
export function Announcer() {
  const { text, at } = announcement.value;
  return (
    <p class="visually-hidden" role="status" data-testid="page-announcer">
      {/* Keyed by time: the same words said again are announced again. */}
      <span key={at}>{text}</span>
    </p>
  );
}
