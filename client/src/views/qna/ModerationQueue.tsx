import { useRef, useState } from "preact/hooks";
import { type BoardId, QNA_DISMISS_REASON_MAX, type QuestionId, type QuestionView } from "../../../../shared/qna.js";
import { t } from "../../i18n/index.js";
import { approve, claimQuestion, dismiss, pin, restore, setPreModeration } from "../../net/qna.js";
import { qnaState } from "../../state/qnaState.js";
import { type ClientErrorCode, session } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { InlineTextForm, QnaButton } from "./parts.js";
import { CorrectForm, QuestionBody, type ReportError } from "./QuestionItem.js";

type Outcome = { ok: boolean; error?: { code: ClientErrorCode } } | null;

type ModerationQueueProps = {
  boardId: BoardId;
  preModeration: boolean;
  maxLength: number;
  onError: ReportError;
};

/** Pending first (flagged on top), oldest first: the order of the shared moderationQueue. */
function queueOrder(a: QuestionView, b: QuestionView): number {
  return Number(b.flagged) - Number(a.flagged) || a.seq - b.seq;
}

/**
 * What moderators of a board see: the pre-moderation switch, the questions awaiting approval
 * (approve, dismiss with a reason, correct), and the dismissed ones (restore). From the
 * keyboard: A approves, D dismisses, P pins an approved question, J/K move down/up.
 */
