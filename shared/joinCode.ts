/*
 * The join code's alphabet and spelling, without zod: the join page's first script
 * (client/src/views/JoinView.tsx) formats codes before the schemas arrive. Its schema:
 * shared/ids.ts's JoinCodeSchema.
 */

/** Letters and digits that cannot be confused when read aloud or handwritten (no 0/O/1/I). */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

/** Accepts "abc-def", " ABC DEF " and the like: people type codes read off a slide. */
export function normalizeJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

/** Shown as ABC-DEF so it is easy to read aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}
