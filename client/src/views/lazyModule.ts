import { useEffect, useState } from "preact/hooks";

/** Loads a module on demand; `loaded` is the module once it arrived (null before), for a render that must not wait a tick. */
export type LazyModule<M> = (() => Promise<M>) & { readonly loaded: M | null };

/**
 * A module fetched on demand (its own chunk), once: callers share the pending import; a failed
 * one (the network dropped) is forgotten so the next call tries again.
 */
export function lazyModule<M>(load: () => Promise<M>): LazyModule<M> {
  let pending: Promise<M> | null = null;
  const state: { loaded: M | null } = { loaded: null };
  const get = () => {
    pending ??= load().then(
      (module) => {
        state.loaded = module;
        return module;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  return Object.defineProperty(get, "loaded", { get: () => state.loaded }) as LazyModule<M>;
}

/** The module once `load` gave it (null before), whether it failed, and a way to try again. Loads only while `wanted`. */
export function useLazyModule<M>(load: LazyModule<M>, wanted = true) {
  // Already here (a screen shown again): rendered at once, with no "loading" in between.
  const [module, setModule] = useState<M | null>(() => load.loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted || module) return;
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
  }, [load, wanted, attempt, module]);
  return { module, failed, retry: () => setAttempt((value) => value + 1) };
}