export function ModerationQueue({ boardId, preModeration, maxLength, onError }: ModerationQueueProps) {
  const queue = qnaState.queue(boardId);
  /** Approved from the keyboard: it stays in place (focused) so P can pin it at once; J/K move on. */
  const [kept, setKept] = useState<QuestionId | null>(null);
  const [switching, setSwitching] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const keptQuestion = kept ? qnaState.question(kept) : undefined;
  const pending = queue.filter((question) => question.status === "pending");
  if (keptQuestion?.status === "approved" && keptQuestion.boardId === boardId) {
    pending.push(keptQuestion);
    pending.sort(queueOrder);
  }
  const dismissed = queue.filter((question) => question.status === "dismissed");
  const headingId = `qna-queue-heading-${boardId}`;
  const hintId = `qna-queue-hint-${boardId}`;
  const waiting = pending.filter((question) => question.status === "pending").length;

  function items(): HTMLElement[] {
    return [...(sectionRef.current?.querySelectorAll<HTMLElement>("[data-qna-item]") ?? [])];
  }

  function focusItem(questionId: QuestionId | undefined): void {
    if (!questionId) return;
    items()
      .find((element) => element.dataset.qnaItem === questionId)
      ?.focus();
  }

  /** The item to focus when this one leaves the list: the next, else the previous. */
  function neighbourOf(questionId: QuestionId): QuestionId | undefined {
    const ids = pending.map((question) => question.questionId);
    const index = ids.indexOf(questionId);
    return ids[index + 1] ?? ids[index - 1];
  }

  async function run(action: () => Promise<Outcome>): Promise<boolean> {
    onError(null);
    const outcome = await action();
    if (outcome && !outcome.ok && outcome.error) onError(outcome.error.code);
    return outcome?.ok === true;
  }

  async function approveOne(question: QuestionView, fromKeyboard: boolean) {
    const next = neighbourOf(question.questionId);
    // Kept before the answer comes, so the focused item is never taken out of the page meanwhile.
    if (fromKeyboard) setKept(question.questionId);
    const approved = await run(() => approve(question.questionId));
    if (fromKeyboard) {
      if (!approved) setKept(null);
      focusItem(question.questionId);
    } else if (approved) focusItem(next);
  }

  async function dismissOne(question: QuestionView, reason: string) {
    const next = neighbourOf(question.questionId);
    if (!(await run(() => dismiss(question.questionId, reason)))) return false;
    if (kept === question.questionId) setKept(null);
    focusItem(next);
    return true;
  }

  function onKeyDown(event: KeyboardEvent, question: QuestionView) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "k" || key === "arrowdown" || key === "arrowup") {
      event.preventDefault();
      const list = items();
      const index = list.findIndex((element) => element.dataset.qnaItem === question.questionId);
      const step = key === "j" || key === "arrowdown" ? 1 : -1;
      list[index + step]?.focus();
      if (kept === question.questionId && list[index + step]) setKept(null);
      return;
    }
    if (key === "a" && question.status === "pending") {
      event.preventDefault();
      void approveOne(question, true);
    } else if (key === "d" && question.status !== "dismissed") {
      event.preventDefault();
      void dismissOne(question, "");
    } else if (key === "p" && question.status === "approved") {
      event.preventDefault();
      void run(() => pin(boardId, question.pinned ? null : question.questionId));
    }
  }

  return (
    <section class="qna-queue" aria-labelledby={headingId} data-testid="qna-queue" ref={sectionRef}>
      <h3 id={headingId}>{t("qna.queueHeading", { count: waiting })}</h3>
      <label class="qna-switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={preModeration}
          checked={preModeration}
          disabled={switching}
          data-testid="qna-premoderation"
          onChange={async (event) => {
            const wanted = event.currentTarget.checked;
            setSwitching(true);
            await run(() => setPreModeration(boardId, wanted));
            setSwitching(false);
          }}
        />
        <span>{t("qna.preModeration")}</span>
      </label>
      <p class="hint qna-keys" id={hintId} data-testid="qna-queue-hint">
        {t("qna.queueHint")}
      </p>
      {pending.length === 0 ? (
        <p class="muted" data-testid="qna-queue-empty">
          {t("qna.queueEmpty")}
        </p>
      ) : (
        <ul class="qna-list">
          {pending.map((question) => (
            <QueueItem
              key={question.questionId}
              question={question}
              maxLength={maxLength}
              hintId={hintId}
              run={run}
              onKeyDown={onKeyDown}
              onApprove={() => void approveOne(question, false)}
              onDismiss={(reason) => dismissOne(question, reason)}
              onPin={() => void run(() => pin(boardId, question.pinned ? null : question.questionId))}
            />
          ))}
        </ul>
      )}
      {dismissed.length > 0 ? (
        <>
          <h4>{t("qna.dismissedHeading", { count: dismissed.length })}</h4>
          <ul class="qna-list" data-testid="qna-dismissed-list">
            {dismissed.map((question) => (
              <li
                key={question.questionId}
                class="qna-question qna-queue-item qna-dismissed"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable for the queue's keyboard shortcuts (J/K)
                tabIndex={0}
                data-qna-item={question.questionId}
                data-testid="qna-dismissed-item"
                data-question-id={question.questionId}
                data-status={question.status}
                aria-describedby={hintId}
                onKeyDown={(event) => onKeyDown(event, question)}
              >
                <QuestionBody question={question} mine={false} />
                {question.dismissReason ? (
                  <p class="qna-dismiss-note">{t("qna.dismissedNote", { reason: question.dismissReason })}</p>
                ) : null}
                <div class="button-row qna-actions">
                  <QnaButton testId="qna-restore" onClick={() => void run(() => restore(question.questionId))}>
                    {t("qna.restore")}
                  </QnaButton>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

type QueueItemProps = {
  question: QuestionView;
  maxLength: number;
  hintId: string;
  run: (action: () => Promise<Outcome>) => Promise<boolean>;
  onKeyDown: (event: KeyboardEvent, question: QuestionView) => void;
  onApprove: () => void;
  onDismiss: (reason: string) => Promise<boolean>;
  onPin: () => void;
};

/** A question awaiting approval (or just approved from the keyboard), focusable for the shortcuts. */
function QueueItem({ question, maxLength, hintId, run, onKeyDown, onApprove, onDismiss, onPin }: QueueItemProps) {
  const [opened, setOpened] = useState<"dismiss" | "correct" | null>(null);
  const approved = question.status === "approved";
  return (
    <li
      class={`qna-question qna-queue-item${question.flagged ? " qna-flagged" : ""}${approved ? " qna-just-approved" : ""}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable for the queue's keyboard shortcuts (A, D, P, J/K)
      tabIndex={0}
      data-qna-item={question.questionId}
      data-testid="qna-queue-item"
      data-question-id={question.questionId}
      data-status={question.status}
      data-flagged={String(question.flagged)}
      aria-describedby={hintId}
      onKeyDown={(event) => onKeyDown(event, question)}
    >
      {question.flagged ? (
        <p class="qna-flag" data-testid="qna-flagged">
          {t("qna.flagged")}
        </p>
      ) : null}
      {approved ? <p class="qna-own-status">{t("qna.approved")}</p> : null}
      <ClaimLine question={question} run={run} />
      <QuestionBody question={question} mine={false} />
      {opened === null ? (
        <div class="button-row qna-actions">
          {approved ? (
            <QnaButton variant="primary" testId="qna-pin" pressed={question.pinned} onClick={onPin}>
              {question.pinned ? t("qna.unpin") : t("qna.pin")}
            </QnaButton>
          ) : (
            <QnaButton variant="primary" testId="qna-approve" onClick={onApprove}>
              {t("qna.approve")}
            </QnaButton>
          )}
          <QnaButton testId="qna-dismiss" onClick={() => setOpened("dismiss")}>
            {t("qna.dismiss")}
          </QnaButton>
          <QnaButton testId="qna-correct" onClick={() => setOpened("correct")}>
            {t("qna.correct")}
          </QnaButton>
        </div>
      ) : null}
      {opened === "dismiss" ? (
        <InlineTextForm
          id={`qna-queue-dismiss-${question.questionId}`}
          label={t("qna.dismissReasonLabel")}
          max={QNA_DISMISS_REASON_MAX}
          submitLabel={t("qna.dismissConfirm")}
          submitVariant="danger"
          fieldTestId="qna-dismiss-reason"
          submitTestId="qna-dismiss-confirm"
          onSubmit={onDismiss}
          onCancel={() => setOpened(null)}
        />
      ) : null}
      {opened === "correct" ? (
        <CorrectForm question={question} maxLength={maxLength} act={run} onClose={() => setOpened(null)} />
      ) : null}
    </li>
  );
}

/**
 * Who is handling a question awaiting approval ("Rana is handling this"), and the light claim
 * itself: it locks nothing, it tells co-moderators to leave this one to someone.
 */
function ClaimLine({ question, run }: { question: QuestionView; run: QueueItemProps["run"] }) {
  if (question.status !== "pending") return null;
  const myId = session.value?.participantId;
  const claimedBy = question.claimedBy;
  const mine = claimedBy !== undefined && claimedBy === myId;
  const name = claimedBy && !mine ? workshopState.participant(claimedBy)?.displayName : undefined;
  return (
    <p class="qna-claim" data-testid="qna-claim" data-claimed-by={claimedBy ?? ""}>
      {claimedBy ? (
        <span data-testid="qna-claimed-by">
          {mine ? t("console.claimedByMe") : t("console.claimedBy", { name: name ?? t("assign.someone") })}
        </span>
      ) : null}{" "}
      <button
        type="button"
        class="link-button"
        data-testid="qna-claim-toggle"
        onClick={() => void run(() => claimQuestion(question.questionId, !mine))}
      >
        {mine ? t("console.unclaim") : t("console.claim")}
      </button>
    </p>
  );
}
