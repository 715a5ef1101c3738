import { locale, type MessageKey, t } from "../i18n/index.js";
import { deleteEndedWorkshop } from "../net/api.js";
import { showWorkshopDeleted } from "../net/sessionEnd.js";
import { type EndReason, type ReportAccess, reportAccess } from "../state/session.js";
import { type DeleteOutcome, DeleteWorkshop } from "./DeleteWorkshop.js";
import { useFocusOnMount } from "./hooks.js";
import { Link } from "./Link.js";
import { ReportPanel } from "./report/ReportPanel.js";

const SCREENS: Record<EndReason, { heading: MessageKey; body: MessageKey; testId: string }> = {
  removed: { heading: "revoked.removedHeading", body: "revoked.removedBody", testId: "removed-screen" },
  workshop_ended: { heading: "revoked.endedHeading", body: "revoked.endedBody", testId: "ended-screen" },
  workshop_deleted: { heading: "revoked.deletedHeading", body: "revoked.deletedBody", testId: "deleted-screen" },
  workshop_lost: { heading: "revoked.lostHeading", body: "revoked.lostBody", testId: "lost-screen" },
};

/** Full screen, nothing else: the session is over and will not come back. */
export function EndedScreen({ reason }: { reason: EndReason }) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const screen = SCREENS[reason];
  const kept = reason === "workshop_ended" ? reportAccess.value : null;
  return (
    <main class="fullscreen" data-testid={screen.testId}>
      <h1 tabIndex={-1} ref={headingRef}>
        {t(screen.heading)}
      </h1>
      <p>{t(screen.body)}</p>
      {/* Facilitators and note-takers write the report after the forum: it stays in reach in this tab. */}
      {kept ? (
        <div class="ended-report">
          <p class="hint" data-testid="ended-report-hint">
            {t("revoked.endedReport", { title: kept.title })}
          </p>
          {kept.deleteAt !== null ? (
            <p class="retention-note" data-testid="ended-delete-at">
              {t("privacy.deleteAt", { date: formatDeleteAt(kept.deleteAt) })}
            </p>
          ) : null}
          <ReportPanel afterEnd />
          {kept.role === "facilitator" ? <DeleteAfterEnd access={kept} /> : null}
        </div>
      ) : null}
      <p>
        <Link href="/">{t("app.home")}</Link>
      </p>
    </main>
  );
}

/** The date and time everything is deleted, in the reader's own language and time zone (named). */
const DELETE_AT_FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

function formatDeleteAt(deleteAt: number): string {
  return new Intl.DateTimeFormat(locale, DELETE_AT_FORMAT).format(new Date(deleteAt));
}

/** After the end the workshop has no socket: a facilitator deletes it with the token this tab kept. */
function DeleteAfterEnd({ access }: { access: ReportAccess }) {
  async function remove(): Promise<DeleteOutcome> {
    const outcome = await deleteEndedWorkshop(access.workshopId, access.sessionToken);
    if (!outcome.ok) return outcome;
    showWorkshopDeleted();
    return { ok: true };
  }
  return (
    <section class="danger-zone" aria-labelledby="ended-danger-heading" data-testid="danger-zone">
      <h2 id="ended-danger-heading" class="danger-zone-heading">
        {t("privacy.dangerHeading")}
      </h2>
      <p class="hint">{t("privacy.deleteHintEnded")}</p>
      <DeleteWorkshop title={access.title} joinCode={access.joinCode} onDelete={remove} />
    </section>
  );
}
