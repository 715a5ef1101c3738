import { useState } from "preact/hooks";
import { countOpen, type SupportRequestView } from "../../../../shared/support.js";
import { errorMessage, locale, t } from "../../i18n/index.js";
import { closeSupportRequest, takeSupportRequest } from "../../net/support.js";
import { supportQueue } from "../../state/supportState.js";
import { SupportConversation } from "./SupportConversation.js";

const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short" });

/**
 * The safeguarding leads' queue: every open request, who waited longest first, with where the
 * person is and how they want to be reached; take one, talk, end it. Other leads see who took
 * which (never their conversation). An ended request leaves the queue.
 */
export function SupportQueue({ myId }: { myId: string }) {
  const open = supportQueue.value.filter((request) => request.status !== "closed");
  const counts = countOpen(open);
  return (
    <section class="panel support-queue" aria-labelledby="support-queue-heading" data-testid="support-queue">
      <h2 id="support-queue-heading">
        {t("support.queueHeading")}{" "}
        <span class="count-badge" data-testid="support-queue-count">
          {t("support.queueCount", { waiting: counts.waiting, taken: counts.taken })}
        </span>
      </h2>
      {open.length === 0 ? <p class="hint">{t("support.queueEmpty")}</p> : null}
      <ul class="support-requests">
        {open.map((request) => (
          <QueueItem key={request.requestId} request={request} myId={myId} />
        ))}
      </ul>
    </section>
  );
}

function QueueItem({ request, myId }: { request: SupportRequestView; myId: string }) {
  const [error, setError] = useState<string | null>(null);
  const mine = request.lead?.participantId === myId;
  const own = request.person.participantId === myId;
  async function act(action: Promise<{ ok: boolean; error?: { code: Parameters<typeof errorMessage>[0] } } | null>) {
    const outcome = await action;
    setError(outcome && !outcome.ok && outcome.error ? errorMessage(outcome.error.code) : null);
  }
  return (
    <li class="support-request" data-testid="support-request" data-status={request.status}>
      <p class="support-request-who">
        <strong>{request.person.displayName}</strong>{" "}
        <span class="hint">
          {request.where ? t("support.queueWhere", { room: request.where }) : t("support.queuePlenary")}
        </span>
      </p>
      <p class="hint">
        {request.contact === "app" ? t("support.queueContactApp") : t("support.queueContactRoom")} ·{" "}
        {t("support.queueSince", { time: timeFormat.format(new Date(request.createdAt)) })}
      </p>
      {request.note ? (
        <blockquote class="support-note" dir="auto">
          {request.note}
        </blockquote>
      ) : null}
      {own ? <p class="hint">{t("support.queueOwn")}</p> : null}
      {request.status === "waiting" && !own ? (
        <div class="support-actions">
          <button
            type="button"
            class="button primary"
            data-testid="support-take"
            onClick={() => void act(takeSupportRequest(request.requestId))}
          >
            {t("support.queueTake")}
          </button>
          <button
            type="button"
            class="button secondary"
            onClick={() => void act(closeSupportRequest(request.requestId))}
          >
            {t("support.queueEndWaiting")}
          </button>
        </div>
      ) : null}
      {request.status === "taken" && !mine && request.lead ? (
        <p class="hint" data-testid="support-taken-by">
          {t("support.queueTakenBy", { name: request.lead.displayName })}
        </p>
      ) : null}
      {mine && request.status === "taken" ? (
        <>
          <p class="hint">{t("support.queueYours")}</p>
          <SupportConversation request={request} side="lead" />
          <button
            type="button"
            class="button secondary"
            data-testid="support-lead-end"
            onClick={() => void act(closeSupportRequest(request.requestId))}
          >
            {t("support.end")}
          </button>
        </>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {t("support.failed", { message: error })}
        </p>
      ) : null}
    </li>
  );
}
