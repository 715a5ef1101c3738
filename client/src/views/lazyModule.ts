import { useEffect, useState } from "preact/hooks";

/**
 * A module fetched on demand (its own chunk), once: callers share the pending import; a failed
 * one (the network dropped) is forgotten so the next call tries again.
 */
export function lazyModule<M>(load: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/** The module once `load` gave it (null before), whether it failed, and a way to try again. Loads only while `wanted`. */
export function useLazyModule<M>(load: () => Promise<M>, wanted = true) {
  const [module, setModule] = useState<M | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    setFailed(false);
    load().then(
      (loaded) => {
        if (live) setModule(() => loaded);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [load, wanted, attempt]);
  return { module, failed, retry: () => setAttempt((value) => value + 1) };
}
