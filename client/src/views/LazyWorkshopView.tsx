import { t } from "../i18n/index.js";
import { lazyModule, useLazyModule } from "./lazyModule.js";

/**
 * The workshop's screens (polls, questions, rooms, notes, the facilitator's tools) are most of
 * the app's code. They are a chunk of their own, so the join page a phone loads first on weak
 * mobile data is small; the chunk is fetched in the background once the first page is up
 * (prefetchWorkshopView), or at once when a tab opens straight into a workshop.
 */
const loadWorkshopView = lazyModule(() => import("./WorkshopView.js"));

/** Starts fetching the workshop's screens while the person reads the join or create page. */
export function prefetchWorkshopView(): void {
  const start = () => void loadWorkshopView().catch(() => undefined);
  if (typeof requestIdleCallback === "function") requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

export function LazyWorkshopView() {
  const { module, failed, retry } = useLazyModule(loadWorkshopView);
  if (module) return <module.WorkshopView />;
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
