import type { CommandName, CommandPayload } from "../../shared/events.js";
import type { PollResults } from "../../shared/poll.js";
import { optionOf } from "./votePlan.js";
import type { CommandOutcome, WorkshopClient } from "./workshopClient.js";

/**
 * What the forum bench's orchestrator (bench/forum.ts) and its load generators
 * (bench/forumClient.ts) agree on without talking: who votes for what, how a tally is compared,
 * and how a command is sent until it is answered.
 */

/** Option id -> count. */
export type Counts = Record<string, number>;

/** Participant i's choice in the plenary poll (shift 0) and in the every-room poll (shift 1), as the CI test does. */
export function choiceOf(index: number, options: readonly string[], shift: number): string {
  return optionOf(index + shift, options);
}

/** The counts of a choice poll's results: combined, or one room's (null: not there, or not a choice poll). */
export function countsOf(results: PollResults | undefined, roomId?: string | null): Counts | null {
  if (!results || (results.kind !== "single" && results.kind !== "multiple")) return null;
  const tally = roomId === undefined ? results.combined : roomId === null ? undefined : results.byRoom?.[roomId];
  return tally ? Object.fromEntries(tally.counts.map((count) => [count.optionId, count.count])) : null;
}

/** Every option's count of these choices (zeros included). */
export function tallyOf(choices: Iterable<string>, options: readonly string[]): Counts {
  const counts: Counts = Object.fromEntries(options.map((option) => [option, 0]));
  for (const choice of choices) counts[choice] = (counts[choice] ?? 0) + 1;
  return counts;
}

/** Same counts for every option either side names (a missing option counts 0). */
export function sameCounts(a: Counts | null | undefined, b: Counts | null | undefined): boolean {
  if (!a || !b) return false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[key] ?? 0) !== (b[key] ?? 0)) return false;
  return true;
}

export function tallyText(counts: Counts | null | undefined): string {
  if (!counts) return "none";
  return Object.entries(counts)
    .map(([option, count]) => `${option} ${count}`)
    .join(", ");
}

/** Answers after which the browser's outbox sends the same command again (client/src/net/outbox.ts). */
const PASSING = new Set(["UNAVAILABLE", "timeout", "network"]);
/** The outbox's pause before it sends again. */
const RESEND_MS = 2000;

/**
 * Sends a command until it is answered with anything but a passing refusal, the same payload
 * (same commandId) each time, as the browser's outbox does, until `deadline` (epoch ms);
 * `resent(code)` hears each passing refusal.
 */
export async function sendUntilAnswered<C extends CommandName>(
  client: WorkshopClient,
  name: C,
  payload: CommandPayload<C>,
  deadline: number,
  resent: (code: string) => void = () => {},
  timeoutMs = 10_000,
): Promise<CommandOutcome<C>> {
  for (;;) {
    const outcome = await client.command(name, payload, { timeoutMs, attempts: 1 });
    if (outcome.ok || !PASSING.has(outcome.code) || Date.now() + RESEND_MS > deadline) return outcome;
    if (outcome.code === "network" && !client.socket.connected) return outcome;
    resent(outcome.code);
    await new Promise((resolve) => setTimeout(resolve, RESEND_MS));
  }
}
