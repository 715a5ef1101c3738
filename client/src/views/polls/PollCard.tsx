import { useState } from "preact/hooks";
import type { RoundView } from "../../../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../../../shared/ids.js";
import type { Ballot, PollResultsVisibility, PollView } from "../../../../shared/poll.js";
import type { Role } from "../../../../shared/workshop.js";
import { errorMessage, type MessageKey, t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import {
  closePoll,
  deletePoll,
  duplicatePoll,
  type ExportFormat,
  exportPoll,
  openPoll,
  retractVote,
  vote,
} from "../../net/polls.js";
import { formatDuration, serverNow } from "../../state/clock.js";
import { contentNoteChoice } from "../../state/contentNotes.js";
import type { ClientErrorCode } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { ContentNoteGate } from "../ContentNoteGate.js";
import { useFocusOnMount } from "../hooks.js";
import { SmallButton } from "./buttons.js";
import { canVoteIn, describeBallot, isPollManager, kindText, maySeeResults, scopeText } from "./model.js";
import { Participation, Results } from "./Results.js";
import { VoteForm } from "./VoteForm.js";

const statusText: Record<PollView["status"], MessageKey> = {
  draft: "poll.statusDraft",
  open: "poll.statusOpen",
  closed: "poll.statusClosed",
};

type PollCardProps = {
  poll: PollView;
  myId: ParticipantId;
  role: Role | null;
  round: RoundView | null;
  myRoomId: RoomId | null;
  onEdit: (poll: PollView) => void;
};

/** One poll: what it asks, its state, the vote, the results, and its managers' controls. */
export function PollCard({ poll, myId, role, round, myRoomId, onEdit }: PollCardProps) {
  const { definition } = poll;
  const manager = isPollManager(poll, role, myId, round);
  const headingId = `poll-q-${poll.pollId}`;
  const canExport = (role === "facilitator" || role === "note-taker") && poll.status !== "draft";
  const contentKey = `poll:${poll.pollId}`;
  // Behind its content note the question is not shown, so it cannot name the card.
  const gated = !manager && definition.contentNote !== undefined && contentNoteChoice(contentKey) !== "shown";
  return (
    <article
      class={`poll-card poll-${poll.status}`}
      aria-labelledby={gated ? undefined : headingId}
      aria-label={gated ? t("poll.withContentNote") : undefined}
      data-testid="poll-card"
      data-poll-id={poll.pollId}
      data-status={poll.status}
      data-kind={definition.kind}
    >
      <div class="poll-head">
        <p class="poll-kicker">
          <span class={`badge poll-status poll-status-${poll.status}`} data-testid="poll-status">
            {t(statusText[poll.status])}
          </span>
          <span>{t(kindText[definition.kind])}</span>
          <span>{scopeText(poll, round)}</span>
          {definition.anonymous ? (
            <span class="badge" data-testid="poll-anonymous-badge">
              {t("poll.anonymousBadge")}
            </span>
          ) : null}
        </p>
        {poll.status === "open" && poll.closesAt !== null ? <PollCountdown closesAt={poll.closesAt} /> : null}
      </div>
      {/* Its managers wrote the note and see everything; anyone else reads the note before the question. */}
      <ContentNoteGate
        note={manager ? undefined : definition.contentNote}
        contentKey={contentKey}
        testId="poll-content-note"
      >
        {manager && definition.contentNote ? (
          <p class="content-note content-note-shown" data-testid="poll-content-note-managed">
            <span class="content-note-label">{t("contentNote.label")}</span> {definition.contentNote}
          </p>
        ) : null}
        <h3 id={headingId} class="poll-question" data-testid="poll-question-text" tabIndex={-1} dir="auto">
          {definition.question}
        </h3>
        {poll.status !== "draft" ? <BallotMode anonymous={definition.anonymous} /> : null}
        {poll.status === "draft" ? <p class="muted">{t("poll.draftNote")}</p> : null}
        {manager ? <ManagerControls poll={poll} onEdit={onEdit} /> : null}
        {poll.status === "draft" ? null : (
          <VoteArea poll={poll} mayVote={canVoteIn(poll, myRoomId)} facilitator={role === "facilitator"} />
        )}
        {poll.status === "draft" ? null : <ResultsArea poll={poll} manager={manager} round={round} />}
        {canExport ? <ExportButtons poll={poll} /> : null}
      </ContentNoteGate>
    </article>
  );
}

/** Which kind of ballot this poll keeps, always said in words on the card. */
function BallotMode({ anonymous }: { anonymous: boolean }) {
  return (
    <p
      class={`hint poll-ballot-mode poll-ballot-${anonymous ? "anonymous" : "named"}`}
      data-testid="poll-ballot-mode"
      data-mode={anonymous ? "anonymous" : "named"}
    >
      {anonymous ? t("poll.ballotAnonymous") : t("poll.ballotNamed")}
    </p>
  );
}

/** "Closes in 0:42", by the server's clock. Ticks silently (role="timer"). */
function PollCountdown({ closesAt }: { closesAt: number }) {
  const left = closesAt - serverNow.value;
  return (
    <p class="poll-countdown">
      {left > 0
        ? tSlots("poll.closesIn", {
            time: (
              <span class="time-left" role="timer" data-testid="poll-countdown" data-warning={left <= 10_000}>
                {formatDuration(left)}
              </span>
            ),
          })
        : t("poll.closingNow")}
    </p>
  );
}

function ManagerControls({ poll, onEdit }: { poll: PollView; onEdit: (poll: PollView) => void }) {
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    await action();
    setBusy(false);
  }

  async function duplicate() {
    setBusy(true);
    const outcome = await duplicatePoll(poll.pollId);
    setBusy(false);
    // The copy is a draft: open it in the builder at once, to adjust and open.
    if (outcome?.ok) onEdit(outcome.data);
  }

  const { question } = poll.definition;
  return (
    <div class="button-row poll-controls">
      {poll.status === "draft" ? (
        <>
          <SmallButton
            variant="primary"
            testId="poll-open"
            disabled={busy}
            onClick={() => void act(() => openPoll(poll.pollId))}
          >
            {t("poll.open")}
          </SmallButton>
          <SmallButton
            testId="poll-edit"
            label={t("poll.editLabel", { question })}
            disabled={busy}
            onClick={() => onEdit(poll)}
          >
            {t("poll.edit")}
          </SmallButton>
          {confirmDelete ? (
            <DeleteConfirm
              busy={busy}
              onConfirm={() => void act(() => deletePoll(poll.pollId))}
              onCancel={() => setConfirmDelete(false)}
            />
          ) : (
            <SmallButton
              testId="poll-delete"
              label={t("poll.deleteLabel", { question })}
              disabled={busy}
              onClick={() => setConfirmDelete(true)}
            >
              {t("poll.delete")}
            </SmallButton>
          )}
        </>
      ) : null}
      {poll.status === "open" ? (
        <SmallButton
          variant="primary"
          testId="poll-close"
          disabled={busy}
          onClick={() => void act(() => closePoll(poll.pollId))}
        >
          {t("poll.close")}
        </SmallButton>
      ) : null}
      {poll.status === "closed" ? (
        <SmallButton testId="poll-reopen" disabled={busy} onClick={() => void act(() => openPoll(poll.pollId))}>
          {t("poll.reopen")}
        </SmallButton>
      ) : null}
      {poll.status !== "draft" ? (
        <SmallButton
          testId="poll-duplicate"
          label={t("poll.duplicateLabel", { question })}
          disabled={busy}
          onClick={() => void duplicate()}
        >
          {t("poll.duplicate")}
        </SmallButton>
      ) : null}
    </div>
  );
}

