import { useState } from "preact/hooks";
import { SUPPORT_MESSAGE_MAX, type SupportRequestView, type SupportSide } from "../../../../shared/support.js";
import { errorMessage, t } from "../../i18n/index.js";
import { sendSupportMessage } from "../../net/support.js";

/**
 * The private conversation of one request, the same for the person and their lead: the messages
 * (a live region, so a screen reader hears new ones) and a box to write. Text only.
 */
export function SupportConversation({ request, side }: { request: SupportRequestView; side: SupportSide }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const other = side === "person" ? request.lead?.displayName : request.person.displayName;
  const inputId = `support-message-${request.requestId}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    const outcome = await sendSupportMessage(request.requestId, text);
    setBusy(false);
    if (outcome?.ok) setText("");
    else if (outcome) setError(errorMessage(outcome.error.code));
  }

  return (
    <section class="support-conversation" aria-label={t("support.conversation")} data-testid="support-conversation">
      {other ? <p class="hint">{t("support.conversationHint", { name: other })}</p> : null}
      <ol class="support-messages" aria-live="polite" data-testid="support-messages">
        {request.messages.length === 0 ? <li class="hint">{t("support.noMessages")}</li> : null}
        {request.messages.map((message, index) => (
          <li key={`${message.at}-${index}`} class={`support-message from-${message.from === side ? "me" : "them"}`}>
            <span class="support-message-who">
              {message.from === side
                ? t("support.fromYou")
                : message.from === "lead"
                  ? request.lead?.displayName
                  : request.person.displayName}
            </span>{" "}
            <span class="support-message-text" dir="auto">
              {message.text}
            </span>
          </li>
        ))}
      </ol>
      <form class="support-write" onSubmit={submit}>
        <label for={inputId}>{t("support.messageLabel")}</label>
        <textarea
          id={inputId}
          data-testid="support-message-input"
          rows={2}
          maxLength={SUPPORT_MESSAGE_MAX}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button primary" data-testid="support-message-send" disabled={busy || !text.trim()}>
          {t("support.messageSend")}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {t("support.failed", { message: error })}
        </p>
      ) : null}
    </section>
  );
}
