import { useEffect, useRef } from "preact/hooks";

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  testId: string;
  hint?: string;
  error?: string | null;
  autoFocus?: boolean;
  autoComplete?: string;
  autoCapitalize?: "off" | "none" | "sentences" | "words" | "characters";
  spellcheck?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** "ltr" for code (a link) in a right-to-left page. */
  dir?: "ltr";
  inputMode?: "url" | "text";
};

/** A labelled text input with an optional hint and inline error, both tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  // The autofocus attribute only works on page load; views of a single-page app focus on mount instead.
  useEffect(() => {
    const input = inputRef.current;
    if (!props.autoFocus || !input) return;
    input.focus();
    // Typing goes on where it was (a value typed before the app took the page over): at the end.
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        type="text"
        value={props.value}
        data-testid={props.testId}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-describedby={describedBy}
        aria-invalid={props.error ? true : undefined}
        ref={inputRef}
        autoComplete={props.autoComplete ?? "off"}
        autoCapitalize={props.autoCapitalize}
        spellcheck={props.spellcheck}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        dir={props.dir}
        inputMode={props.inputMode}
      />
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
