import { useState } from "preact/hooks";
import type { RoundView } from "../../../../shared/breakout.js";
import { POLL_QUESTION_MAX, type PollKind, type PollView } from "../../../../shared/poll.js";
import { t } from "../../i18n/index.js";
import { createPoll, openPoll, updatePoll } from "../../net/polls.js";
import { workshopState } from "../../state/workshopState.js";
import { ProblemList } from "../breakout/PlanForm.js";
import { useFocusOnMount } from "../hooks.js";
import { chosenSession } from "../programme/SessionPicker.js";
import { TextField } from "../TextField.js";
import { ChoiceField } from "./builderFields.js";
import { type BuilderForm, type FixedRoom, hasOptions, initialForm } from "./builderForm.js";
import { checkBuilderForm } from "./checkBuilderForm.js";
import { AnswerLength, RatingScale, SelectionLimits } from "./KindFields.js";
import { kindText } from "./model.js";
import { OptionRows } from "./OptionRows.js";
import { PollSettings } from "./PollSettings.js";

const KINDS: readonly PollKind[] = ["single", "multiple", "rating", "text", "ranking"];

type BuilderProps = {
  /** The draft being edited; absent: a new poll. */
  editing?: PollView | undefined;
  /** A room lead's polls can only be for their own room. */
  fixedRoom?: FixedRoom | undefined;
  round: RoundView | null;
  onDone: () => void;
};

/** Make or edit a poll: kind, question, options, settings, where it runs; save as a draft or open it at once. */
export function PollBuilder({ editing, fixedRoom, round, onDone }: BuilderProps) {
  const [form, setForm] = useState<BuilderForm>(() =>
    initialForm(editing?.definition, fixedRoom, workshopState.workshop.peek()?.anonymousByDefault ?? true),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const idPrefix = editing ? `edit-${editing.pollId}` : "new-poll";

  function set<K extends keyof BuilderForm>(key: K, value: BuilderForm[K]) {
    setForm((previous) => ({ ...previous, [key]: value }));
  }

  async function save(open: boolean) {
    if (busy) return;
    const checked = checkBuilderForm({ ...form, sessionId: chosenSession(form.sessionId) });
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
  const part = { form, set, id };

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

      {hasOptions(form.kind) ? <OptionRows form={form} id={id} update={setForm} /> : null}
      {form.kind === "multiple" ? <SelectionLimits {...part} /> : null}
      {form.kind === "rating" ? <RatingScale {...part} /> : null}
      {form.kind === "text" ? <AnswerLength {...part} /> : null}

      <PollSettings {...part} fixedRoom={fixedRoom} round={round} />

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
