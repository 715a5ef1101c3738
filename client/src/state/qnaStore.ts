import type { QuestionId } from "../../../shared/qna.js";

/**
 * What this device remembers about Q&A, in localStorage so it survives a reload:
 * - the secret of each question asked here: the ONLY link between the person and an
 *   anonymous question. It stays on this device; nothing sends it anywhere but back to the
 *   server to prove authorship (edit, withdraw, "my questions").
 * - which questions this person upvoted (the server never tells anyone who voted).
 * Storage can throw (private modes, disabled storage): then the app works until a reload.
 */
const PREFIX = "workshop.qna.";
/** `qna:mine` takes at most this many; older questions are forgotten first. */
export const MAX_REMEMBERED_QUESTIONS = 200;

export type OwnQuestion = { questionId: QuestionId; secret: string };

function questionsKey(workshopId: string): string {
  return `${PREFIX}${workshopId}.questions`;
}

function upvotesKey(workshopId: string, participantId: string): string {
  return `${PREFIX}${workshopId}.${participantId}.upvoted`;
}

function readArray(key: string): unknown[] {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function write(key: string, value: readonly unknown[]): void {
  try {
    if (value.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not fatal: kept in memory until the page reloads.
  }
}

export function readOwnQuestions(workshopId: string): OwnQuestion[] {
  return readArray(questionsKey(workshopId)).filter(
    (item): item is OwnQuestion =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as OwnQuestion).questionId === "string" &&
      typeof (item as OwnQuestion).secret === "string",
  );
}

export function writeOwnQuestions(workshopId: string, items: readonly OwnQuestion[]): void {
  write(questionsKey(workshopId), items.slice(-MAX_REMEMBERED_QUESTIONS));
}

export function readUpvotes(workshopId: string, participantId: string): QuestionId[] {
  return readArray(upvotesKey(workshopId, participantId)).filter((item): item is string => typeof item === "string");
}

export function writeUpvotes(workshopId: string, participantId: string, questionIds: Iterable<QuestionId>): void {
  write(upvotesKey(workshopId, participantId), [...questionIds]);
}

/**
 * Forgets every Q&A secret and upvote on this device (of one workshop, or of all): after a
 * quick exit nothing on the device should say which anonymous question was this person's.
 */
export function forgetQnaOnDevice(workshopId?: string): void {
  try {
    const prefix = workshopId ? `${PREFIX}${workshopId}.` : PREFIX;
    const doomed: string[] = [];
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (key?.startsWith(prefix)) doomed.push(key);
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
