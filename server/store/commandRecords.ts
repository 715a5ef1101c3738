/**
 * Command records (a write's first result, for retries) are kept per UTC day under a keyed hash of
 * (workshop, actor, commandId) and looked up in today's and yesterday's: a retry is recognised for
 * 24 to 48 hours, and a record's expiry tells the day at most, never the time (docs/SECURITY.md).
 */
export const COMMAND_RECORD_DAY_MS = 24 * 60 * 60 * 1000;

/** The day a command record made at `now` is filed under, and when that day's records expire. */
export function commandRecordDay(now: number): { day: number; expiresAt: number } {
  const day = Math.floor(now / COMMAND_RECORD_DAY_MS);
  return { day, expiresAt: (day + 2) * COMMAND_RECORD_DAY_MS };
}
