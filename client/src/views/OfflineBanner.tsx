import { locale, t } from "../i18n/index.js";
import { waitingToSend } from "../net/outbox.js";
import { shownSince } from "../state/lastState.js";
import { connectionState, session } from "../state/session.js";

const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short" });

/**
 * Under the top bar while a workshop is open without a connection: says so, since when the
 * screen dates (a kept state after a reload) and how much waits to be sent.
 */
export function OfflineBanner() {
  const state = connectionState.value;
  const since = shownSince.value;
  const waiting = waitingToSend.value;
  if (!session.value || (state !== "offline" && since === null)) return null;
  if (state === "connected") return null;
  return (
    <div class="offline-banner" role="status" data-testid="offline-banner">
      <p>
        {since === null ? t("offline.banner") : t("offline.bannerSince", { time: timeFormat.format(new Date(since)) })}
      </p>
      {waiting > 0 ? (
        <p data-testid="offline-waiting">
          <strong>{t("offline.waiting", { count: waiting })}</strong>
        </p>
      ) : null}
    </div>
  );
}
