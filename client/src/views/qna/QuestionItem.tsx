import { useState } from "preact/hooks";
import { QNA_DISMISS_REASON_MAX, QNA_REPLY_MAX, type QuestionView } from "../../../../shared/qna.js";
import { formatNumber, t } from "../../i18n/index.js";
import { correct, dismiss, markAnswered, pin, setReply, upvote, withdrawOwn } from "../../net/qna.js";
import type { ClientErrorCode } from "../../state/session.js";
import { ConfirmRow, InlineTextForm, QnaButton } from "./parts.js";

export type ReportError = (code: ClientErrorCode | null, kind?: "vote") => void;

/** Who asked: the name given when asking, or "Anonymous" (the server keeps no author for those). */
export function authorText(question: QuestionView): string {
  return question.anonymous || question.authorName === null ? t("qna.anonymous") : question.authorName;
}

export function votesText(votes: number): string {
  return t("qna.votes", { count: votes });
}

/** The text, who asked, "edited"; always rendered as text, never as HTML. */
export function QuestionBody({ question, mine }: { question: QuestionView; mine: boolean }) {
  return (
    <>
      <p class="qna-text" id={`qna-text-${question.questionId}`} data-testid="qna-question-text" dir="auto">
        {question.text}
      </p>
      <p class="qna-meta">
        <span data-testid="qna-question-author">{authorText(question)}</span>
        {question.edited ? (
          <span class="badge" data-testid="qna-edited" title={t("qna.editedTitle")}>
            {t("qna.edited")}
          </span>
        ) : null}
        {mine ? (
          <span class="badge badge-you" data-testid="qna-yours">
            {t("qna.yours")}
          </span>
        ) : null}
      </p>
    </>
  );
}

type QuestionItemProps = {
  question: QuestionView;
  maxLength: number;
  canModerate: boolean;
  mine: boolean;
  upvoted: boolean;
  onError: ReportError;
};

type Opened = "answer" | "reply" | "correct" | "dismiss" | "withdraw" | null;

