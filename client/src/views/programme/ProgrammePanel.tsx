import { useState } from "preact/hooks";
import "./programme.css";
import { nowAndNext, type ProgrammeSessionView } from "../../../../shared/programme.js";
import { t } from "../../i18n/index.js";
import { deleteSession } from "../../net/programme.js";
import { serverNow } from "../../state/clock.js";
import { workshopState } from "../../state/workshopState.js";
import { ContentNoteGate } from "../ContentNoteGate.js";
import { readerTimeZone, sessionTimes } from "./model.js";
import { SessionForm } from "./SessionForm.js";

/**
 * The whole programme in order, the sessions on now marked; speakers as the facilitator typed
 * them; a session's content note before its description. Facilitators add, edit and delete here.
 */
export function ProgrammePanel({ canEdit }: { canEdit: boolean }) {
  const programme = workshopState.programme.value;
  const [editing, setEditing] = useState<string | null>(null);
  if (programme.length === 0 && !canEdit) return null;
  const onNow = new Set(nowAndNext(programme, serverNow.value).now.map((session) => session.sessionId));
  return (
    <section class="panel programme-panel" aria-labelledby="programme-heading" data-testid="programme-panel">
      <h2 id="programme-heading">{t("programme.heading")}</h2>
      <p class="hint">{t("programme.timeZone", { zone: readerTimeZone() })}</p>
      {programme.length === 0 ? <p class="hint">{t("programme.empty")}</p> : null}
      <ol class="programme-list">
        {programme.map((session) =>
          editing === session.sessionId ? (
            <li key={session.sessionId} class="programme-item">
              <SessionForm session={session} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <SessionItem
              key={session.sessionId}
              session={session}
              current={onNow.has(session.sessionId)}
              canEdit={canEdit}
              onEdit={() => setEditing(session.sessionId)}
            />
          ),
        )}
      </ol>
      {canEdit && editing === null ? <AddSession /> : null}
    </section>
  );
}

function SessionItem({
  session,
  current,
  canEdit,
  onEdit,
}: {
  session: ProgrammeSessionView;
  current: boolean;
  canEdit: boolean;
  onEdit: () => void;
}) {
  return (
    <li
      class={current ? "programme-item current" : "programme-item"}
      aria-current={current ? "time" : undefined}
      data-testid="programme-session"
    >
      <p class="programme-when">
        {sessionTimes(session)} · {t(`programme.kind.${session.kind}`)}
        {current ? <span class="now-next-tag">{t("programme.now")}</span> : null}
      </p>
      <h3 class="programme-title">{session.title}</h3>
      {session.speakers.length > 0 ? (
        <p class="programme-speakers">{t("programme.speakers", { names: session.speakers.join(", ") })}</p>
      ) : null}
      {session.description ? (
        <ContentNoteGate
          note={session.contentNote}
          contentKey={`session:${session.sessionId}`}
          testId="session-content-note"
        >
          <p class="programme-description">{session.description}</p>
        </ContentNoteGate>
      ) : null}
      {canEdit ? (
        <div class="programme-actions">
          <button type="button" class="button secondary" onClick={onEdit}>
            {t("programme.edit")}
            <span class="visually-hidden"> {session.title}</span>
          </button>
          <button type="button" class="button secondary" onClick={() => void deleteSession(session.sessionId)}>
            {t("programme.delete")}
            <span class="visually-hidden"> {session.title}</span>
          </button>
        </div>
      ) : null}
    </li>
  );
}

function AddSession() {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" class="button" data-testid="programme-add" onClick={() => setOpen(true)}>
        {t("programme.add")}
      </button>
    );
  }
  return <SessionForm session={null} onDone={() => setOpen(false)} />;
}
