import { useState } from "preact/hooks";
import type { RoundStatus, RoundView } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { endRound, extendRound, openRound } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { useFocusOnMount } from "../hooks.js";
import { AssignPanel } from "./AssignPanel.js";
import { BroadcastBox } from "./BroadcastBox.js";
import { Dashboard } from "./Dashboard.js";
import { HelpQueue } from "./HelpQueue.js";
import { isRunning } from "./model.js";
import { PlanForm } from "./PlanForm.js";
import { TimeLeft } from "./Timer.js";

const EXTEND_SECONDS = 5 * 60;

const statusText: Record<RoundStatus, MessageKey> = {
  planned: "round.statusPlanned",
  open: "round.statusOpen",
  closing: "round.statusClosing",
  closed: "round.statusClosed",
};

/** The facilitators' breakout panel: plan, assign, run and watch a round. */
export function BreakoutPanel({ myId }: { myId: ParticipantId }) {
  const round = workshopState.round.value;
  const [planning, setPlanning] = useState(false);
  const planVisible = !round || planning;
  return (
    <section class="breakout panel" aria-labelledby="breakout-heading" data-testid="breakout-panel">
      <h2 id="breakout-heading">{t("breakout.heading")}</h2>
      {round ? <RoundBar round={round} /> : <p class="muted">{t("breakout.noRound")}</p>}
      {round?.status === "closed" && !planning ? (
        <p>
          <button
            type="button"
            class="button primary"
            data-testid="breakout-plan-new"
            onClick={() => setPlanning(true)}
          >
            {t("breakout.planNext", { number: round.number + 1 })}
          </button>
        </p>
      ) : null}
      {planVisible && (!round || round.status === "closed") ? <PlanForm onPlanned={() => setPlanning(false)} /> : null}
      {isRunning(round) ? <HelpQueue round={round} /> : null}
      {isRunning(round) ? <BroadcastBox round={round} /> : null}
      {round && round.status !== "closed" ? <Dashboard round={round} myId={myId} /> : null}
      {round && round.status !== "closed" ? <AssignPanel round={round} myId={myId} /> : null}
    </section>
  );
}

function RoundBar({ round }: { round: RoundView }) {
  const [confirm, setConfirm] = useState<"endNow" | "discard" | null>(null);
  const [busy, setBusy] = useState(false);
  const running = isRunning(round);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    await action();
    setBusy(false);
  }

  return (
    <div class="round-bar" data-testid="round-bar" data-status={round.status} data-round-id={round.roundId}>
      <p class="round-title">
        <strong>{t("round.title", { number: round.number })}</strong> ·{" "}
        <span data-testid="round-status">{t(statusText[round.status])}</span>
      </p>
      <p class="muted">
        {t("round.details", {
          rooms: round.rooms.length,
          minutes: Math.round(round.durationSeconds / 60),
          warning: round.warningSeconds,
        })}
        {round.selfSelect ? ` · ${t("round.selfSelectOn")}` : ""}
      </p>
      {running ? (
        <p class="round-time">
          {tSlots(round.status === "closing" ? "round.returningIn" : "round.timeLeft", {
            time: <TimeLeft round={round} testId="round-time-left" />,
          })}
        </p>
      ) : null}
      <div class="button-row">
        {round.status === "planned" ? (
          <button
            type="button"
            class="button primary"
            data-testid="breakout-open"
            disabled={busy}
            onClick={() => void act(() => openRound(round.roundId))}
          >
            {t("round.open")}
          </button>
        ) : null}
        {round.status === "planned" && confirm === null ? (
          <button
            type="button"
            class="button secondary"
            data-testid="breakout-discard"
            disabled={busy}
            onClick={() => setConfirm("discard")}
          >
            {t("round.discard")}
          </button>
        ) : null}
        {running ? (
          <button
            type="button"
            class="button secondary"
            data-testid="breakout-extend"
            disabled={busy}
            onClick={() => void act(() => extendRound(round.roundId, EXTEND_SECONDS))}
          >
            {t("round.extend", { minutes: EXTEND_SECONDS / 60 })}
          </button>
        ) : null}
        {round.status === "open" ? (
          <button
            type="button"
            class="button secondary"
            data-testid="breakout-end"
            disabled={busy}
            onClick={() => void act(() => endRound(round.roundId, false))}
          >
            {round.warningSeconds > 0 ? t("round.endCountdown", { seconds: round.warningSeconds }) : t("round.end")}
          </button>
        ) : null}
        {running && confirm === null ? (
          <button
            type="button"
            class="button danger"
            data-testid="breakout-end-now"
            disabled={busy}
            onClick={() => setConfirm("endNow")}
          >
            {t("round.endNow")}
          </button>
        ) : null}
      </div>
      {(running && confirm === "endNow") || (round.status === "planned" && confirm === "discard") ? (
        <ConfirmRow
          busy={busy}
          question={confirm === "endNow" ? t("round.endNowQuestion") : t("round.discardQuestion")}
          confirmLabel={confirm === "endNow" ? t("round.endNowConfirm") : t("round.discardConfirm")}
          testId={confirm === "endNow" ? "breakout-end-now-confirm" : "breakout-discard-confirm"}
          onConfirm={() =>
            void act(async () => {
              // Ending a planned round discards it; ending a running one brings everyone back at once.
              await endRound(round.roundId, true);
              setConfirm(null);
            })
          }
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </div>
  );
}

type ConfirmRowProps = {
  busy: boolean;
  question: string;
  confirmLabel: string;
  testId: string;
  onConfirm: () => void;
  onCancel: () => void;
};

function ConfirmRow({ busy, question, confirmLabel, testId, onConfirm, onCancel }: ConfirmRowProps) {
  const cancelRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <fieldset class="confirm-row">
      <legend>{question}</legend>
      <button type="button" class="button danger" data-testid={testId} disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" class="button secondary" ref={cancelRef} onClick={onCancel}>
        {t("workshop.cancel")}
      </button>
    </fieldset>
  );
}
