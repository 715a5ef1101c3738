import { useState } from "preact/hooks";
import {
  type ProgrammeSessionView,
  SESSION_KINDS,
  type SessionDraft,
  SessionDraftSchema,
  type SessionKind,
} from "../../../../shared/programme.js";
import { errorMessage, t } from "../../i18n/index.js";
import { addSession, updateSession } from "../../net/programme.js";
import { fromLocalInput, toLocalInput } from "./model.js";

const HOUR = 3600_000;

/** What the form holds: strings as typed, times as `datetime-local` values in the facilitator's zone. */
interface Fields {
  title: string;
  kind: SessionKind;
  start: string;
  end: string;
  speakers: string;
  description: string;
  contentNote: string;
}

function fieldsOf(session: ProgrammeSessionView | null): Fields {
  // A new session starts at the next full hour, for an hour: the common case, one edit away.
  const start = session?.startsAt ?? Math.ceil(Date.now() / HOUR) * HOUR;
  return {
    title: session?.title ?? "",
    kind: session?.kind ?? "panel",
    start: toLocalInput(start),
    end: toLocalInput(session?.endsAt ?? start + HOUR),
    speakers: session?.speakers.join("\n") ?? "",
    description: session?.description ?? "",
    contentNote: session?.contentNote ?? "",
  };
}

/** The draft the fields make, or what is wrong with them (in the facilitator's words). */
function draftOf(fields: Fields): { draft: SessionDraft } | { error: string } {
  const startsAt = fromLocalInput(fields.start);
  const endsAt = fromLocalInput(fields.end);
  if (startsAt === null || endsAt === null) return { error: t("programme.errorTimes") };
  if (endsAt <= startsAt) return { error: t("programme.errorEndBeforeStart") };
  const speakers = fields.speakers
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const parsed = SessionDraftSchema.safeParse({
    title: fields.title,
    kind: fields.kind,
    startsAt,
    endsAt,
    ...(fields.description.trim() ? { description: fields.description } : {}),
    ...(speakers.length > 0 ? { speakers } : {}),
    ...(fields.contentNote.trim() ? { contentNote: fields.contentNote } : {}),
  });
  return parsed.success ? { draft: parsed.data } : { error: t("programme.errorInvalid") };
}

/** Add a session (session null) or edit one; times in the facilitator's own zone. */
export function SessionForm({ session, onDone }: { session: ProgrammeSessionView | null; onDone: () => void }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(session));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Fields) => (event: { currentTarget: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.currentTarget.value }));
  const prefix = session ? `session-${session.sessionId}` : "session-new";

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = draftOf(fields);
    if ("error" in checked) {
      setError(checked.error);
      return;
    }
    setBusy(true);
    const outcome = session ? await updateSession(session.sessionId, checked.draft) : await addSession(checked.draft);
    setBusy(false);
    if (outcome?.ok) onDone();
    else setError(errorMessage(outcome ? outcome.error.code : "network"));
  };

  const errorId = `${prefix}-error`;
  return (
    <form
      class="session-form"
      onSubmit={submit}
      data-testid="session-form"
      aria-describedby={error ? errorId : undefined}
    >
      <div class="field">
        <label for={`${prefix}-title`}>{t("programme.fieldTitle")}</label>
        <input
          id={`${prefix}-title`}
          data-testid="session-title"
          value={fields.title}
          onInput={set("title")}
          required
        />
      </div>
      <div class="field">
        <label for={`${prefix}-kind`}>{t("programme.fieldKind")}</label>
        <select id={`${prefix}-kind`} data-testid="session-kind" value={fields.kind} onChange={set("kind")}>
          {SESSION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`programme.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field-row">
        {(["start", "end"] as const).map((key) => (
          <div class="field" key={key}>
            <label for={`${prefix}-${key}`}>{t(key === "start" ? "programme.fieldStart" : "programme.fieldEnd")}</label>
            <input
              id={`${prefix}-${key}`}
              type="datetime-local"
              data-testid={`session-${key}`}
              value={fields[key]}
              onInput={set(key)}
              required
            />
          </div>
        ))}
      </div>
      <div class="field">
        <label for={`${prefix}-speakers`}>{t("programme.fieldSpeakers")}</label>
        <p class="hint" id={`${prefix}-speakers-hint`}>
          {t("programme.fieldSpeakersHint")}
        </p>
        <textarea
          id={`${prefix}-speakers`}
          data-testid="session-speakers"
          rows={2}
          value={fields.speakers}
          onInput={set("speakers")}
          aria-describedby={`${prefix}-speakers-hint`}
        />
      </div>
      <div class="field">
        <label for={`${prefix}-description`}>{t("programme.fieldDescription")}</label>
        <textarea
          id={`${prefix}-description`}
          data-testid="session-description"
          rows={3}
          value={fields.description}
          onInput={set("description")}
        />
      </div>
      <div class="field">
        <label for={`${prefix}-note`}>{t("programme.fieldContentNote")}</label>
        <input
          id={`${prefix}-note`}
          data-testid="session-content-note-input"
          value={fields.contentNote}
          onInput={set("contentNote")}
        />
      </div>
      {error ? (
        <p class="field-error" role="alert" id={errorId} data-testid="session-error">
          {error}
        </p>
      ) : null}
      <div class="programme-actions">
        <button type="submit" class="button" data-testid="session-save" disabled={busy}>
          {session ? t("programme.save") : t("programme.addSubmit")}
        </button>
        <button type="button" class="button secondary" onClick={onDone}>
          {t("programme.cancel")}
        </button>
      </div>
    </form>
  );
}