function DeleteConfirm({ busy, onConfirm, onCancel }: { busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <fieldset class="confirm-row">
      <legend>{t("poll.deleteQuestion")}</legend>
      <SmallButton variant="danger" testId="poll-delete-confirm" disabled={busy} onClick={onConfirm}>
        {t("poll.deleteConfirm")}
      </SmallButton>
      <button type="button" class="button small secondary" ref={cancelRef} onClick={onCancel}>
        {t("workshop.cancel")}
      </button>
    </fieldset>
  );
}

type VoteAreaProps = { poll: PollView; mayVote: boolean; facilitator: boolean };

/**
 * The form while the viewer has not voted (or changes their vote); "Your vote: …" after, with
 * "Take back my vote" (open or closed poll), confirmed first.
 */
function VoteArea({ poll, mayVote, facilitator }: VoteAreaProps) {
  const ballot = workshopState.myBallots.value.get(poll.pollId);
  const retracted = workshopState.retracted.value.has(poll.pollId);
  const [changing, setChanging] = useState(false);
  const [retracting, setRetracting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState("");
  const open = poll.status === "open";
  const final = !poll.definition.allowVoteChange;

  async function retract() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const outcome = await retractVote(poll.pollId);
    setBusy(false);
    setRetracting(false);
    if (outcome?.ok) {
      setStatus(t("vote.retracted"));
      // The controls that had focus are gone: the poll's question takes it, so keyboard users stay on the card.
      document.getElementById(`poll-q-${poll.pollId}`)?.focus();
    } else if (outcome) setError(outcome.error.code);
  }

  async function submit(next: Ballot) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus("");
    const outcome = await vote(poll.pollId, next);
    setBusy(false);
    if (outcome?.ok) setChanging(false);
    else if (outcome) setError(outcome.error.code);
  }

  const errorLine = (
    <>
      <p class="form-error" role="alert" data-testid="vote-error" hidden={error === null}>
        {error === null ? "" : errorMessage(error)}
      </p>
      <p class="vote-status" role="status" data-testid="vote-status">
        {status}
      </p>
    </>
  );

  if (ballot && !changing) {
    return (
      <div class="vote-area">
        <p class="my-vote" data-testid="my-vote">
          <strong>{t("vote.yourVote")}</strong>{" "}
          <span class="my-vote-text">{describeBallot(poll.definition, ballot)}</span>
        </p>
        {open && poll.definition.allowVoteChange ? (
          <SmallButton
            testId="vote-change"
            onClick={() => {
              setError(null);
              setChanging(true);
            }}
          >
            {t("vote.change")}
          </SmallButton>
        ) : null}
        {open && !poll.definition.allowVoteChange ? <p class="hint">{t("vote.final")}</p> : null}
        {retracting ? (
          <RetractConfirm
            poll={poll}
            busy={busy}
            onConfirm={() => void retract()}
            onCancel={() => setRetracting(false)}
          />
        ) : (
          <SmallButton
            testId="vote-retract"
            label={t("vote.retractLabel", { question: poll.definition.question })}
            disabled={busy}
            onClick={() => {
              setError(null);
              setStatus("");
              setRetracting(true);
            }}
          >
            {t("vote.retract")}
          </SmallButton>
        )}
        {errorLine}
      </div>
    );
  }
  // Taken back in a poll that takes no second vote: say so rather than offer a form that would be refused.
  if (retracted && final) {
    return (
      <div class="vote-area">
        <p class="muted" data-testid="vote-retracted-final">
          {t("vote.retractedFinal")}
        </p>
        {errorLine}
      </div>
    );
  }
  if (!open || !mayVote) {
    return (
      <div class="vote-area">
        {poll.status === "closed" && mayVote ? (
          <p class="muted" data-testid="poll-closed-note">
            {t("vote.closed")}
          </p>
        ) : null}
        {open && !mayVote ? <p class="muted">{t("vote.notYourRoom")}</p> : null}
        {errorLine}
      </div>
    );
  }
  const form = (
    <VoteForm
      poll={poll}
      initial={ballot}
      busy={busy}
      onSubmit={(next) => void submit(next)}
      onCancel={changing ? () => setChanging(false) : undefined}
    />
  );
  return (
    <div class="vote-area">
      {facilitator && !changing ? (
        <details class="subsection" data-testid="vote-yourself">
          <summary>{t("vote.yourself")}</summary>
          {form}
        </details>
      ) : (
        form
      )}
      {errorLine}
    </div>
  );
}

