import { POLL_OPTION_LABEL_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN } from "../../../../shared/poll.js";
import { t } from "../../i18n/index.js";
import {
  type BuilderForm,
  type BuilderPartProps,
  withNewOption,
  withOptionLabel,
  withOptionMoved,
  withoutOption,
} from "./builderForm.js";
import { IconButton } from "./buttons.js";

/** The options of a choice or ranking poll: one row each, with buttons to move or remove it, and one to add a row. */
export function OptionRows({
  form,
  id,
  update,
}: Omit<BuilderPartProps, "set"> & { update: (change: (form: BuilderForm) => BuilderForm) => void }) {
  return (
    <fieldset class="poll-option-rows">
      <legend>{t("builder.optionsLegend", { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX })}</legend>
      <ol class="builder-options">
        {form.options.map((option, index) => {
          const number = index + 1;
          return (
            <li key={option.optionId} class="builder-option" data-testid="poll-option-row">
              <label class="visually-hidden" for={id(`option-${option.optionId}`)}>
                {t("builder.optionLabel", { number })}
              </label>
              <span class="builder-option-number" aria-hidden="true">
                {number}.
              </span>
              <input
                id={id(`option-${option.optionId}`)}
                type="text"
                value={option.label}
                maxLength={POLL_OPTION_LABEL_MAX * 2}
                autoComplete="off"
                placeholder={t("builder.optionPlaceholder", { number })}
                data-testid="poll-option-input"
                onInput={(event) => {
                  const label = event.currentTarget.value;
                  update((previous) => withOptionLabel(previous, index, label));
                }}
              />
              <span class="builder-option-tools">
                <IconButton
                  icon="↑"
                  label={t("builder.optionUp", { number })}
                  disabled={index === 0}
                  onClick={() => update((previous) => withOptionMoved(previous, index, -1))}
                />
                <IconButton
                  icon="↓"
                  label={t("builder.optionDown", { number })}
                  disabled={index === form.options.length - 1}
                  onClick={() => update((previous) => withOptionMoved(previous, index, 1))}
                />
                <IconButton
                  icon="✕"
                  label={t("builder.optionRemove", { number })}
                  testId="poll-remove-option"
                  disabled={form.options.length <= POLL_OPTIONS_MIN}
                  onClick={() => update((previous) => withoutOption(previous, index))}
                />
              </span>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        class="button secondary"
        data-testid="poll-add-option"
        disabled={form.options.length >= POLL_OPTIONS_MAX}
        onClick={() => update(withNewOption)}
      >
        {t("builder.addOption")}
      </button>
    </fieldset>
  );
}
