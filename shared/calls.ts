import { z } from "zod";

/**
 * Call links: the address of the video call (Jitsi Meet, BigBlueButton, Zoom...) a room or the
 * plenary talks in, beside this server. A link may carry a meeting password (Zoom's `pwd=`), so
 * it is treated as a secret of the room: only its people and facilitators receive it, and it is
 * never logged nor put into a report.
 */

/** Longest link (or template) accepted: real meeting links are well under 200 characters. */
export const CALL_URL_MAX = 500;

/** The two placeholders a template may hold, filled in per room by the server. */
export const CALL_PLACEHOLDERS = ["{room}", "{workshop}"] as const;

/**
 * What a placeholder becomes (`server/domain/calls.ts` makes them): `{workshop}` a random word
 * of the workshop's (not its id, not its join code), `{room}` `<round>-<room>-<random>`, so a
 * participant who knows their own room's link cannot work out another room's.
 */
export const CALL_SLUG_PATTERN = /^[a-z0-9-]{1,24}$/;
/** The longest slugs, to check that a template stays within CALL_URL_MAX once filled in. */
const LONGEST_SLUGS = { workshop: "w".repeat(24), room: "r".repeat(24) };

/** Why a link (or template) is refused; null: it is fine. The client turns these into words. */
export type CallLinkProblem =
  | "length"
  | "whitespace"
  | "malformed"
  | "https"
  | "credentials"
  | "placeholder"
  | "needsRoom";

/** Spaces, controls and invisible format characters (bidi overrides, zero-width) that could disguise a link. */
const HIDDEN_OR_SPACE = /[\s\p{Cc}\p{Cf}]/u;

/** What is wrong with a pasted link (no placeholders allowed), or null. */
export function callLinkProblem(text: string): CallLinkProblem | null {
  if (text.length === 0 || text.length > CALL_URL_MAX) return "length";
  if (HIDDEN_OR_SPACE.test(text)) return "whitespace";
  if (/[{}]/.test(text)) return "placeholder";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "malformed";
  }
  if (url.protocol !== "https:") return "https";
  if (url.username !== "" || url.password !== "") return "credentials";
  if (url.hostname === "") return "malformed";
  return null;
}

/** What is wrong with a template (`{room}` required, `{workshop}` allowed, nothing else in braces), or null. */
export function callTemplateProblem(template: string): CallLinkProblem | null {
  if (template.length === 0 || template.length > CALL_URL_MAX) return "length";
  const rest = CALL_PLACEHOLDERS.reduce((text, placeholder) => text.replaceAll(placeholder, ""), template);
  if (/[{}]/.test(rest)) return "placeholder";
  if (!template.includes("{room}")) return "needsRoom";
  return callLinkProblem(expandCallTemplate(template, LONGEST_SLUGS));
}

/** A template filled in for one room. Slugs are URL-safe by construction (CALL_SLUG_PATTERN). */
export function expandCallTemplate(template: string, slugs: { workshop: string; room: string }): string {
  return template.replaceAll("{workshop}", slugs.workshop).replaceAll("{room}", slugs.room);
}

function refusedWith(problemOf: (text: string) => CallLinkProblem | null) {
  return z
    .string()
    .max(CALL_URL_MAX * 2)
    .superRefine((text, context) => {
      const problem = problemOf(text);
      if (problem) context.addIssue({ code: "custom", message: `call link refused: ${problem}` });
    });
}

/** A link pasted for a room or the plenary: https, parseable, no user:password@, no spaces or hidden characters. */
export const CallUrlSchema = refusedWith(callLinkProblem);
/** A workshop's template, e.g. `https://meet.jit.si/forum-{workshop}-{room}`: filled in, it must be a CallUrl. */
export const CallTemplateSchema = refusedWith(callTemplateProblem);

/** What facilitators set: the plenary's link, the template, the links pasted for rooms of the current round. */
export const CallSettingsSchema = z.object({
  plenary: z.string().nullable(),
  template: z.string().nullable(),
  /** roomId -> the link pasted for it (wins over the template). */
  pasted: z.record(z.string(), z.string()),
});
export type CallSettings = z.infer<typeof CallSettingsSchema>;

/** A snapshot's call links, cut per viewer (server/domain/visibility.ts). */
export const CallsViewSchema = z.object({
  /** The plenary's call: everyone in the workshop. */
  plenary: z.string().nullable(),
  /** roomId -> the call of a room of the current round: the viewer's own room while it runs; every room for facilitators. */
  rooms: z.record(z.string(), z.string()),
  /** Facilitators only (null for everyone else): the template would let anyone work out other rooms' links. */
  settings: CallSettingsSchema.nullable(),
});
export type CallsView = z.infer<typeof CallsViewSchema>;
