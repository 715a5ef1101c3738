import { computed } from "@preact/signals";
import { session } from "./session.js";
import { workshopState } from "./workshopState.js";

/**
 * My current role: the live list wins over the handshake (a facilitator may have changed it).
 * Apart from session.ts, which the join page's first script needs without the workshop's state.
 */
export const myRole = computed(() => {
  const current = session.value;
  if (!current) return null;
  return workshopState.participant(current.participantId)?.role ?? current.role;
});
