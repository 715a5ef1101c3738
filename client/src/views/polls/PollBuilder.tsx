import { useState } from "preact/hooks";
import type { RoundView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import {
  POLL_AUTO_CLOSE_MAX_SECONDS,
  POLL_AUTO_CLOSE_MIN_SECONDS,
  POLL_OPTION_LABEL_MAX,
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_QUESTION_MAX,
  POLL_RATING_LABEL_MAX,
  POLL_TEXT_MAX,
  type PollDefinition,
  type PollDefinitionInput,
  PollDefinitionSchema,
  type PollKind,
  type PollResultsVisibility,
  type PollScope,
  type PollView,
} from "../../../../shared/poll.js";
import { nameText } from "../../../../shared/text.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { createPoll, openPoll, updatePoll } from "../../net/polls.js";
import { workshopState } from "../../state/workshopState.js";
import { isRunning } from "../breakout/model.js";
import { ProblemList } from "../breakout/PlanForm.js";
import { useFocusOnMount } from "../hooks.js";
import { TextField } from "../TextField.js";
import { IconButton } from "./buttons.js";
import { kindText } from "./model.js";

type OptionRow = { optionId: string; label: string };

const KINDS: readonly PollKind[] = ["single", "multiple", "rating", "text", "ranking"];
const VISIBILITIES: readonly PollResultsVisibility[] = ["live", "afterClose", "facilitatorsOnly"];
const visibilityText: Record<PollResultsVisibility, MessageKey> = {
  live: "builder.visibilityLive",
  afterClose: "builder.visibilityAfterClose",
  facilitatorsOnly: "builder.visibilityFacilitators",
};

const QuestionSchema = nameText(POLL_QUESTION_MAX);
const OptionLabelSchema = nameText(POLL_OPTION_LABEL_MAX);
const RatingLabelSchema = nameText(POLL_RATING_LABEL_MAX);

/** "a", "b", … "z", "aa", "ab", …: short ids, unique within the poll. */
function letterId(index: number): string {
  let id = "";
  let rest = index;
  do {
    id = String.fromCharCode(97 + (rest % 26)) + id;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return id;
}

function freshOptionId(rows: readonly OptionRow[]): string {
  const used = new Set(rows.map((row) => row.optionId));
  for (let index = 0; ; index++) {
    const id = letterId(index);
    if (!used.has(id)) return id;
  }
}

function wholeNumber(raw: string): number | null {
  const trimmed = raw.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function scopeValue(scope: PollScope): string {
  switch (scope.kind) {
    case "plenary":
      return "plenary";
    case "everyRoom":
      return `everyRoom:${scope.roundId}`;
    case "room":
      return `room:${scope.roomId}`;
  }
}

function scopeOf(value: string): PollScope {
  if (value.startsWith("everyRoom:")) return { kind: "everyRoom", roundId: value.slice("everyRoom:".length) };
  if (value.startsWith("room:")) return { kind: "room", roomId: value.slice("room:".length) };
  return { kind: "plenary" };
}

type BuilderProps = {
  /** The draft being edited; absent: a new poll. */
  editing?: PollView | undefined;
  /** A room lead's polls can only be for their own room. */
  fixedRoom?: { roomId: RoomId; name: string } | undefined;
  round: RoundView | null;
  onDone: () => void;
};

type Form = {
  kind: PollKind;
  question: string;
  options: OptionRow[];
  minSelections: string;
  maxSelections: string;
  scale: "5" | "10";
  lowLabel: string;
  highLabel: string;
  maxLength: string;
  scope: string;
  anonymous: boolean;
  visibility: PollResultsVisibility;
  allowVoteChange: boolean;
  autoClose: string;
};

/** `anonymousByDefault`: the workshop's setting, which a new poll starts from (an edited draft keeps its own). */
function initialForm(
  editing: PollDefinition | undefined,
  fixedRoom: BuilderProps["fixedRoom"],
  anonymousByDefault: boolean,
): Form {
  const base: Form = {
    kind: "single",
    question: "",
    options: [
      { optionId: "a", label: "" },
      { optionId: "b", label: "" },
    ],
    minSelections: "1",
    maxSelections: "",
    scale: "5",
    lowLabel: "",
    highLabel: "",
    maxLength: String(POLL_TEXT_MAX),
    scope: fixedRoom ? `room:${fixedRoom.roomId}` : "plenary",
    anonymous: anonymousByDefault,
    visibility: "live",
    allowVoteChange: true,
    autoClose: "",
  };
  if (!editing) return base;
  const form: Form = {
    ...base,
    kind: editing.kind,
    question: editing.question,
    scope: scopeValue(editing.scope),
    anonymous: editing.anonymous,
    visibility: editing.resultsVisibility,
    allowVoteChange: editing.allowVoteChange,
    autoClose: editing.autoCloseSeconds === undefined ? "" : String(editing.autoCloseSeconds),
  };
  if ("options" in editing) form.options = editing.options.map((option) => ({ ...option }));
  if (editing.kind === "multiple") {
    form.minSelections = String(editing.minSelections);
    form.maxSelections = editing.maxSelections === undefined ? "" : String(editing.maxSelections);
  }
  if (editing.kind === "rating") {
    form.scale = editing.scale === 10 ? "10" : "5";
    form.lowLabel = editing.lowLabel ?? "";
    form.highLabel = editing.highLabel ?? "";
  }
  if (editing.kind === "text") form.maxLength = String(editing.maxLength);
  return form;
}

/** Checks the form with the rules the server applies; returns the definition or what is wrong, in words. */
function checkForm(form: Form): { ok: true; definition: PollDefinitionInput } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!QuestionSchema.safeParse(form.question).success)
    problems.push(t("builder.errorQuestion", { max: POLL_QUESTION_MAX }));
  const common = {
    question: form.question,
    anonymous: form.anonymous,
    resultsVisibility: form.visibility,
    allowVoteChange: form.allowVoteChange,
    scope: scopeOf(form.scope),
  };
  let autoCloseSeconds: number | undefined;
  if (form.autoClose.trim() !== "") {
    const seconds = wholeNumber(form.autoClose);
    if (seconds === null || seconds < POLL_AUTO_CLOSE_MIN_SECONDS || seconds > POLL_AUTO_CLOSE_MAX_SECONDS) {
      problems.push(
        t("builder.errorAutoClose", { min: POLL_AUTO_CLOSE_MIN_SECONDS, max: POLL_AUTO_CLOSE_MAX_SECONDS }),
      );
    } else autoCloseSeconds = seconds;
  }
  const withOptions = form.kind === "single" || form.kind === "multiple" || form.kind === "ranking";
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
    ...(withOptions
      ? { options: form.options.map((option) => ({ optionId: option.optionId, label: option.label })) }
      : {}),
    ...kindFields,
  };
  const parsed = PollDefinitionSchema.safeParse(definition);
  if (!parsed.success) return { ok: false, problems: [t("builder.errorInvalid")] };
  return { ok: true, definition: definition as PollDefinitionInput };
}

