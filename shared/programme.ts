import { z } from "zod";
import { ContentNoteSchema } from "./contentNote.js";
import { type ProgrammeSessionId, ProgrammeSessionIdSchema } from "./ids.js";
import { freeText, nameText } from "./text.js";

/**
 * The forum's programme: its sessions (a panel, a workshop, a plenary) with their times. Times are
 * absolute instants (epoch ms, UTC): every reader sees them in their own time zone.
 */
export const PROGRAMME_MAX_SESSIONS = 100;
export const SESSION_TITLE_MAX = 120;
export const SESSION_DESCRIPTION_MAX = 2000;
export const SPEAKER_NAME_MAX = 60;
export const SPEAKERS_MAX = 12;
/** A session lasts at most a day: longer is a typo in a date. */
export const SESSION_LONGEST_MS = 24 * 3600 * 1000;
/** Instants from 2000 to 2200: anything else is junk, not a forum. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

export const SESSION_KINDS = ["plenary", "panel", "workshop"] as const;
export const SessionKindSchema = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKindSchema>;

const InstantSchema = z.number().int().min(EARLIEST).max(LATEST);

/**
 * What a facilitator writes for one session. Speakers are display names as typed (survivors may
 * speak under a pseudonym): shown as given, never linked to anyone's account in the workshop.
 */
export const SessionDraftSchema = z
  .strictObject({
    title: nameText(SESSION_TITLE_MAX),
    kind: SessionKindSchema,
    startsAt: InstantSchema,
    endsAt: InstantSchema,
    description: freeText(SESSION_DESCRIPTION_MAX).optional(),
    speakers: z.array(nameText(SPEAKER_NAME_MAX)).max(SPEAKERS_MAX).optional(),
    /** Shown before the description (shared/contentNote.ts): a testimony may carry one. */
    contentNote: ContentNoteSchema.optional(),
  })
  .refine((draft) => draft.endsAt > draft.startsAt, { message: "a session ends after it starts", path: ["endsAt"] })
  .refine((draft) => draft.endsAt - draft.startsAt <= SESSION_LONGEST_MS, {
    message: "a session lasts at most a day",
    path: ["endsAt"],
  });
export type SessionDraft = z.output<typeof SessionDraftSchema>;

export const ProgrammeSessionViewSchema = z.object({
  sessionId: ProgrammeSessionIdSchema,
  title: z.string(),
  kind: SessionKindSchema,
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  description: z.string(),
  speakers: z.array(z.string()),
  contentNote: z.string().optional(),
  /** Breaks ties between sessions that start together (parallel tracks): creation order, or as reordered. */
  position: z.number().int().nonnegative(),
});
export type ProgrammeSessionView = z.infer<typeof ProgrammeSessionViewSchema>;

/** The programme in order: by start, then by position (creation, or as a facilitator reordered them). */
export function compareSessions(
  a: Pick<ProgrammeSessionView, "startsAt" | "position" | "sessionId">,
  b: Pick<ProgrammeSessionView, "startsAt" | "position" | "sessionId">,
): number {
  return a.startsAt - b.startsAt || a.position - b.position || (a.sessionId < b.sessionId ? -1 : 1);
}

export function orderedProgramme<S extends ProgrammeSessionView>(sessions: Iterable<S>): S[] {
  return [...sessions].sort(compareSessions);
}

export interface NowAndNext<S> {
  /** Sessions running at `now` (parallel tracks: several), in programme order. */
  now: S[];
  /** The first session to start after `now`, or null when none is left. */
  next: S | null;
}

/** What is on at `now` (start inclusive, end exclusive) and what comes next. */
export function nowAndNext<S extends ProgrammeSessionView>(sessions: Iterable<S>, now: number): NowAndNext<S> {
  const ordered = orderedProgramme(sessions);
  return {
    now: ordered.filter((session) => session.startsAt <= now && now < session.endsAt),
    next: ordered.find((session) => session.startsAt > now) ?? null,
  };
}

/** The Q&A board of one session (shared/qna.ts BoardIdSchema). */
export function sessionBoardId(sessionId: ProgrammeSessionId): `session:${string}` {
  return `session:${sessionId}`;
}

/** The session a board belongs to, or null for the plenary's and rooms' boards. */
export function sessionOfBoard(boardId: string): ProgrammeSessionId | null {
  return boardId.startsWith("session:") ? boardId.slice("session:".length) : null;
}
