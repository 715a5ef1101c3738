import { effect } from "@preact/signals";
import { serverEvents } from "../../../shared/events.js";
import type { ReactionKind } from "../../../shared/hands.js";
import { applyHands, resetHands, showBurst } from "../state/handsState.js";
import { myRole } from "../state/myRole.js";
import { session } from "../state/session.js";
import { newCommandId } from "./commands.js";
import { followConnection } from "./connectionFollowers.js";
import { connection } from "./connectionState.js";
import { runCommand } from "./session.js";

/** The hands panel explains these refusals itself, next to its buttons. */
const QUIET = ["INVALID_STATE", "NOT_FOUND", "FORBIDDEN", "RATE_LIMITED", "BAD_REQUEST"] as const;

async function handChange<C extends "hands:raise" | "hands:lower" | "hands:call">(
  outcome: Awaited<ReturnType<typeof runCommand<C>>>,
) {
  // The command's answer names one hand; the whole view follows (a push, or asked for now).
  if (outcome?.ok) void refreshHands();
  return outcome;
}

export async function raiseHand() {
  return handChange(await runCommand("hands:raise", { commandId: newCommandId() }, { quiet: QUIET }));
}

/** Your own hand, or (facilitators) someone's. */
export async function lowerHand(participantId?: string) {
  const payload = participantId ? { commandId: newCommandId(), participantId } : { commandId: newCommandId() };
  return handChange(await runCommand("hands:lower", payload, { quiet: QUIET }));
}

/** Facilitators: the next waiting hand, or someone's. */
export async function callHand(participantId?: string) {
  const payload = participantId ? { commandId: newCommandId(), participantId } : { commandId: newCommandId() };
  return handChange(await runCommand("hands:call", payload, { quiet: QUIET }));
}

/**
 * A reaction: sent once, right now, or not at all (a reaction from a minute ago would mean
 * nothing): never queued for later and never retried.
 */
export async function sendReaction(kind: ReactionKind) {
  if (!connection.socket?.connected) return null;
  return runCommand("reactions:send", { kind }, { quiet: [...QUIET, "timeout", "network"], send: { attempts: 1 } });
}

async function refreshHands(): Promise<void> {
  if (!session.peek()) return;
  const outcome = await runCommand("hands:queue", {}, { quiet: [...QUIET, "UNAVAILABLE", "WORKSHOP_ENDED"] });
  if (outcome?.ok) applyHands(outcome.data, { sameVersionToo: true });
}

export function onHandsChanged(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["hands:changed"].payload.safeParse(payload);
  if (parsed.success) applyHands(parsed.data);
  else void refreshHands();
}

export function onReactionsBurst(payload: unknown): void {
  if (connection.stopped) return;
  const parsed = serverEvents["reactions:burst"].payload.safeParse(payload);
  if (parsed.success) showBurst(parsed.data.counts);
}

/**
 * Keeps this tab's queue current: asked for on every (re)connection (changes missed while away)
 * and when the person's role changes (a new facilitator sees names; a former one no longer).
 */
export function startHandsSync(): () => void {
  const stopFollowing = followConnection({ ready: () => void refreshHands(), lost: () => {}, event: () => {} });
  let roleSeen = myRole.peek();
  let personSeen = session.peek()?.participantId;
  const stopRole = effect(() => {
    const role = myRole.value;
    const person = session.value?.participantId;
    if (person !== personSeen) resetHands();
    personSeen = person;
    if (role === roleSeen) return;
    roleSeen = role;
    if (role !== null) {
      resetHands();
      void refreshHands();
    }
  });
  return () => {
    stopFollowing();
    stopRole();
  };
}
