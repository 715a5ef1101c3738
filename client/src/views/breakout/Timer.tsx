import type { RoundView } from "../../../../shared/breakout.js";
import { t } from "../../i18n/index.js";
import { formatDuration, serverNow } from "../../state/clock.js";

/** In the last warningSeconds, or once the facilitator started the end countdown. */
export function inWarning(round: RoundView, now: number): boolean {
  if (round.status === "closing") return true;
  if (round.status !== "open" || round.endsAt === null) return false;
  return round.endsAt - now <= round.warningSeconds * 1000;
}

/** A small ticking "12:34" (server clock corrected). Only this span re-renders every second. */
export function TimeLeft({ round, testId }: { round: RoundView; testId?: string }) {
  if (round.endsAt === null) return null;
  const left = round.endsAt - serverNow.value;
  return (
    <span class="time-left" data-testid={testId} data-warning={inWarning(round, serverNow.value) ? "true" : "false"}>
      {formatDuration(left)}
    </span>
  );
}

/** "waiting 1:23" since a server time. */
export function Elapsed({ since, testId }: { since: number; testId?: string }) {
  return (
    <span class="elapsed" data-testid={testId}>
      {formatDuration(serverNow.value - since, "down")}
    </span>
  );
}

/**
 * The room's big countdown. The digits tick silently (role="timer"); entering the warning is
 * announced once through a status region whose text does not change every second.
 */
export function RoundCountdown({ round }: { round: RoundView }) {
  const now = serverNow.value;
  if (round.endsAt === null) return null;
  const left = round.endsAt - now;
  const warning = inWarning(round, now);
  return (
    <div class={`countdown${warning ? " countdown-warning" : ""}`} data-testid="room-countdown-box">
      <p class="countdown-label" id="countdown-label">
        {t("room.timeLeft")}
      </p>
      <p
        class="countdown-digits"
        role="timer"
        aria-labelledby="countdown-label"
        data-testid="room-countdown"
        data-warning={warning ? "true" : "false"}
      >
        {formatDuration(left)}
      </p>
      {warning ? (
        <p class="countdown-warning-text" data-testid="room-warning">
          {left > 0 ? t("room.returningIn", { time: formatDuration(left) }) : t("room.returningNow")}
        </p>
      ) : null}
      <p class="visually-hidden" role="status">
        {warning ? t("room.returningSoon") : ""}
      </p>
    </div>
  );
}
