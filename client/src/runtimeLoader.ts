import { signal } from "@preact/signals";
import { lazyModule } from "./views/lazyModule.js";

export type Runtime = typeof import("./runtime.js");

/** The session's code once it is loaded and started (runtime.ts); null before. */
export const runtime = signal<Runtime | null>(null);

/**
 * Loads the session's code (its own chunk) and starts it, once: main.tsx asks for it as soon as
 * the first screen is rendered, a form that starts a session or a workshop screen waits for it.
 * Rejects when it cannot be fetched (offline before it ever loaded); the next call tries again.
 */
export const loadRuntime = lazyModule(async () => {
  const loaded = await import("./runtime.js");
  loaded.startRuntime();
  runtime.value = loaded;
  return loaded;
});
