import { nowAndNext, orderedProgramme, type ProgrammeSessionView } from "../../../../shared/programme.js";
import { t } from "../../i18n/index.js";
import { serverNow } from "../../state/clock.js";
import { workshopState } from "../../state/workshopState.js";

/*
 * Which programme session a round or a poll belongs to. A form keeps the person's choice: a
 * session id, "" for none (the forum as a whole), or null while they have not chosen, which means
 * the session on now, whatever is on when the form is sent (a plan form stays open for a long time,
 * and sessions are added while it is).
 */

/** The session chosen, or the one on now (the first in programme order when tracks run in parallel); "" for none. */
export function chosenSession(
  choice: string | null,
  programme: readonly ProgrammeSessionView[] = workshopState.programme.peek(),
  now: number = serverNow.peek(),
): string {
  if (choice === null) return nowAndNext(programme, now).now[0]?.sessionId ?? "";
  // A session deleted since it was chosen tags nothing.
  return programme.some((session) => session.sessionId === choice) ? choice : "";
}

/** A labelled select of the programme's sessions and "none"; nothing at all while the programme is empty. */
export function SessionPicker({
  id,
  label,
  choice,
  testId,
  onChange,
}: {
  id: string;
  label: string;
  choice: string | null;
  testId: string;
  onChange: (sessionId: string) => void;
}) {
  const programme = workshopState.programme.value;
  if (programme.length === 0) return null;
  const now = serverNow.value;
  const onNow = new Set(nowAndNext(programme, now).now.map((session) => session.sessionId));
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={chosenSession(choice, programme, now)}
        data-testid={testId}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">{t("programme.pickNone")}</option>
        {orderedProgramme(programme).map((session) => (
          <option key={session.sessionId} value={session.sessionId}>
            {onNow.has(session.sessionId) ? t("programme.pickOnNow", { title: session.title }) : session.title}
          </option>
        ))}
      </select>
    </div>
  );
}
