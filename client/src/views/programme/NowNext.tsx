import { nowAndNext } from "../../../../shared/programme.js";
import { t } from "../../i18n/index.js";
import { serverNow } from "../../state/clock.js";
import { workshopState } from "../../state/workshopState.js";
import { sessionTimes } from "./model.js";

/**
 * "Now" and "Next" at the top of the plenary, in the reader's zone, moving with the clock (the
 * server's, as every countdown: a phone with a wrong clock still shows the right session).
 */
export function NowNext() {
  const programme = workshopState.programme.value;
  if (programme.length === 0) return null;
  const { now, next } = nowAndNext(programme, serverNow.value);
  if (now.length === 0 && !next) return null;
  return (
    <section class="now-next" aria-label={t("programme.nowNextLabel")} data-testid="now-next">
      {now.map((session) => (
        <p key={session.sessionId} class="now-next-line" data-testid="now-session">
          <span class="now-next-tag">{t("programme.now")}</span> <strong>{session.title}</strong>{" "}
          <span class="hint">{sessionTimes(session)}</span>
        </p>
      ))}
      {next ? (
        <p class="now-next-line" data-testid="next-session">
          <span class="now-next-tag">{t("programme.next")}</span> <strong>{next.title}</strong>{" "}
          <span class="hint">{sessionTimes(next)}</span>
        </p>
      ) : null}
    </section>
  );
}
