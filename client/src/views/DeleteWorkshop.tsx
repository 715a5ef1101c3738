import { useEffect, useRef, useState } from "preact/hooks";
import { formatJoinCode, normalizeJoinCode } from "../../../shared/joinCode.js";
import { errorMessage, t } from "../i18n/index.js";
import type { ClientErrorCode } from "../state/session.js";
import { useFocusOnMount } from "./hooks.js";

export type DeleteOutcome = { ok: true } | { ok: false; code: ClientErrorCode } | null;

type DeleteWorkshopProps = {
  title: string;
  joinCode: string;
  /** Deletes it (live: the command; after the end: the REST call). On success the app shows the "deleted" screen. */
  onDelete: () => Promise<DeleteOutcome>;
};

/** What was typed names this workshop: its join code (any case, spaces or dash) or its exact title. */
export function confirmsWorkshop(typed: string, joinCode: string, title: string): boolean {
  const text = typed.normalize("NFC").trim();
  if (text === "") return false;
  if (normalizeJoinCode(text) === normalizeJoinCode(joinCode)) return true;
  return text === title.normalize("NFC").trim();
}

/**
 * "Delete workshop…" and its confirmation: a native modal dialog (focus stays inside, Escape
 * closes it, focus returns to the button) that says what is lost, for whom, and that it cannot
 * be undone, and enables its delete button only once the join code or the title is typed.
 */
export function DeleteWorkshop({ title, joinCode, onDelete }: DeleteWorkshopProps) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        class="button danger"
        aria-haspopup="dialog"
        data-testid="delete-workshop"
        onClick={() => setOpen(true)}
      >
        {t("privacy.deleteButton")}
      </button>
      <dialog
        ref={dialogRef}
        class="dialog delete-dialog"
        aria-labelledby="delete-workshop-heading"
        aria-describedby="delete-workshop-consequence"
        data-testid="delete-workshop-dialog"
        onClose={() => setOpen(false)}
      >
        {open ? (
          <DeleteForm title={title} joinCode={joinCode} onDelete={onDelete} onCancel={() => setOpen(false)} />
        ) : null}
      </dialog>
    </>
  );
}

function DeleteForm({ title, joinCode, onDelete, onCancel }: DeleteWorkshopProps & { onCancel: () => void }) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const fieldRef = useFocusOnMount<HTMLInputElement>();
  const matches = confirmsWorkshop(typed, joinCode, title);
  const code = formatJoinCode(normalizeJoinCode(joinCode));

  async function submit(event: Event) {
    event.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    const outcome = await onDelete();
    // On success this tab shows the "deleted" screen; nothing more to do here.
    if (outcome?.ok) return;
    setBusy(false);
    setError(outcome ? outcome.code : "network");
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2 id="delete-workshop-heading" class="delete-dialog-heading">
        {t("privacy.deleteHeading", { title })}
      </h2>
      <p id="delete-workshop-consequence" class="delete-consequence" data-testid="delete-workshop-consequence">
        {t("privacy.deleteConsequence")}
      </p>
      <div class="field">
        <label for="delete-workshop-typed">{t("privacy.deleteTypeLabel", { code })}</label>
        <input
          id="delete-workshop-typed"
          ref={fieldRef}
          type="text"
          value={typed}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          aria-describedby="delete-workshop-typed-hint"
          data-testid="delete-workshop-typed"
          onInput={(event) => {
            setTyped(event.currentTarget.value);
            setError(null);
          }}
        />
        <p id="delete-workshop-typed-hint" class="hint">
          {t("privacy.deleteTypeHint")}
        </p>
      </div>
      <p class="form-error" role="alert" data-testid="delete-workshop-error" hidden={error === null}>
        {error === null
          ? ""
          : error === "UNAUTHORIZED"
            ? t("privacy.deleteUnauthorized")
            : t("privacy.deleteFailed", { message: errorMessage(error) })}
      </p>
      <p class="visually-hidden" role="status">
        {busy ? t("privacy.deleting") : ""}
      </p>
      <div class="button-row">
        <button type="submit" class="button danger" data-testid="delete-workshop-confirm" disabled={!matches || busy}>
          {busy ? t("privacy.deleting") : t("privacy.deleteConfirm")}
        </button>
        <button type="button" class="button secondary" data-testid="delete-workshop-cancel" onClick={onCancel}>
          {t("workshop.cancel")}
        </button>
      </div>
    </form>
  );
}
