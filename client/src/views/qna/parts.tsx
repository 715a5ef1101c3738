import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../i18n/index.js";
import { useFocusOnMount } from "../hooks.js";

/** Characters as the server counts them (code points, after trimming). */
export function textLength(text: string): number {
  return [...text.normalize("NFC").trim()].length;
}

type ButtonProps = {
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  disabled?: boolean;
  pressed?: boolean;
  label?: string;
  onClick: () => void;
  children: ComponentChildren;
};

/** A small button of the Q&A controls; type="button", so it never submits the form it stands in. */
export function QnaButton({ variant = "secondary", testId, disabled, pressed, label, onClick, children }: ButtonProps) {
  return (
    <button
      type="button"
      class={`button small ${variant}`}
      data-testid={testId}
      disabled={disabled}
      aria-pressed={pressed}
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

type TextFormProps = {
  /** Unique in the page: ties the label to its field. */
  id: string;
  label: string;
  initial?: string;
  max: number;
  /** Empty text is refused (question texts); otherwise it is allowed (optional reasons and replies). */
  required?: boolean;
  submitLabel: string;
  submitVariant?: "primary" | "danger";
  fieldTestId: string;
  submitTestId: string;
  /** Resolves true when it worked: the form closes. */
  onSubmit: (text: string) => Promise<boolean>;
  onCancel: () => void;
};

/** A small form that opens in place (a reason, a reply, a corrected text): focus goes to its field. */
export function InlineTextForm({
  id,
  label,
  initial = "",
  max,
  required = false,
  submitLabel,
  submitVariant = "primary",
  fieldTestId,
  submitTestId,
  onSubmit,
  onCancel,
}: TextFormProps) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const fieldRef = useFocusOnMount<HTMLTextAreaElement>();
  const length = textLength(text);
  const invalid = length > max || (required && length === 0);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || invalid) return;
    setBusy(true);
    const done = await onSubmit(text.normalize("NFC").trim());
    setBusy(false);
    if (done) onCancel();
  }

  return (
    <form class="qna-inline-form" onSubmit={submit} noValidate>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        ref={fieldRef}
        rows={2}
        value={text}
        data-testid={fieldTestId}
        aria-invalid={length > max}
        aria-describedby={`${id}-count`}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Ctrl/Cmd+Enter sends, like most chat boxes; Enter alone makes a new line.
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      <p id={`${id}-count`} class={`hint${length > max ? " over-limit" : ""}`}>
        {t("qna.askCount", { length, max })}
      </p>
      <div class="button-row">
        <button
          type="submit"
          class={`button small ${submitVariant}`}
          data-testid={submitTestId}
          disabled={busy || invalid}
        >
          {submitLabel}
        </button>
        <button type="button" class="button small secondary" onClick={onCancel}>
          {t("workshop.cancel")}
        </button>
      </div>
    </form>
  );
}

/** "Withdraw this question?" with the harmless choice focused. */
export function ConfirmRow({
  question,
  confirmLabel,
  confirmTestId,
  busy,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  confirmTestId: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <fieldset class="confirm-row">
      <legend>{question}</legend>
      <button type="button" class="button small danger" data-testid={confirmTestId} disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" class="button small secondary" ref={cancelRef} onClick={onCancel}>
        {t("workshop.cancel")}
      </button>
    </fieldset>
  );
}
