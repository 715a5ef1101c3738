import { t } from "../i18n/index.js";
import { type EndReason, reportAccess } from "../state/session.js";
import { useFocusOnMount } from "./hooks.js";
import { Link } from "./Link.js";
import { ReportPanel } from "./report/ReportPanel.js";

/** Full screen, nothing else: the session is over and will not come back. */
export function EndedScreen({ reason }: { reason: EndReason }) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const removed = reason === "removed";
  return (
    <main class="fullscreen" data-testid={removed ? "removed-screen" : "ended-screen"}>
      <h1 tabIndex={-1} ref={headingRef}>
        {removed ? t("revoked.removedHeading") : t("revoked.endedHeading")}
      </h1>
      <p>{removed ? t("revoked.removedBody") : t("revoked.endedBody")}</p>
      {/* Facilitators and note-takers write the report after the forum: it stays in reach in this tab. */}
      {!removed && reportAccess.value ? (
        <div class="ended-report">
          <p class="hint" data-testid="ended-report-hint">
            {t("revoked.endedReport", { title: reportAccess.value.title })}
          </p>
          <ReportPanel isFacilitator={false} afterEnd />
        </div>
      ) : null}
      <p>
        <Link href="/">{t("app.home")}</Link>
      </p>
    </main>
  );
}
