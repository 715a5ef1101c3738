import { useState } from "preact/hooks";
import { hasExited } from "../net/exit.js";
import { loadRuntime, type Runtime } from "../runtimeLoader.js";
import { joinError, joinStillTrying, socketStatus } from "../state/session.js";

/** How a form gets into a workshop: a join code or the facilitator key, with a display name. */
export type FirstWayIn = Parameters<Runtime["startSession"]>[0];

/**
 * For a form that starts a session (the join form, a facilitator's entry). The form is in the
 * first script, the session's code is not (runtime.ts): `start` waits for that code if it has not
 * arrived yet (the button says it is busy meanwhile), lets the form check its fields with it
 * (`prepare`, null when something is wrong) and starts the session. A code that cannot be fetched
 * (the network is gone) is a network error on the form; pressing again tries again.
 */
export function useSessionStart() {
  const [loading, setLoading] = useState(false);
  const busy = loading || (socketStatus.value === "connecting" && !joinStillTrying.value);

  async function start(prepare: (runtime: Runtime) => FirstWayIn | null): Promise<void> {
    if (loading) return;
    setLoading(true);
    const loaded = await loadRuntime().catch(() => null);
    setLoading(false);
    // "Leave now" pressed while the code was on its way: the person is gone, they must not join.
    if (hasExited()) return;
    if (!loaded) {
      joinError.value = "network";
      return;
    }
    const wayIn = prepare(loaded);
    if (wayIn) loaded.startSession(wayIn);
  }

  return { busy, start };
}