/** One approved or answered question in the public list: votes, reply, and the moderators' actions. */
export function QuestionItem({ question, maxLength, canModerate, mine, upvoted, onError }: QuestionItemProps) {
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<Opened>(null);
  const { questionId } = question;
  const open = question.status === "approved";

  async function act(action: () => Promise<{ ok: boolean; error?: { code: ClientErrorCode } } | null>, kind?: "vote") {
    setBusy(true);
    onError(null);
    const outcome = await action();
    setBusy(false);
    if (outcome && !outcome.ok && outcome.error) onError(outcome.error.code, kind);
    return outcome?.ok === true;
  }

  return (
    <li
      class={`qna-question${question.pinned ? " qna-pinned" : ""}`}
      data-testid="qna-question"
      data-question-id={questionId}
      data-status={question.status}
      data-votes={question.votes}
      data-pinned={String(question.pinned)}
      data-mine={String(mine)}
    >
      {question.pinned ? (
        <p class="qna-now" data-testid="qna-now-answering">
          {t("qna.nowAnswering")}
        </p>
      ) : null}
      <div class="qna-question-row">
        <div class="qna-vote">
          {open ? (
            <button
              type="button"
              class="qna-upvote"
              data-testid="qna-upvote"
              aria-pressed={upvoted}
              aria-label={t("qna.upvoteLabel", { votes: votesText(question.votes) })}
              aria-describedby={`qna-text-${questionId}`}
              disabled={busy}
              onClick={() => void act(() => upvote(questionId, !upvoted), "vote")}
            >
              <span aria-hidden="true">▲</span>
              <span class="qna-votes" data-testid="qna-votes">
                {formatNumber(question.votes)}
              </span>
            </button>
          ) : (
            <span class="qna-votes-static" title={votesText(question.votes)}>
              <span class="visually-hidden">{votesText(question.votes)}</span>
              <span aria-hidden="true" class="qna-votes" data-testid="qna-votes">
                {formatNumber(question.votes)}
              </span>
            </span>
          )}
        </div>
        <div class="qna-question-main">
          <QuestionBody question={question} mine={mine} />
          {question.reply ? (
            <p class="qna-reply" data-testid="qna-question-reply">
              <strong>{t("qna.replyPrefix")}</strong> <span class="qna-reply-text">{question.reply}</span>
            </p>
          ) : null}
        </div>
      </div>
      {canModerate || mine ? (
        <div class="button-row qna-actions">
          {canModerate && open ? (
            <QnaButton
              variant={question.pinned ? "secondary" : "primary"}
              testId="qna-pin"
              pressed={question.pinned}
              disabled={busy}
              onClick={() => void act(() => pin(question.boardId, question.pinned ? null : questionId))}
            >
              {question.pinned ? t("qna.unpin") : t("qna.pin")}
            </QnaButton>
          ) : null}
          {canModerate && open ? (
            <QnaButton testId="qna-answer" disabled={busy} onClick={() => setOpened("answer")}>
              {t("qna.answer")}
            </QnaButton>
          ) : null}
          {canModerate ? (
            <QnaButton testId="qna-reply" disabled={busy} onClick={() => setOpened("reply")}>
              {t("qna.reply")}
            </QnaButton>
          ) : null}
          {canModerate ? (
            <QnaButton testId="qna-correct" disabled={busy} onClick={() => setOpened("correct")}>
              {t("qna.correct")}
            </QnaButton>
          ) : null}
          {canModerate ? (
            <QnaButton testId="qna-dismiss" disabled={busy} onClick={() => setOpened("dismiss")}>
              {t("qna.dismiss")}
            </QnaButton>
          ) : null}
          {mine ? (
            <QnaButton
              testId="qna-withdraw"
              label={t("qna.withdrawLabel", { text: question.text })}
              disabled={busy}
              onClick={() => setOpened("withdraw")}
            >
              {t("qna.withdraw")}
            </QnaButton>
          ) : null}
        </div>
      ) : null}
      {opened === "answer" ? (
        <InlineTextForm
          id={`qna-answer-${questionId}`}
          label={t("qna.answerReplyLabel")}
          initial={question.reply ?? ""}
          max={QNA_REPLY_MAX}
          submitLabel={t("qna.answer")}
          fieldTestId="qna-answer-reply"
          submitTestId="qna-answer-confirm"
          onSubmit={(reply) => act(() => markAnswered(questionId, reply))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
      {opened === "reply" ? (
        <InlineTextForm
          id={`qna-reply-${questionId}`}
          label={t("qna.replyLabel")}
          initial={question.reply ?? ""}
          max={QNA_REPLY_MAX}
          submitLabel={t("qna.saveReply")}
          fieldTestId="qna-reply-text"
          submitTestId="qna-reply-save"
          onSubmit={(reply) => act(() => setReply(questionId, reply))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
      {opened === "correct" ? (
        <CorrectForm question={question} maxLength={maxLength} act={act} onClose={() => setOpened(null)} />
      ) : null}
      {opened === "dismiss" ? (
        <InlineTextForm
          id={`qna-dismiss-${questionId}`}
          label={t("qna.dismissReasonLabel")}
          max={QNA_DISMISS_REASON_MAX}
          submitLabel={t("qna.dismissConfirm")}
          submitVariant="danger"
          fieldTestId="qna-dismiss-reason"
          submitTestId="qna-dismiss-confirm"
          onSubmit={(reason) => act(() => dismiss(questionId, reason))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
      {opened === "withdraw" ? (
        <ConfirmRow
          question={t("qna.withdrawQuestion")}
          confirmLabel={t("qna.withdrawConfirm")}
          confirmTestId="qna-withdraw-confirm"
          busy={busy}
          onConfirm={() => void act(() => withdrawOwn(questionId))}
          onCancel={() => setOpened(null)}
        />
      ) : null}
    </li>
  );
}

type Act = (action: () => Promise<{ ok: boolean; error?: { code: ClientErrorCode } } | null>) => Promise<boolean>;

/** A moderator corrects a typo: the question then shows "edited". */
export function CorrectForm({
  question,
  maxLength,
  act,
  onClose,
}: {
  question: QuestionView;
  maxLength: number;
  act: Act;
  onClose: () => void;
}) {
  return (
    <InlineTextForm
      id={`qna-correct-${question.questionId}`}
      label={t("qna.correctLabel")}
      initial={question.text}
      max={maxLength}
      required
      submitLabel={t("qna.saveText")}
      fieldTestId="qna-correct-text"
      submitTestId="qna-correct-save"
      onSubmit={(text) => act(() => correct(question.questionId, text))}
      onCancel={onClose}
    />
  );
}
