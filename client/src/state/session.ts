import { computed, signal } from "@preact/signals";
import type { ErrorCode } from "../../../shared/protocol.js";
import type { SessionView } from "../../../shared/workshop.js";

/** The socket's own view; "offline" is added by `connectionState` from the browser's view. */
export type SocketStatus = "idle" | "connecting" | "connected" | "reconnecting" | "gaveUp";
export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "offline";
export type ClientErrorCode = ErrorCode | "network" | "timeout";
export type EndReason = "removed" | "workshop_ended" | "workshop_deleted" | "workshop_lost";

export const socketStatus = signal<SocketStatus>("idle");
export const browserOnline = signal(typeof navigator === "undefined" ? true : navigator.onLine);

export const connectionState = computed<ConnectionState>(() => {
  const status = socketStatus.value;
  if (status === "idle") return "idle";
  if (!browserOnline.value || status === "gaveUp") return "offline";
  return status;
});

/** Who this tab is in the workshop, from the last `session:ready`. */
export const session = signal<SessionView | null>(null);

/** Set when the session ended for good: the app shows a full screen instead of the workshop. */
export const endedBy = signal<EndReason | null>(null);

/**
 * After the workshop ended, its facilitators and note-takers keep, in this tab's memory only,
 * what taking the outcome report needs (the server still honours their token for downloads):
 * reports are mostly written after the forum. Gone with the tab; participants keep nothing.
 */
export interface ReportAccess {
  workshopId: string;
  sessionToken: string;
  /** Facilitators may also delete the workshop from the ended screen (`DELETE /api/workshops/:id`). */
  role: "facilitator" | "note-taker";
  title: string;
  /** What the delete confirmation asks to be typed (or the title). */
  joinCode: string;
  reportAttribution: "none" | "attributed";
  /** When everything is deleted for good (null: not known in this tab). */
  deleteAt: number | null;
  /** Display names, for the preview's check that nobody is named in an unattributed report. */
  participantNames: string[];
}
export const reportAccess = signal<ReportAccess | null>(null);

/** Why the last join / enter attempt was refused; shown on the form that started it. */
export const joinError = signal<ClientErrorCode | null>(null);

/** A network problem while joining: the socket keeps trying on its own. */
export const joinStillTrying = signal(false);

/** A failed command, shown in the workshop view until dismissed. */
export const notice = signal<ClientErrorCode | null>(null);
