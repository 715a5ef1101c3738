import { type MessageKey, t } from "../../i18n/index.js";

/** A narrow labelled number input (kept as the text typed: checkBuilderForm reads it), with a hint above it when given. */
export function NumberField({
  id,
  label,
  hint,
  min,
  max,
  placeholder,
  value,
  testId,
  onInput,
}: {
  id: string;
  label: string;
  hint?: string;
  min: number;
  max: number;
  placeholder?: string;
  value: string;
  testId: string;
  onInput: (value: string) => void;
}) {
  const hintId = `${id}-hint`;
  return (
    <div class="field field-narrow">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        inputMode="numeric"
        placeholder={placeholder}
        value={value}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}

/** A labelled select of fixed choices, each shown in words. */
export function ChoiceField<T extends string>({
  id,
  label,
  testId,
  value,
  choices,
  textOf,
  onChange,
}: {
  id: string;
  label: string;
  testId: string;
  value: T;
  choices: readonly T[];
  textOf: Record<T, MessageKey>;
  onChange: (value: T) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(event) => onChange(event.currentTarget.value as T)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {t(textOf[choice])}
          </option>
        ))}
      </select>
    </div>
  );
}
