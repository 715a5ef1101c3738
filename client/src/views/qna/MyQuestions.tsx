import { useState } from "preact/hooks";
import type { QuestionView } from "../../../../shared/qna.js";
import { t } from "../../i18n/index.js";
import { editOwn, withdrawOwn } from "../../net/qna.js";
import type { ClientErrorCode } from "../../state/session.js";
import { ConfirmRow, InlineTextForm, QnaButton } from "./parts.js";
import { QuestionBody, type ReportError } from "./QuestionItem.js";

type MyQuestionsProps = { questions: readonly QuestionView[]; maxLength: number; onError: ReportError };

/**
 * The viewer's own questions nobody else sees: awaiting approval (editable, deletable) or
 * dismissed (with the moderator's reason; deletable). Published ones are in the list, marked as
 * theirs, and deletable there.
 */
export function MyQuestions({ questions, maxLength, onError }: MyQuestionsProps) {
  const shown = questions.filter((question) => question.status === "pending" || question.status === "dismissed");
  if (shown.length === 0) return null;
  const headingId = `qna-mine-${shown[0]?.boardId ?? "board"}`;
  return (
    <section class="qna-mine" aria-labelledby={headingId} data-testid="qna-mine">
      <h3 id={headingId}>{t("qna.mineHeading")}</h3>
      <ul class="qna-list">
        {shown.map((question) => (
          <MyQuestion key={question.questionId} question={question} maxLength={maxLength} onError={onError} />
        ))}
      </ul>
    </section>
  );
}

function MyQuestion({
  question,
  maxLength,
  onError,
}: {
  question: QuestionView;
  maxLength: number;
  onError: ReportError;
}) {
  const [opened, setOpened] = useState<"edit" | "withdraw" | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = question.status === "pending";

  async function act(action: () => Promise<{ ok: boolean; error?: { code: ClientErrorCode } } | null>) {
    setBusy(true);
    onError(null);
    const outcome = await action();
    setBusy(false);
    if (outcome && !outcome.ok && outcome.error) onError(outcome.error.code);
    return outcome?.ok === true;
  }

  return (
    <li
      class={`qna-question qna-own qna-own-${question.status}`}
      data-testid={pending ? "qna-awaiting" : "qna-own-dismissed"}
      data-question-id={question.questionId}
      data-status={question.status}
    >
      <p class={`qna-own-status${pending ? "" : " qna-own-status-dismissed"}`}>
        {pending ? t("qna.awaiting") : t("qna.notPublished")}
      </p>
      <QuestionBody question={question} mine={false} />
      {!pending && question.dismissReason ? (
        <p class="qna-dismiss-note" data-testid="qna-dismiss-note">
          {t("qna.dismissedNote", { reason: question.dismissReason })}
        </p>
      ) : null}
      {opened === null ? (
        <div class="button-row qna-actions">
          {pending ? (
            <QnaButton testId="qna-edit" disabled={busy} onClick={() => setOpened("edit")}>
              {t("qna.edit")}
            </QnaButton>
          ) : null}
          <QnaButton
            testId="qna-withdraw"
            label={t("qna.withdrawLabel", { text: question.text })}
            disabled={busy}
            onClick={() => setOpened("withdraw")}
          >
            {t("qna.withdraw")}
          </QnaButton>
        </div>
      ) : null}
      {opened === "edit" ? (
        <InlineTextForm
          id={`qna-edit-${question.questionId}`}
          label={t("qna.editLabel")}
          initial={question.text}
          max={maxLength}
          required
          submitLabel={t("qna.save")}
          fieldTestId="qna-edit-text"
          submitTestId="qna-edit-save"
          onSubmit={(text) => act(() => editOwn(question.questionId, text))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
      {opened === "withdraw" ? (
        <ConfirmRow
          question={t("qna.withdrawQuestion")}
          confirmLabel={t("qna.withdrawConfirm")}
          confirmTestId="qna-withdraw-confirm"
          busy={busy}
          onConfirm={() => void act(() => withdrawOwn(question.questionId))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
    </li>
  );
}
