import { effect } from "@preact/signals";
import { serverEvents } from "../../../shared/events.js";
import type { SupportContact, SupportRequestId } from "../../../shared/support.js";
import { myRole } from "../state/myRole.js";
import { session } from "../state/session.js";
import {
  applySupportCount,
  applySupportList,
  applySupportRequest,
  resetSupport,
  supportSettings,
} from "../state/supportState.js";
import { newCommandId } from "./commands.js";
import { followConnection } from "./connectionFollowers.js";
import { connection } from "./connectionState.js";
import { runCommand } from "./session.js";

/** The support panels explain these refusals themselves, next to the button that caused them. */
const QUIET = ["CONFLICT", "NOT_FOUND", "INVALID_STATE", "FORBIDDEN", "BAD_REQUEST", "RATE_LIMITED"] as const;

async function applied(outcome: Awaited<ReturnType<typeof runCommand<"support:take">>>) {
  if (outcome?.ok) applySupportRequest(outcome.data);
  return outcome;
}

export async function askForSupport(note: string, contact: SupportContact) {
  return applied(await runCommand("support:request", { commandId: newCommandId(), note, contact }, { quiet: QUIET }));
}

export async function takeSupportRequest(requestId: SupportRequestId) {
  return applied(await runCommand("support:take", { commandId: newCommandId(), requestId }, { quiet: QUIET }));
}

export async function sendSupportMessage(requestId: SupportRequestId, text: string) {
  return applied(await runCommand("support:message", { commandId: newCommandId(), requestId, text }, { quiet: QUIET }));
}

export async function closeSupportRequest(requestId: SupportRequestId) {
  return applied(await runCommand("support:close", { commandId: newCommandId(), requestId }, { quiet: QUIET }));
}

/** Facilitators: whether facilitators see how many requests are open (a count, never who). */
export async function setSupportCountVisible(countToFacilitators: boolean) {
  const outcome = await runCommand("support:settings", { commandId: newCommandId(), countToFacilitators });
  if (outcome?.ok) supportSettings.value = outcome.data;
  await refreshSupport();
  return outcome;
}

async function refreshSupport(): Promise<void> {
  if (!session.peek()) return;
  const outcome = await runCommand("support:list", {}, { quiet: [...QUIET, "UNAVAILABLE", "WORKSHOP_ENDED"] });
  if (outcome?.ok) applySupportList(outcome.data);
}

export function onSupportChanged(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["support:changed"].payload.safeParse(payload);
  if (parsed.success) applySupportRequest(parsed.data.request);
  else void refreshSupport();
}

export function onSupportCount(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["support:count"].payload.safeParse(payload);
  if (parsed.success) applySupportCount(parsed.data);
}

/**
 * Keeps this tab's support state current: the list on every (re)connection (pushes missed while
 * away), and again when the person's role changes (a new safeguarding lead sees the queue; a
 * former one no longer does). Forgotten when the session ends.
 */
export function startSupportSync(): () => void {
  const stopFollowing = followConnection({ ready: () => void refreshSupport(), lost: () => {}, event: () => {} });
  let roleSeen = myRole.peek();
  let sessionSeen = session.peek();
  const stopRole = effect(() => {
    const role = myRole.value;
    const me = session.value;
    if (me !== sessionSeen && (!me || me.participantId !== sessionSeen?.participantId)) resetSupport();
    sessionSeen = me;
    if (role === roleSeen) return;
    roleSeen = role;
    if (role !== null) {
      resetSupport();
      void refreshSupport();
    }
  });
  return () => {
    stopFollowing();
    stopRole();
  };
}
