import { POLL_RATING_LABEL_MAX, POLL_TEXT_MAX } from "../../../../shared/poll.js";
import { t } from "../../i18n/index.js";
import { TextField } from "../TextField.js";
import { NumberField } from "./builderFields.js";
import type { BuilderPartProps } from "./builderForm.js";

/*
 * The builder's fields that only one kind of poll has. Each kind has its own component, shown in
 * its own place, so switching the kind mounts fresh fields rather than reusing another kind's.
 */

/** Multiple choice: how many options a voter must and may choose. */
export function SelectionLimits({ form, set, id }: BuilderPartProps) {
  return (
    <div class="inline-fields">
      <NumberField
        id={id("min")}
        label={t("builder.minLabel")}
        min={1}
        max={form.options.length}
        value={form.minSelections}
        testId="poll-min-selections"
        onInput={(value) => set("minSelections", value)}
      />
      <NumberField
        id={id("max")}
        label={t("builder.maxLabel")}
        min={1}
        max={form.options.length}
        placeholder={t("builder.maxNone")}
        value={form.maxSelections}
        testId="poll-max-selections"
        onInput={(value) => set("maxSelections", value)}
      />
    </div>
  );
}

/** Rating: the scale and the words at its two ends. */
export function RatingScale({ form, set, id }: BuilderPartProps) {
  return (
    <div class="inline-fields">
      <div class="field field-narrow">
        <label for={id("scale")}>{t("builder.scaleLabel")}</label>
        <select
          id={id("scale")}
          value={form.scale}
          data-testid="poll-scale"
          onChange={(event) => set("scale", event.currentTarget.value === "10" ? "10" : "5")}
        >
          <option value="5">{t("builder.scaleOption", { scale: 5 })}</option>
          <option value="10">{t("builder.scaleOption", { scale: 10 })}</option>
        </select>
      </div>
      <TextField
        id={id("low")}
        label={t("builder.lowLabel")}
        value={form.lowLabel}
        maxLength={POLL_RATING_LABEL_MAX * 2}
        placeholder={t("builder.lowPlaceholder")}
        testId="poll-low-label"
        onInput={(label) => set("lowLabel", label)}
      />
      <TextField
        id={id("high")}
        label={t("builder.highLabel", { scale: form.scale })}
        value={form.highLabel}
        maxLength={POLL_RATING_LABEL_MAX * 2}
        placeholder={t("builder.highPlaceholder")}
        testId="poll-high-label"
        onInput={(label) => set("highLabel", label)}
      />
    </div>
  );
}

/** Free text: the longest answer allowed. */
export function AnswerLength({ form, set, id }: BuilderPartProps) {
  return (
    <NumberField
      id={id("max-length")}
      label={t("builder.maxLengthLabel", { max: POLL_TEXT_MAX })}
      min={1}
      max={POLL_TEXT_MAX}
      value={form.maxLength}
      testId="poll-max-length"
      onInput={(value) => set("maxLength", value)}
    />
  );
}
