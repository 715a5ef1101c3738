import { computed, signal } from "@preact/signals";
import type {
  SupportCount,
  SupportList,
  SupportRequestId,
  SupportRequestView,
  SupportSettings,
} from "../../../shared/support.js";
import { DEFAULT_SUPPORT_SETTINGS } from "../../../shared/support.js";
import { supportPanelOpen } from "./supportPanel.js";

/**
 * What this tab knows of private support, in memory only (never stored on the device: a phone
 * someone else picks up must not show that its owner asked for support). Each request is kept at
 * the highest `rev` seen, so a push and a list that cross are harmless.
 */
export const supportRequests = signal<ReadonlyMap<SupportRequestId, SupportRequestView>>(new Map());
/** For facilitators, when the workshop allows it: how many are open. */
export const supportCount = signal<SupportCount | null>(null);
export const supportSettings = signal<SupportSettings>(DEFAULT_SUPPORT_SETTINGS);

export function applySupportRequest(request: SupportRequestView): void {
  const known = supportRequests.peek().get(request.requestId);
  if (known && known.rev > request.rev) return;
  const next = new Map(supportRequests.peek());
  next.set(request.requestId, request);
  supportRequests.value = next;
}

/** A `support:list` answer: the open requests now (a closed one this tab still shows stays until dismissed). */
export function applySupportList(list: SupportList): void {
  const next = new Map<SupportRequestId, SupportRequestView>();
  for (const [requestId, request] of supportRequests.peek())
    if (request.status === "closed") next.set(requestId, request);
  for (const request of list.requests) {
    const known = supportRequests.peek().get(request.requestId);
    next.set(request.requestId, known && known.rev > request.rev ? known : request);
  }
  supportRequests.value = next;
  supportCount.value = list.count;
  supportSettings.value = list.settings;
}

export function applySupportCount(update: { count: SupportCount | null; countToFacilitators: boolean }): void {
  supportCount.value = update.count;
  supportSettings.value = { countToFacilitators: update.countToFacilitators };
}

export function forgetSupportRequest(requestId: SupportRequestId): void {
  const next = new Map(supportRequests.peek());
  next.delete(requestId);
  supportRequests.value = next;
}

export function resetSupport(): void {
  supportRequests.value = new Map();
  supportCount.value = null;
  supportSettings.value = DEFAULT_SUPPORT_SETTINGS;
  supportPanelOpen.value = false;
}

/** The newest request of the person themself (what their panel shows). */
export function ownRequest(selfId: string | null): SupportRequestView | null {
  let newest: SupportRequestView | null = null;
  for (const request of supportRequests.value.values()) {
    if (request.person.participantId !== selfId) continue;
    if (!newest || request.createdAt > newest.createdAt) newest = request;
  }
  return newest;
}

/** For safeguarding leads: the requests of others, oldest first (who waited longest comes first). */
export const supportQueue = computed(() =>
  [...supportRequests.value.values()].sort((a, b) => a.createdAt - b.createdAt),
);
