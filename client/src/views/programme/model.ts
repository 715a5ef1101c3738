import type { ProgrammeSessionView } from "../../../../shared/programme.js";
import { locale } from "../../i18n/index.js";

/**
 * Times of the programme in the reader's own zone (the browser's, Intl's default) and language:
 * the server keeps instants, each person sees them on their own clock.
 */
const dayAndTime = new Intl.DateTimeFormat(locale, { weekday: "short", hour: "numeric", minute: "2-digit" });
const timeOnly = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });

/** "Sat 15:00 – 16:00" in the reader's zone. */
export function sessionTimes(session: Pick<ProgrammeSessionView, "startsAt" | "endsAt">): string {
  return `${dayAndTime.format(session.startsAt)} – ${timeOnly.format(session.endsAt)}`;
}

/** The browser's zone, named beside the programme so nobody wonders whose clock it is. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An instant as a `datetime-local` value in the facilitator's zone ("2030-03-01T09:00"). */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the facilitator's zone) as an instant; null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}
