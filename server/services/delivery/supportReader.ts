import type { WorkshopId } from "../../../shared/ids.js";
import { countOpen, isOpen, type SupportCount, type SupportRequestView } from "../../../shared/support.js";
import type { Membership } from "../../domain/membership.js";
import { requestFor, seesRequest } from "../../domain/support/requests.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { Stores } from "../../store/stores.js";
import type { SupportChanged } from "../../store/support/port.js";
import type { SupportService } from "../supportService.js";

/** What the support feed sends one local socket after some changes. */
export interface SupportSend {
  socketId: string;
  requests: SupportRequestView[];
  /** For facilitators: the new count (null when the workshop does not allow it); absent: nothing to say. */
  count?: { count: SupportCount | null; countToFacilitators: boolean };
}

/**
 * Cuts support changes for each local socket by the one rule of who sees a request (its person
 * and the safeguarding leads: seesRequest); facilitators get a count at most, when allowed.
 */
export class SupportReader {
  constructor(
    private readonly stores: Pick<Stores, "support">,
    private readonly support: Pick<SupportService, "settingsOf">,
  ) {}

  follow(workshopId: WorkshopId, onChange: (changed: SupportChanged) => void): Promise<Unsubscribe> {
    return this.stores.support.subscribeSupport(workshopId, onChange);
  }

  async sendsFor(
    workshopId: WorkshopId,
    changed: SupportChanged,
    members: ReadonlyMap<string, Membership>,
  ): Promise<SupportSend[]> {
    const [all, settings] = await Promise.all([
      this.stores.support.listRequests(workshopId),
      this.support.settingsOf(workshopId),
    ]);
    const ids = new Set(changed.requestIds);
    const requests = all.filter((request) => ids.has(request.requestId));
    const count = settings.countToFacilitators ? countOpen(all.filter(isOpen)) : null;
    const sends: SupportSend[] = [];
    for (const [socketId, membership] of members) {
      const seen = requests
        .filter((request) => seesRequest(request, membership))
        .map((request) => requestFor(request, membership));
      const send: SupportSend = { socketId, requests: seen };
      if (membership.role === "facilitator" && (changed.settings || count !== null)) {
        send.count = { count, countToFacilitators: settings.countToFacilitators };
      }
      if (send.requests.length > 0 || send.count) sends.push(send);
    }
    return sends;
  }
}