/** Make or edit a poll: kind, question, options, settings, where it runs; save as a draft or open it at once. */
export function PollBuilder({ editing, fixedRoom, round, onDone }: BuilderProps) {
  const [form, setForm] = useState<Form>(() =>
    initialForm(editing?.definition, fixedRoom, workshopState.workshop.peek()?.anonymousByDefault ?? true),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const idPrefix = editing ? `edit-${editing.pollId}` : "new-poll";
  const withOptions = form.kind === "single" || form.kind === "multiple" || form.kind === "ranking";
  const roundForScope = round && round.status !== "closed" ? round : null;

  function set<K extends keyof Form>(key: K, value: Form[K]) {
    setForm((previous) => ({ ...previous, [key]: value }));
  }

  function updateOption(index: number, label: string) {
    setForm((previous) => ({
      ...previous,
      options: previous.options.map((option, at) => (at === index ? { ...option, label } : option)),
    }));
  }

  function moveOption(index: number, by: -1 | 1) {
    setForm((previous) => {
      const target = index + by;
      if (target < 0 || target >= previous.options.length) return previous;
      const options = [...previous.options];
      const [moved] = options.splice(index, 1);
      if (moved) options.splice(target, 0, moved);
      return { ...previous, options };
    });
  }

  function removeOption(index: number) {
    setForm((previous) =>
      previous.options.length <= POLL_OPTIONS_MIN
        ? previous
        : { ...previous, options: previous.options.filter((_, at) => at !== index) },
    );
  }

  function addOption() {
    setForm((previous) =>
      previous.options.length >= POLL_OPTIONS_MAX
        ? previous
        : { ...previous, options: [...previous.options, { optionId: freshOptionId(previous.options), label: "" }] },
    );
  }

  async function save(open: boolean) {
    if (busy) return;
    const checked = checkForm(form);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    let ok = false;
    if (editing) {
      const updated = await updatePoll(editing.pollId, checked.definition);
      ok = Boolean(updated?.ok);
      if (ok && open) ok = Boolean((await openPoll(editing.pollId))?.ok);
    } else {
      ok = Boolean((await createPoll(checked.definition, open))?.ok);
    }
    setBusy(false);
    if (ok) onDone();
  }

  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <form
      class="poll-builder"
      noValidate
      data-testid="poll-builder"
      aria-labelledby={id("heading")}
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      <h3 id={id("heading")} tabIndex={-1} ref={headingRef}>
        {editing ? t("builder.editHeading") : t("builder.heading")}
      </h3>
      <div class="inline-fields">
        <ChoiceField
          id={id("kind")}
          label={t("builder.kindLabel")}
          testId="poll-kind"
          value={form.kind}
          choices={KINDS}
          textOf={kindText}
          onChange={(kind) => set("kind", kind)}
        />
      </div>
      <TextField
        id={id("question")}
        label={t("builder.questionLabel")}
        value={form.question}
        maxLength={POLL_QUESTION_MAX * 2}
        testId="poll-question"
        onInput={(question) => set("question", question)}
      />

      {withOptions ? (
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
                    onInput={(event) => updateOption(index, event.currentTarget.value)}
                  />
                  <span class="builder-option-tools">
                    <IconButton
                      icon="↑"
                      label={t("builder.optionUp", { number })}
                      disabled={index === 0}
                      onClick={() => moveOption(index, -1)}
                    />
                    <IconButton
                      icon="↓"
                      label={t("builder.optionDown", { number })}
                      disabled={index === form.options.length - 1}
                      onClick={() => moveOption(index, 1)}
                    />
                    <IconButton
                      icon="✕"
                      label={t("builder.optionRemove", { number })}
                      testId="poll-remove-option"
                      disabled={form.options.length <= POLL_OPTIONS_MIN}
                      onClick={() => removeOption(index)}
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
            onClick={addOption}
          >
            {t("builder.addOption")}
          </button>
        </fieldset>
      ) : null}

      {form.kind === "multiple" ? (
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
      ) : null}

      {form.kind === "rating" ? (
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
      ) : null}

      {form.kind === "text" ? (
        <NumberField
          id={id("max-length")}
          label={t("builder.maxLengthLabel", { max: POLL_TEXT_MAX })}
          min={1}
          max={POLL_TEXT_MAX}
          value={form.maxLength}
          testId="poll-max-length"
          onInput={(value) => set("maxLength", value)}
        />
      ) : null}

      {fixedRoom ? (
        <p class="muted" data-testid="poll-scope-fixed">
          {t("builder.scopeFixed", { name: fixedRoom.name })}
        </p>
      ) : (
        <div class="field">
          <label for={id("scope")}>{t("builder.scopeLabel")}</label>
          <select
            id={id("scope")}
            value={form.scope}
            data-testid="poll-scope"
            onChange={(event) => set("scope", event.currentTarget.value)}
          >
            <option value="plenary">{t("builder.scopePlenary")}</option>
            {roundForScope ? (
              <option value={`everyRoom:${roundForScope.roundId}`}>
                {t("builder.scopeEveryRoom", { number: roundForScope.number })}
              </option>
            ) : null}
            {roundForScope?.rooms.map((room) => (
              <option key={room.roomId} value={`room:${room.roomId}`}>
                {t("builder.scopeRoom", { name: room.name })}
              </option>
            ))}
            {scopeMissing(form.scope, roundForScope) ? (
              <option value={form.scope}>{t("builder.scopeEarlier")}</option>
            ) : null}
          </select>
          {roundForScope && !isRunning(roundForScope) ? <p class="hint">{t("builder.scopeRoundNotOpen")}</p> : null}
        </div>
      )}

      <div class="check-block">
        <div class="check">
          <input
            id={id("anonymous")}
            type="checkbox"
            checked={form.anonymous}
            aria-describedby={id("anonymous-hint")}
            data-testid="poll-anonymous"
            onChange={(event) => set("anonymous", event.currentTarget.checked)}
          />
          <label for={id("anonymous")}>{t("builder.anonymousLabel")}</label>
        </div>
        <p class="hint check-hint" id={id("anonymous-hint")}>
          {t("builder.anonymousHint")}
        </p>
      </div>

      <ChoiceField
        id={id("visibility")}
        label={t("builder.visibilityLabel")}
        testId="poll-visibility"
        value={form.visibility}
        choices={VISIBILITIES}
        textOf={visibilityText}
        onChange={(visibility) => set("visibility", visibility)}
      />

      <div class="check">
        <input
          id={id("allow-change")}
          type="checkbox"
          checked={form.allowVoteChange}
          data-testid="poll-allow-change"
          onChange={(event) => set("allowVoteChange", event.currentTarget.checked)}
        />
        <label for={id("allow-change")}>{t("builder.allowChangeLabel")}</label>
      </div>

      <NumberField
        id={id("auto-close")}
        label={t("builder.autoCloseLabel")}
        hint={t("builder.autoCloseHint", { min: POLL_AUTO_CLOSE_MIN_SECONDS, max: POLL_AUTO_CLOSE_MAX_SECONDS })}
        min={POLL_AUTO_CLOSE_MIN_SECONDS}
        max={POLL_AUTO_CLOSE_MAX_SECONDS}
        value={form.autoClose}
        testId="poll-auto-close"
        onInput={(value) => set("autoClose", value)}
      />

      <ProblemList problems={problems} testId="poll-problems" />
      <div class="button-row">
        <button type="submit" class="button secondary" data-testid="poll-save-draft" disabled={busy}>
          {editing ? t("builder.saveChanges") : t("builder.saveDraft")}
        </button>
        <button
          type="button"
          class="button primary"
          data-testid="poll-open-now"
          disabled={busy}
          onClick={() => void save(true)}
        >
          {editing ? t("builder.saveAndOpen") : t("builder.openNow")}
        </button>
        <button type="button" class="button secondary" data-testid="poll-builder-cancel" onClick={onDone}>
          {t("workshop.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A narrow labelled number input (kept as the text typed: checkForm reads it), with a hint above it when given. */
function NumberField({
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
function ChoiceField<T extends string>({
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

/** A draft made for a room or round that is no longer the current one keeps its scope as an option. */
function scopeMissing(value: string, round: RoundView | null): boolean {
  if (value === "plenary") return false;
  if (!round) return true;
  if (value === `everyRoom:${round.roundId}`) return false;
  return !round.rooms.some((room) => value === `room:${room.roomId}`);
}