/** "Take back your vote?", saying when that means no vote again; the harmless choice is focused. */
function RetractConfirm({
  poll,
  busy,
  onConfirm,
  onCancel,
}: {
  poll: PollView;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  const consequence = !poll.definition.allowVoteChange
    ? t("vote.retractFinal")
    : poll.status === "closed"
      ? t("vote.retractClosed")
      : null;
  const consequenceId = `vote-retract-consequence-${poll.pollId}`;
  return (
    <fieldset
      class="confirm-row"
      data-testid="vote-retract-confirm-row"
      aria-describedby={consequence ? consequenceId : undefined}
    >
      <legend>{t("vote.retractQuestion")}</legend>
      {consequence ? (
        <p class="retract-consequence" id={consequenceId} data-testid="vote-retract-consequence">
          {consequence}
        </p>
      ) : null}
      <SmallButton variant="danger" testId="vote-retract-confirm" disabled={busy} onClick={onConfirm}>
        {t("vote.retractConfirm")}
      </SmallButton>
      <button type="button" class="button small secondary" ref={cancelRef} onClick={onCancel}>
        {t("workshop.cancel")}
      </button>
    </fieldset>
  );
}

/** Why a viewer sees no results yet, per visibility setting ("live" results are never hidden from who sees the poll). */
const hiddenResultsText: Record<PollResultsVisibility, MessageKey> = {
  live: "results.afterClose",
  afterVoting: "results.afterVoting",
  afterClose: "results.afterClose",
  facilitatorsOnly: "results.facilitatorsOnly",
};

function ResultsArea({ poll, manager, round }: { poll: PollView; manager: boolean; round: RoundView | null }) {
  const update = workshopState.pollResults.value.get(poll.pollId);
  const tookBack = workshopState.retracted.value.has(poll.pollId);
  const voted = workshopState.myBallots.value.has(poll.pollId) || (update !== undefined && !tookBack);
  if (!maySeeResults(poll, manager, voted)) {
    const key: MessageKey = hiddenResultsText[poll.definition.resultsVisibility];
    return (
      <p class="muted results-note" data-testid="poll-results-hidden">
        {t(key)}
      </p>
    );
  }
  if (!update) {
    return (
      <>
        {manager ? <Participation poll={poll} voters={0} /> : null}
        <p class="muted results-note" data-testid="poll-results-waiting">
          {t("results.none")}
        </p>
      </>
    );
  }
  return <Results poll={poll} results={update.results} manager={manager} round={round} />;
}

function ExportButtons({ poll }: { poll: PollView }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  async function download(format: ExportFormat) {
    setBusy(format);
    setError(null);
    const outcome = await exportPoll(poll.pollId, format);
    setBusy(null);
    if (!outcome.ok) setError(outcome.code);
  }

  return (
    <div class="poll-export">
      <div class="button-row">
        <SmallButton
          testId="poll-export-csv"
          label={t("poll.exportCsvLabel", { question: poll.definition.question })}
          disabled={busy !== null}
          onClick={() => void download("csv")}
        >
          {t("poll.exportCsv")}
        </SmallButton>
        <SmallButton
          testId="poll-export-json"
          label={t("poll.exportJsonLabel", { question: poll.definition.question })}
          disabled={busy !== null}
          onClick={() => void download("json")}
        >
          {t("poll.exportJson")}
        </SmallButton>
      </div>
      <p class="form-error" role="alert" data-testid="poll-export-error" hidden={error === null}>
        {error === null ? "" : errorMessage(error)}
      </p>
    </div>
  );
}
