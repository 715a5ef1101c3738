import { useState } from "preact/hooks";
import type { BoardId } from "../../../../shared/qna.js";
import { errorMessage, t } from "../../i18n/index.js";
import { ask } from "../../net/qna.js";
import { type ClientErrorCode, session } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { textLength } from "./parts.js";

type AskBoxProps = { boardId: BoardId; maxLength: number; preModeration: boolean };

/**
 * The question field with a live count, the anonymity switch and Ask, with the mode in words
 * beside the button. The switch starts from the workshop's setting (`anonymousByDefault`) and
 * follows it until the person starts writing (a mode never changes under someone's hands) or
 * sets the switch themselves (then their choice stays).
 */
export function AskBox({ boardId, maxLength, preModeration }: AskBoxProps) {
  const [text, setText] = useState("");
  /** The person's own choice: kept for every later question. */
  const [chosen, setChosen] = useState<boolean | null>(null);
  /** The setting as it was when they started writing this question. */
  const [started, setStarted] = useState<boolean | null>(null);
  const byDefault = workshopState.workshop.value?.anonymousByDefault ?? true;
  const anonymous = chosen ?? started ?? byDefault;
  const myName = session.value?.displayName ?? "";
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | "empty" | null>(null);
  const [status, setStatus] = useState("");
  const length = textLength(text);
  const tooLong = length > maxLength;
  const ids = `qna-ask-${boardId}`;
  // Informed consent: when reports may name people, a named question says so before it is asked.
  const mayBeCredited = workshopState.workshop.value?.reportAttribution === "attributed" && !anonymous;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (length === 0) {
      setError("empty");
      return;
    }
    if (tooLong) return;
    setBusy(true);
    setError(null);
    setStatus("");
    // Consent is what this screen showed: the notice was on screen when the button was pressed.
    const outcome = await ask(boardId, text.normalize("NFC").trim(), anonymous, mayBeCredited);
    setBusy(false);
    if (!outcome) return;
    if (!outcome.ok) {
      setError(outcome.error.code);
      return;
    }
    setText("");
    setStarted(null);
    setStatus(outcome.data.question.status === "pending" ? t("qna.askedPending") : t("qna.askedPosted"));
  }

  const errorText =
    error === null
      ? ""
      : error === "empty"
        ? t("qna.askEmpty")
        : error === "RATE_LIMITED"
          ? t("qna.rateAsk")
          : errorMessage(error);

  return (
    <form class="qna-ask" onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} class="visually-hidden">
        {t("qna.askHeading")}
      </h3>
      <div class="field">
        <label for={`${ids}-text`}>{t("qna.askLabel")}</label>
        <textarea
          id={`${ids}-text`}
          rows={3}
          value={text}
          data-testid="qna-ask-text"
          aria-invalid={tooLong || error === "empty"}
          aria-describedby={`${ids}-count${preModeration ? ` ${ids}-premod` : ""}${mayBeCredited ? ` ${ids}-consent` : ""}`}
          onInput={(event) => {
            setText(event.currentTarget.value);
            if (started === null) setStarted(anonymous);
            if (error === "empty") setError(null);
          }}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter asks; Enter alone makes a new line.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
          }}
        />
        <p
          id={`${ids}-count`}
          class={`hint qna-count${tooLong ? " over-limit" : ""}`}
          data-testid="qna-ask-count"
          data-length={length}
          data-max={maxLength}
        >
          {tooLong ? t("qna.askTooLong", { max: maxLength }) : t("qna.askCount", { length, max: maxLength })}
        </p>
        {preModeration ? (
          <p id={`${ids}-premod`} class="hint">
            {t("qna.preModerated")}
          </p>
        ) : null}
      </div>
      <label class="qna-switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={anonymous}
          checked={anonymous}
          aria-describedby={`${ids}-mode`}
          data-testid="qna-ask-anonymous"
          onChange={(event) => setChosen(event.currentTarget.checked)}
        />
        <span>{t("qna.askAnonymous")}</span>
      </label>
      {mayBeCredited ? (
        <p id={`${ids}-consent`} class="hint qna-consent" data-testid="qna-ask-consent">
          {t("qna.askConsent")}
        </p>
      ) : null}
      <div class="qna-ask-actions">
        <button
          type="submit"
          class="button primary"
          data-testid="qna-ask-submit"
          aria-describedby={`${ids}-mode`}
          disabled={busy || tooLong}
        >
          {busy ? t("qna.asking") : t("qna.askSubmit")}
        </button>
        {/* Always in words, next to the button: which mode this question is sent in. */}
        <p
          id={`${ids}-mode`}
          class={`qna-ask-mode qna-ask-mode-${anonymous ? "anonymous" : "named"}`}
          data-testid="qna-ask-mode"
          data-mode={anonymous ? "anonymous" : "named"}
        >
          {anonymous ? t("qna.askModeAnonymous") : t("qna.askModeNamed", { name: myName })}
        </p>
      </div>
      <p class="form-error" role="alert" data-testid="qna-ask-error" hidden={error === null}>
        {errorText}
      </p>
      <p class="qna-ask-status" role="status" data-testid="qna-ask-status">
        {status}
      </p>
    </form>
  );
}
