import { CONTENT_NOTE_MAX, ContentNoteSchema } from "../../../../shared/contentNote.js";
import {
  POLL_AUTO_CLOSE_MAX_SECONDS,
  POLL_AUTO_CLOSE_MIN_SECONDS,
  POLL_OPTION_LABEL_MAX,
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_QUESTION_MAX,
  POLL_RATING_LABEL_MAX,
  POLL_TEXT_MAX,
  type PollDefinitionInput,
  PollDefinitionSchema,
} from "../../../../shared/poll.js";
import { nameText } from "../../../../shared/text.js";
import { t } from "../../i18n/index.js";
import { type BuilderForm, hasOptions, scopeOf } from "./builderForm.js";

const QuestionSchema = nameText(POLL_QUESTION_MAX);
const OptionLabelSchema = nameText(POLL_OPTION_LABEL_MAX);
const RatingLabelSchema = nameText(POLL_RATING_LABEL_MAX);

function wholeNumber(raw: string): number | null {
  const trimmed = raw.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Checks the form with the rules the server applies; returns the definition or what is wrong, in words. */
export function checkBuilderForm(
  form: BuilderForm,
): { ok: true; definition: PollDefinitionInput } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!QuestionSchema.safeParse(form.question).success)
    problems.push(t("builder.errorQuestion", { max: POLL_QUESTION_MAX }));
  const common = {
    question: form.question,
    anonymous: form.anonymous,
    resultsVisibility: form.visibility,
    allowVoteChange: form.allowVoteChange,
    scope: scopeOf(form.scope, form.sessionId),
  };
  const contentNote = form.contentNote.trim();
  if (contentNote !== "" && !ContentNoteSchema.safeParse(contentNote).success) {
    problems.push(t("builder.errorContentNote", { max: CONTENT_NOTE_MAX }));
  }
  let autoCloseSeconds: number | undefined;
  if (form.autoClose.trim() !== "") {
    const seconds = wholeNumber(form.autoClose);
    if (seconds === null || seconds < POLL_AUTO_CLOSE_MIN_SECONDS || seconds > POLL_AUTO_CLOSE_MAX_SECONDS) {
      problems.push(
        t("builder.errorAutoClose", { min: POLL_AUTO_CLOSE_MIN_SECONDS, max: POLL_AUTO_CLOSE_MAX_SECONDS }),
      );
    } else autoCloseSeconds = seconds;
  }
  const withOptions = hasOptions(form.kind);
  if (withOptions) {
    if (form.options.length < POLL_OPTIONS_MIN || form.options.length > POLL_OPTIONS_MAX) {
      problems.push(t("builder.errorOptionCount", { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX }));
    }
    const seen = new Set<string>();
    form.options.forEach((option, index) => {
      if (!OptionLabelSchema.safeParse(option.label).success) {
        problems.push(t("builder.errorOption", { number: index + 1, max: POLL_OPTION_LABEL_MAX }));
        return;
      }
      const key = option.label.normalize("NFC").trim().toLocaleLowerCase();
      if (seen.has(key)) problems.push(t("builder.errorDuplicate", { label: option.label.trim() }));
      seen.add(key);
    });
  }
  let kindFields: Record<string, unknown> = {};
  switch (form.kind) {
    case "multiple": {
      const count = form.options.length;
      const min = wholeNumber(form.minSelections);
      const max = form.maxSelections.trim() === "" ? count : wholeNumber(form.maxSelections);
      if (min === null || min < 1 || min > count) problems.push(t("builder.errorMin", { max: count }));
      else if (max === null || max < min || max > count) problems.push(t("builder.errorMax", { min, max: count }));
      kindFields = {
        minSelections: min ?? 1,
        ...(form.maxSelections.trim() === "" ? {} : { maxSelections: max ?? count }),
      };
      break;
    }
    case "rating": {
      for (const label of [form.lowLabel, form.highLabel]) {
        if (label.trim() !== "" && !RatingLabelSchema.safeParse(label).success) {
          problems.push(t("builder.errorScaleLabel", { max: POLL_RATING_LABEL_MAX }));
          break;
        }
      }
      kindFields = {
        scale: form.scale === "10" ? 10 : 5,
        ...(form.lowLabel.trim() ? { lowLabel: form.lowLabel } : {}),
        ...(form.highLabel.trim() ? { highLabel: form.highLabel } : {}),
      };
      break;
    }
    case "text": {
      const max = wholeNumber(form.maxLength);
      if (max === null || max < 1 || max > POLL_TEXT_MAX)
        problems.push(t("builder.errorMaxLength", { max: POLL_TEXT_MAX }));
      kindFields = { maxLength: max ?? POLL_TEXT_MAX };
      break;
    }
    default:
      break;
  }
  if (problems.length > 0) return { ok: false, problems };
  const definition = {
    kind: form.kind,
    ...common,
    ...(autoCloseSeconds === undefined ? {} : { autoCloseSeconds }),
    ...(contentNote === "" ? {} : { contentNote }),
    ...(withOptions
      ? { options: form.options.map((option) => ({ optionId: option.optionId, label: option.label })) }
      : {}),
    ...kindFields,
  };
  const parsed = PollDefinitionSchema.safeParse(definition);
  if (!parsed.success) return { ok: false, problems: [t("builder.errorInvalid")] };
  return { ok: true, definition: definition as PollDefinitionInput };
}
