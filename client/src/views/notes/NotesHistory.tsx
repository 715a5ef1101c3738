import { useEffect, useState } from "preact/hooks";
import * as Y from "yjs";
import {
  NOTES_TEXT,
  type NoteDocId,
  SNAPSHOT_NAME_MAX,
  type SnapshotId,
  SnapshotNameSchema,
  type SnapshotView,
} from "../../../../shared/notes.js";
import { errorMessage, locale, t } from "../../i18n/index.js";
import { listSnapshots, restoreSnapshot, saveSnapshot, snapshotState } from "../../net/notes.js";
import { toBytes } from "../../notes/notesDoc.js";
import type { ClientErrorCode } from "../../state/session.js";
import { useFocusOnMount } from "../hooks.js";

const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

type Props = { id: string; docId: NoteDocId; canEdit: boolean; onClose: () => void };

/** Named versions of the notes: save one (editors), view one's text, restore one (editors, after a confirm). */
export function NotesHistory({ id, docId, canEdit, onClose }: Props) {
  const [snapshots, setSnapshots] = useState<readonly SnapshotView[] | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<{ snapshot: SnapshotView; text: string } | null>(null);
  const [confirming, setConfirming] = useState<SnapshotId | null>(null);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    let live = true;
    void listSnapshots(docId).then((outcome) => {
      if (!live) return;
      if (outcome?.ok) setSnapshots(newestFirst(outcome.data.snapshots));
      else {
        setSnapshots([]);
        setError(outcome ? outcome.error.code : "network");
      }
    });
    return () => {
      live = false;
    };
  }, [docId]);

  async function view(snapshot: SnapshotView) {
    setBusy(true);
    setError(null);
    const outcome = await snapshotState(docId, snapshot.snapshotId);
    setBusy(false);
    const bytes = outcome?.ok ? toBytes(outcome.data.update) : null;
    if (!outcome?.ok || !bytes) {
      setError(outcome && !outcome.ok ? outcome.error.code : "BAD_REQUEST");
      return;
    }
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, bytes);
      setViewing({ snapshot, text: scratch.getText(NOTES_TEXT).toString() });
    } catch {
      setError("BAD_REQUEST");
    } finally {
      scratch.destroy();
    }
  }

  async function restore(snapshot: SnapshotView) {
    setBusy(true);
    setError(null);
    const outcome = await restoreSnapshot(docId, snapshot.snapshotId);
    setBusy(false);
    setConfirming(null);
    if (outcome?.ok) setStatus(t("notes.snapshotRestored", { name: snapshot.name }));
    else setError(outcome ? outcome.error.code : "network");
  }

  return (
    <section id={id} class="notes-history" data-testid="notes-history-panel" aria-labelledby={`${id}-heading`}>
      <div class="section-head">
        <h3 id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
          {t("notes.historyHeading")}
        </h3>
        <button type="button" class="button small secondary" onClick={onClose}>
          {t("notes.close")}
        </button>
      </div>
      {canEdit ? (
        <SaveForm
          id={id}
          docId={docId}
          onSaved={(snapshot) => {
            setSnapshots((list) => newestFirst([snapshot, ...(list ?? [])]));
            setStatus(t("notes.snapshotSaved", { name: snapshot.name }));
            setError(null);
          }}
          onError={setError}
        />
      ) : null}
      <p class="notes-history-status" role="status" data-testid="notes-history-status">
        {status}
      </p>
      {error ? (
        <p class="form-error" role="alert" data-testid="notes-history-error">
          {errorMessage(error)}
        </p>
      ) : null}
      {snapshots === null ? (
        <p class="muted">{t("notes.snapshotsLoading")}</p>
      ) : snapshots.length === 0 ? (
        <p class="muted">{t("notes.snapshotsEmpty")}</p>
      ) : (
        <ul class="notes-snapshots">
          {snapshots.map((snapshot) => (
            <li
              key={snapshot.snapshotId}
              class="notes-snapshot"
              data-testid="notes-snapshot-item"
              data-snapshot-id={snapshot.snapshotId}
              data-name={snapshot.name}
            >
              <span class="notes-snapshot-name">{snapshot.name}</span>
              <span class="notes-snapshot-time">{timeFormat.format(snapshot.takenAt)}</span>
              {confirming === snapshot.snapshotId ? (
                <RestoreConfirm
                  name={snapshot.name}
                  busy={busy}
                  onConfirm={() => void restore(snapshot)}
                  onCancel={() => setConfirming(null)}
                />
              ) : (
                <span class="button-row notes-snapshot-actions">
                  <button
                    type="button"
                    class="button small secondary"
                    data-testid="notes-snapshot-view"
                    aria-label={t("notes.snapshotViewLabel", { name: snapshot.name })}
                    disabled={busy}
                    onClick={() => void view(snapshot)}
                  >
                    {t("notes.snapshotView")}
                  </button>
                  {canEdit ? (
                    <button
                      type="button"
                      class="button small secondary"
                      data-testid="notes-snapshot-restore"
                      aria-label={t("notes.snapshotRestoreLabel", { name: snapshot.name })}
                      disabled={busy}
                      onClick={() => setConfirming(snapshot.snapshotId)}
                    >
                      {t("notes.snapshotRestore")}
                    </button>
                  ) : null}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {viewing ? (
        <SnapshotText
          id={`${id}-view`}
          name={viewing.snapshot.name}
          time={timeFormat.format(viewing.snapshot.takenAt)}
          text={viewing.text}
          onClose={() => setViewing(null)}
        />
      ) : null}
    </section>
  );
}

function newestFirst(list: readonly SnapshotView[]): SnapshotView[] {
  const seen = new Set<string>();
  return [...list]
    .filter((snapshot) => !seen.has(snapshot.snapshotId) && seen.add(snapshot.snapshotId))
    .sort((a, b) => b.takenAt - a.takenAt);
}

type SaveFormProps = {
  id: string;
  docId: NoteDocId;
  onSaved: (snapshot: SnapshotView) => void;
  onError: (code: ClientErrorCode) => void;
};

function SaveForm({ id, docId, onSaved, onError }: SaveFormProps) {
  const [name, setName] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const parsed = SnapshotNameSchema.safeParse(name);
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    const outcome = await saveSnapshot(docId, parsed.data);
    setBusy(false);
    if (outcome?.ok) {
      setName("");
      onSaved(outcome.data);
    } else onError(outcome ? outcome.error.code : "network");
  }

  return (
    <form class="notes-snapshot-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for={`${id}-name`}>{t("notes.snapshotNameLabel")}</label>
        <p class="hint" id={`${id}-name-hint`}>
          {t("notes.snapshotNameHint")}
        </p>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={SNAPSHOT_NAME_MAX}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={`${id}-name-hint${invalid ? ` ${id}-name-error` : ""}`}
          data-testid="notes-snapshot-name"
          onInput={(event) => setName(event.currentTarget.value)}
        />
        {invalid ? (
          <p class="field-error" id={`${id}-name-error`}>
            {t("notes.snapshotNameInvalid", { max: SNAPSHOT_NAME_MAX })}
          </p>
        ) : null}
      </div>
      <button type="submit" class="button small primary" data-testid="notes-snapshot-save" disabled={busy}>
        {t("notes.snapshotSave")}
      </button>
    </form>
  );
}

function RestoreConfirm({
  name,
  busy,
  onConfirm,
  onCancel,
}: {
  name: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  // The confirm step replaces the button that had focus: focus moves to the harmless choice.
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <fieldset class="confirm-row notes-restore-confirm">
      <legend>{t("notes.snapshotRestoreQuestion", { name })}</legend>
      <button
        type="button"
        class="button small danger"
        data-testid="notes-snapshot-restore-confirm"
        disabled={busy}
        onClick={onConfirm}
      >
        {t("notes.snapshotRestoreConfirm")}
      </button>
      <button type="button" class="button small secondary" ref={cancelRef} onClick={onCancel}>
        {t("workshop.cancel")}
      </button>
    </fieldset>
  );
}

/** A saved version's text, read-only, as text. */
function SnapshotText({
  id,
  name,
  time,
  text,
  onClose,
}: {
  id: string;
  name: string;
  time: string;
  text: string;
  onClose: () => void;
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="notes-snapshot-view" data-testid="notes-snapshot-text" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
        {t("notes.snapshotViewing", { name, time })}
      </h4>
      {text ? <pre class="notes-snapshot-pre">{text}</pre> : <p class="muted">{t("notes.snapshotEmptyText")}</p>}
      <button type="button" class="button small secondary" onClick={onClose}>
        {t("notes.close")}
      </button>
    </section>
  );
}
