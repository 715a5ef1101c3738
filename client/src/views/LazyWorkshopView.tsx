import { t } from "../i18n/index.js";
import { loadRuntime } from "../runtimeLoader.js";
import type { EndReason } from "../state/session.js";
import { lazyModule, useLazyModule } from "./lazyModule.js";

/**
 * The workshop's screens (polls, questions, rooms, notes, the facilitator's tools, the ended
 * screen) are most of the app's code. They are a chunk of their own, so the join page a phone
 * loads first on weak mobile data is small; the chunk is fetched in the background once the
 * session's code is there (prefetchWorkshopView), or at once when a tab opens straight into a
 * workshop. They show only once the session's code runs too (runtime.ts: resuming a session
 * needs its syncs started).
 */
const loadWorkshopScreens = lazyModule(() =>
  Promise.all([loadRuntime(), import("./workshopScreens.js")]).then(([, screens]) => screens),
);

/**
 * Starts fetching the workshop's screens while the person reads the join or create page. Called
 * once the session's code is there (main.tsx), so the form and then that code come first; no
 * wait for an idle moment after that: a Join pressed now needs these screens next.
 */
export function prefetchWorkshopView(): void {
  void loadWorkshopScreens().catch(() => undefined);
}

/** The workshop, or (`ended`) the full screen that says it is over. */
export function LazyWorkshopView({ ended }: { ended: EndReason | null }) {
  const { module, failed, retry } = useLazyModule(loadWorkshopScreens);
  if (module) {
    // Keyed by the reason: "ended" then "deleted" is a new screen, its heading focused again.
    return ended ? <module.EndedScreen key={ended} reason={ended} /> : <module.WorkshopView />;
  }
  if (failed) {
    return (
      <div class="panel" role="alert" data-testid="workshop-load-failed">
        <p>{t("app.workshopLoadFailed")}</p>
        <button type="button" class="button" onClick={retry}>
          {t("app.workshopLoadRetry")}
        </button>
      </div>
    );
  }
  return (
    <p class="muted" role="status" data-testid="workshop-loading">
      {t("app.workshopLoading")}
    </p>
  );
}
