/**
 * The English report's dates: `YYYY-MM-DD` and `YYYY-MM-DD HH:MM <zone>`, in the report's time
 * zone (Intl: the zone rules of the runtime). Sortable and unambiguous across a forum of many
 * countries; other languages write theirs through Intl in their own words (words.ts).
 */
function clockIn(ms: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

export function dateOf(ms: number, timeZone: string): string {
  return clockIn(ms, timeZone).date;
}

export function dateTimeOf(ms: number, timeZone: string): string {
  const { date, time } = clockIn(ms, timeZone);
  return `${date} ${time} ${timeZone}`;
}

export function timeOf(ms: number, timeZone: string): string {
  return clockIn(ms, timeZone).time;
}

/**
 * A machine-readable local time with its offset in the report's zone, the same in every
 * language (a CSV column scripts and spreadsheets read): `2026-12-01T13:30+07:00`.
 */
export function isoLocalOf(ms: number, timeZone: string): string {
  const { date, time } = clockIn(ms, timeZone);
  const zone =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date(ms))
      .find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  // "GMT+07:00", or "GMT" itself at offset zero.
  const offset = zone === "GMT" ? "+00:00" : zone.replace(/^GMT/, "");
  return `${date}T${time}${offset}`;
}
