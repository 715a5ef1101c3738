import type { WorkshopId } from "../../../shared/ids.js";
import type { SupportRequestId, SupportRequestView, SupportSettings } from "../../../shared/support.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { CommitOutcome } from "../workshop/port.js";

/** One support record a command replaces, compare-and-set like RecordWrite (expected null: absent). */
export type SupportWrite =
  | { kind: "request"; requestId: SupportRequestId; expected: SupportRequestView | null; next: SupportRequestView }
  | { kind: "settings"; expected: SupportSettings | null; next: SupportSettings };

/** What one support command changes, and the result a retry gets. */
export interface SupportChange<T> {
  writes: SupportWrite[];
  result: T;
}

/** What a change notification names: the requests changed, and whether the settings did. */
export interface SupportChanged {
  requestIds: SupportRequestId[];
  settings: boolean;
}

/**
 * Private support requests and their conversations. Kept out of the workshop's event log, the
 * reports and the exports on purpose: only the person and the safeguarding leads are ever sent
 * one. Deleted with everything else of the workshop (its purge).
 */
export interface SupportStore {
  /** Compare-and-set of requests and the settings, at most once per CommandRef; every node is told what changed. */
  commitSupport<T>(workshopId: WorkshopId, command: CommandRef, change: SupportChange<T>): Promise<CommitOutcome<T>>;
  getRequest(workshopId: WorkshopId, requestId: SupportRequestId): Promise<SupportRequestView | null>;
  listRequests(workshopId: WorkshopId): Promise<SupportRequestView[]>;
  /** null: never set (the defaults apply). */
  getSettings(workshopId: WorkshopId): Promise<SupportSettings | null>;
  /** Called after every support change of the workshop, on every node. */
  subscribeSupport(workshopId: WorkshopId, onChange: (changed: SupportChanged) => void): Promise<Unsubscribe>;
}

/** The notification's wire form (ids only, never a name or a message): `s` for the settings, then request ids. */
export function encodeSupportChanged(changed: SupportChanged): string {
  return [...(changed.settings ? ["s"] : []), ...changed.requestIds].join(",");
}

export function decodeSupportChanged(message: string): SupportChanged {
  const parts = message.split(",").filter((part) => part.length > 0);
  return { settings: parts.includes("s"), requestIds: parts.filter((part) => part !== "s") };
}

export function changedBy(writes: readonly SupportWrite[]): SupportChanged {
  return {
    requestIds: writes.flatMap((write) => (write.kind === "request" ? [write.requestId] : [])),
    settings: writes.some((write) => write.kind === "settings"),
  };
}
