import { useEffect, useRef, useState } from "preact/hooks";
import type { ParticipantId } from "../../../../shared/ids.js";
import type { BoardId, QuestionId, QuestionView } from "../../../../shared/qna.js";
import { moderatesBoard } from "../../../../shared/qnaRules.js";
import type { QnaSort } from "../../../../shared/qnaState.js";
import { errorMessage, t } from "../../i18n/index.js";
import type { ExportFormat } from "../../net/download.js";
import { exportQna } from "../../net/qna.js";
import { myRole } from "../../state/myRole.js";
import { qnaState } from "../../state/qnaState.js";
import type { ClientErrorCode } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { AskBox } from "./AskBox.js";
import { ModerationQueue } from "./ModerationQueue.js";
import { MyQuestions } from "./MyQuestions.js";
import { QnaButton } from "./parts.js";
import { QuestionItem, type ReportError } from "./QuestionItem.js";

/** The server's default (QNA_QUESTION_MAX) until the board's settings arrive. */
const DEFAULT_MAX_LENGTH = 500;

type Tab = "open" | "answered";

/**
 * Q&A of one board (the plenary's, or a room's): ask, the viewer's own questions, the list
 * (open or answered, top or recent, the pinned one on top), and for moderators the queue.
 */
export function QnaPanel({ boardId, myId, title }: { boardId: BoardId; myId: ParticipantId; title?: string }) {
  const role = myRole.value;
  const round = workshopState.round.value;
  const [tab, setTab] = useState<Tab>("open");
  const [sort, setSort] = useState<QnaSort>("top");
  const [error, setError] = useState<{ code: ClientErrorCode; kind?: "vote" } | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ open: null, answered: null });
  const settings = qnaState.settings(boardId);
  const canModerate = role !== null && moderatesBoard({ participantId: myId, role }, boardId, round);
  const canExport = role === "facilitator" || role === "note-taker";
  const maxLength = settings?.maxLength ?? DEFAULT_MAX_LENGTH;
  const openList = qnaState.open(boardId, sort);
  const answeredList = qnaState.answered(boardId);
  const shown = tab === "open" ? openList : answeredList;
  const mine = qnaState.mineOn(boardId);
  const upvoted = qnaState.upvoted.value;
  const ids = `qna-${boardId}`;
  const announcement = useAnnouncement(openList, mine);

  const report: ReportError = (code, kind) => setError(code === null ? null : kind ? { code, kind } : { code });

  function selectTab(next: Tab) {
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  function tabKeys(event: KeyboardEvent) {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft" || event.key === "Home" || event.key === "End") {
      event.preventDefault();
      if (event.key === "Home") selectTab("open");
      else if (event.key === "End") selectTab("answered");
      else selectTab(tab === "open" ? "answered" : "open");
    }
  }

  const errorText =
    error === null
      ? ""
      : error.code === "RATE_LIMITED"
        ? error.kind === "vote"
          ? t("qna.rateVote")
          : errorMessage(error.code)
        : errorMessage(error.code);

  return (
    <section
      class="panel qna"
      aria-labelledby={`${ids}-heading`}
      data-testid="qna-panel"
      data-board-id={boardId}
      aria-busy={settings === undefined}
    >
      <div class="section-head">
        <h2 id={`${ids}-heading`}>{title ?? t("qna.heading")}</h2>
      </div>
      {/* Always in the page, so a screen reader hears what is being answered and what became of one's question. */}
      <p class="visually-hidden" role="status" data-testid="qna-announcer">
        {announcement}
      </p>
      {settings === undefined ? (
        <p class="muted" role="status">
          {t("qna.loading")}
        </p>
      ) : null}
      <AskBox boardId={boardId} maxLength={maxLength} preModeration={settings?.preModeration ?? true} />
      <MyQuestions questions={mine} maxLength={maxLength} onError={report} />
      <p class="form-error" role="alert" data-testid="qna-error" hidden={error === null}>
        {errorText}
      </p>
      {canModerate ? (
        <ModerationQueue
          boardId={boardId}
          preModeration={settings?.preModeration ?? true}
          maxLength={maxLength}
          onError={report}
        />
      ) : null}
      <div class="qna-toolbar">
        <div class="qna-tabs" role="tablist" aria-label={t("qna.tabsLabel")}>
          {(["open", "answered"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${ids}-tab-${name}`}
              class="qna-tab"
              aria-selected={tab === name}
              aria-controls={`${ids}-tabpanel`}
              tabIndex={tab === name ? 0 : -1}
              data-testid={name === "open" ? "qna-tab-open" : "qna-tab-answered"}
              ref={(element) => {
                tabRefs.current[name] = element;
              }}
              onClick={() => setTab(name)}
              onKeyDown={tabKeys}
            >
              {name === "open"
                ? t("qna.tabOpen", { count: openList.length })
                : t("qna.tabAnswered", { count: answeredList.length })}
            </button>
          ))}
        </div>
        {tab === "open" ? (
          // biome-ignore lint/a11y/useSemanticElements: a group of two toggle buttons, not a form's fieldset
          <div class="qna-sort" role="group" aria-label={t("qna.sortLabel")}>
            <span class="qna-sort-label" aria-hidden="true">
              {t("qna.sortLabel")}
            </span>
            <QnaButton testId="qna-sort-top" pressed={sort === "top"} onClick={() => setSort("top")}>
              {t("qna.sortTop")}
            </QnaButton>
            <QnaButton testId="qna-sort-recent" pressed={sort === "recent"} onClick={() => setSort("recent")}>
              {t("qna.sortRecent")}
            </QnaButton>
          </div>
        ) : null}
      </div>
      <div
        id={`${ids}-tabpanel`}
        role="tabpanel"
        aria-labelledby={`${ids}-tab-${tab}`}
        data-testid="qna-tabpanel"
        data-tab={tab}
      >
        {shown.length === 0 ? (
          <p class="muted" data-testid="qna-empty">
            {tab === "open" ? t("qna.noOpen") : t("qna.noAnswered")}
          </p>
        ) : null}
        <ul class="qna-list" data-testid="qna-list" data-tab={tab}>
          {shown.map((question) => (
            <QuestionItem
              key={question.questionId}
              question={question}
              maxLength={maxLength}
              canModerate={canModerate}
              mine={qnaState.isMine(question.questionId)}
              upvoted={upvoted.has(question.questionId)}
              onError={report}
            />
          ))}
        </ul>
      </div>
      {canExport ? <ExportButtons boardId={boardId} /> : null}
    </section>
  );
}

/**
 * "Now answering: …" when a moderator pins a question; "Your question was approved / answered /
 * not published: …" when one's own question moves. Nothing for what was there on arrival.
 */
function useAnnouncement(open: readonly QuestionView[], mine: readonly QuestionView[]): string {
  const seen = useRef<{ pinned: QuestionId | null; mine: Map<QuestionId, QuestionView["status"]> } | null>(null);
  const [message, setMessage] = useState("");
  const pinned = open.find((question) => question.pinned) ?? null;
  useEffect(() => {
    const previous = seen.current;
    seen.current = {
      pinned: pinned?.questionId ?? null,
      mine: new Map(mine.map((question) => [question.questionId, question.status])),
    };
    if (previous === null) return;
    const moved = mine.find((question) => {
      const before = previous.mine.get(question.questionId);
      return before !== undefined && before !== question.status;
    });
    if (moved?.status === "approved") setMessage(t("qna.announceApproved", { text: moved.text }));
    else if (moved?.status === "answered") setMessage(t("qna.announceAnswered", { text: moved.text }));
    else if (moved?.status === "dismissed") setMessage(t("qna.announceDismissed", { text: moved.text }));
    else if (pinned && pinned.questionId !== previous.pinned)
      setMessage(t("qna.announcePinned", { text: pinned.text }));
  });
  return message;
}

function ExportButtons({ boardId }: { boardId: BoardId }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  async function download(format: ExportFormat) {
    setBusy(format);
    setError(null);
    const outcome = await exportQna(boardId, format);
    setBusy(null);
    if (!outcome.ok) setError(outcome.code);
  }

  return (
    <div class="qna-export">
      <p class="hint">{t("qna.exportHint")}</p>
      <div class="button-row">
        <QnaButton testId="qna-export-csv" disabled={busy !== null} onClick={() => void download("csv")}>
          {t("qna.exportCsv")}
        </QnaButton>
        <QnaButton testId="qna-export-json" disabled={busy !== null} onClick={() => void download("json")}>
          {t("qna.exportJson")}
        </QnaButton>
      </div>
      <p class="form-error" role="alert" data-testid="qna-export-error" hidden={error === null}>
        {error === null ? "" : errorMessage(error)}
      </p>
    </div>
  );
}
