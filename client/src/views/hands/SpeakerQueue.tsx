import type { HandEntry } from "../../../../shared/hands.js";
import { t } from "../../i18n/index.js";
import { callHand, lowerHand } from "../../net/hands.js";
import { hands } from "../../state/handsState.js";
import { useCommandError } from "./useCommandError.js";

/**
 * Facilitators' speaker queue: who was invited to speak, then who waits, in the order they
 * raised their hands; call the next (or anyone in line), lower anyone's hand.
 */
export function SpeakerQueue() {
  const queue = hands.value?.queue ?? [];
  const waiting = queue.filter((entry) => entry.status === "waiting").length;
  const [error, run] = useCommandError();
  return (
    <div class="speaker-queue">
      <p role="status" data-testid="hands-waiting">
        {t("hands.count", { count: waiting })}
      </p>
      <div class="button-row">
        <button
          type="button"
          class="button primary"
          data-testid="call-next"
          disabled={waiting === 0}
          onClick={() => void run(callHand())}
        >
          {t("hands.callNext")}
        </button>
      </div>
      {queue.length > 0 ? (
        <ol class="hands-list" data-testid="hands-queue">
          {queue.map((entry) => (
            <QueueEntry key={entry.participantId} entry={entry} run={run} />
          ))}
        </ol>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}

function QueueEntry({ entry, run }: { entry: HandEntry; run: ReturnType<typeof useCommandError>[1] }) {
  const name = entry.displayName;
  return (
    <li class="hand-entry" data-testid="hand-entry" data-status={entry.status}>
      <span class="hand-name" dir="auto">
        {name}
      </span>
      {entry.status === "called" ? <span class="count-badge">{t("hands.calledBadge")}</span> : null}
      <span class="hand-actions">
        {entry.status === "waiting" ? (
          <button type="button" class="button small secondary" onClick={() => void run(callHand(entry.participantId))}>
            {/* The visible words start the accessible name, the person's name ends it (WCAG 2.5.3). */}
            {t("hands.call")}
            <span class="visually-hidden"> {name}</span>
          </button>
        ) : null}
        <button type="button" class="button small secondary" onClick={() => void run(lowerHand(entry.participantId))}>
          {t("hands.lowerShort")}
          <span class="visually-hidden"> {name}</span>
        </button>
      </span>
    </li>
  );
}
