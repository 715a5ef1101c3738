import { effect, signal } from "@preact/signals";
import type { SessionView } from "../../../shared/workshop.js";
import type { WorkshopState } from "../../../shared/workshopState.js";
import { session, socketStatus } from "./session.js";
import { workshopState } from "./workshopState.js";

/**
 * The last state this tab saw of its workshop, kept in sessionStorage (this tab only; gone when
 * it closes; "Leave now" clears it with everything else), so a reload with no network opens on
 * what the person last saw instead of a spinner. The next connection brings what changed since.
 */
const KEY = "workshop.lastState";
/** 2: the state holds call links (a copy kept in format 1 has none: not restored). */
const FORMAT = 2;
/** Saved at most this often while things change (a 2,000-person roster is ~100 KB of JSON). */
const SAVE_EVERY_MS = 1000;

interface Saved {
  format: number;
  savedAt: number;
  session: SessionView;
  state: unknown;
}

/** When the state on screen was saved, while it is a kept one not yet brought up to date (else null). */
export const shownSince = signal<number | null>(null);

/** Restores the kept state when it belongs to this very session (the token the tab resumes with). */
export function restoreLastState(sessionToken: string): boolean {
  const saved = read();
  if (!saved || saved.session.sessionToken !== sessionToken) return false;
  workshopState.restoreState(decode(saved.state) as WorkshopState);
  session.value = saved.session;
  shownSince.value = saved.savedAt;
  return true;
}

/** Saves the state after changes (throttled) and when the page is hidden; clears "shown since" once connected. */
export function keepLastState(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const me = session.peek();
    if (!me || !workshopState.hasSnapshot) return;
    const saved: Saved = {
      format: FORMAT,
      savedAt: Date.now(),
      session: me,
      state: encode(workshopState.exportState()),
    };
    try {
      sessionStorage.setItem(KEY, JSON.stringify(saved));
    } catch {
      // Full or refused: the app works on; only an offline reload would open empty.
    }
  };
  const stopSaving = effect(() => {
    workshopState.changes.value;
    workshopState.myBallots.value;
    workshopState.pollResults.value;
    if (!session.value) return;
    timer ??= setTimeout(save, SAVE_EVERY_MS);
  });
  const stopShown = effect(() => {
    if (socketStatus.value === "connected") shownSince.value = null;
  });
  const onHide = () => {
    if (document.visibilityState === "hidden" && session.peek()) save();
  };
  addEventListener("visibilitychange", onHide);
  return () => {
    stopSaving();
    stopShown();
    removeEventListener("visibilitychange", onHide);
    if (timer !== undefined) clearTimeout(timer);
  };
}

function read(): Saved | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Saved | null;
    return parsed && parsed.format === FORMAT && typeof parsed.savedAt === "number" && parsed.session ? parsed : null;
  } catch {
    return null;
  }
}

/** Maps and Sets as tagged arrays, whatever fields the state grows. */
function encode(value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value].map(([key, item]) => [key, encode(item)]) };
  if (value instanceof Set) return { $set: [...value] };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    const tagged = value as { $map?: [unknown, unknown][]; $set?: unknown[] };
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map.map(([key, item]) => [key, decode(item)]));
    if (Array.isArray(tagged.$set)) return new Set(tagged.$set);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
  }
  return value;
}
