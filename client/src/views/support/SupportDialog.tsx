import { useEffect, useRef, useState } from "preact/hooks";
import type { SupportContact, SupportRequestView } from "../../../../shared/support.js";
import { errorMessage, t } from "../../i18n/index.js";
import { askForSupport, closeSupportRequest } from "../../net/support.js";
import { session } from "../../state/session.js";
import { supportPanelOpen } from "../../state/supportPanel.js";
import { forgetSupportRequest, ownRequest } from "../../state/supportState.js";
import { useFocusOnMount } from "../hooks.js";
import { SupportConversation } from "./SupportConversation.js";

/**
 * The person's side of private support, in a native modal dialog (focus stays inside, Escape
 * closes it, focus returns to the button): the request form, then its state (waiting, taken by
 * whom), the conversation with the lead, and ending it. Closing the dialog keeps the request.
 */
export function SupportDialog() {
  const open = supportPanelOpen.value;
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const me = session.value;
  const request = me ? ownRequest(me.participantId) : null;
  return (
    <dialog
      ref={dialogRef}
      class="dialog support-dialog"
      aria-labelledby="support-heading"
      data-testid="support-dialog"
      // Escape closes it (the browser's own cancel). The close event is not used: it is queued, and
      // one from an earlier closing can arrive after the dialog was opened again.
      onCancel={() => {
        supportPanelOpen.value = false;
      }}
    >
      {open ? (
        <>
          <h2 id="support-heading">{t("support.heading")}</h2>
          {request ? <RequestState request={request} /> : <RequestForm />}
          <div class="dialog-actions">
            <button
              type="button"
              class="button secondary"
              data-testid="support-dialog-close"
              onClick={() => {
                supportPanelOpen.value = false;
              }}
            >
              {t("support.close")}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

function RequestForm() {
  const [note, setNote] = useState("");
  const [contact, setContact] = useState<SupportContact>("app");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The second tap: focus waits on the send button, the note and the choice are optional.
  const sendRef = useFocusOnMount<HTMLButtonElement>();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await askForSupport(note, contact);
    setBusy(false);
    if (outcome && !outcome.ok) setError(errorMessage(outcome.error.code));
  }

  return (
    <form class="support-form" onSubmit={submit}>
      <p>{t("support.intro")}</p>
      <button type="submit" class="button primary" data-testid="support-send" disabled={busy} ref={sendRef}>
        {busy ? t("support.sending") : t("support.send")}
      </button>
      <label for="support-note">{t("support.noteLabel")}</label>
      <textarea
        id="support-note"
        data-testid="support-note"
        rows={2}
        maxLength={300}
        value={note}
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      <fieldset class="support-contact">
        <legend>{t("support.contactLegend")}</legend>
        {(["app", "room"] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="support-contact"
              value={choice}
              data-testid={`support-contact-${choice}`}
              checked={contact === choice}
              onChange={() => setContact(choice)}
            />
            {choice === "app" ? t("support.contactApp") : t("support.contactRoom")}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p class="error" role="alert">
          {t("support.failed", { message: error })}
        </p>
      ) : null}
    </form>
  );
}

function RequestState({ request }: { request: SupportRequestView }) {
  const [error, setError] = useState<string | null>(null);
  async function end() {
    const outcome = await closeSupportRequest(request.requestId);
    if (outcome && !outcome.ok) setError(errorMessage(outcome.error.code));
  }
  if (request.status === "closed") {
    return (
      <div class="support-state" data-testid="support-state" data-status="closed">
        <p role="status">{request.closedBy === "lead" ? t("support.closedByLead") : t("support.closedByPerson")}</p>
        <button
          type="button"
          class="button primary"
          data-testid="support-ask-again"
          onClick={() => forgetSupportRequest(request.requestId)}
        >
          {t("support.askAgain")}
        </button>
      </div>
    );
  }
  return (
    <div class="support-state" data-testid="support-state" data-status={request.status}>
      <p role="status" data-testid="support-status">
        {request.lead
          ? t("support.taken", { name: request.lead.displayName })
          : request.contact === "room"
            ? t("support.waitingRoom")
            : t("support.waiting")}
      </p>
      {request.lead || request.contact === "app" ? <SupportConversation request={request} side="person" /> : null}
      <button type="button" class="button secondary" data-testid="support-end" onClick={() => void end()}>
        {request.lead ? t("support.end") : t("support.cancel")}
      </button>
      {error ? (
        <p class="error" role="alert">
          {t("support.failed", { message: error })}
        </p>
      ) : null}
    </div>
  );
}
