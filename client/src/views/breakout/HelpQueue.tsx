import { useState } from "preact/hooks";
import type { HelpView, RoundView } from "../../../../shared/breakout.js";
import { t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { resolveHelp, takeHelp } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { roomsById } from "./model.js";
import { Elapsed } from "./Timer.js";

/** Help requests across rooms, oldest first: the room, how long it has waited, and the two answers. */
export function HelpQueue({ round }: { round: RoundView }) {
  const open = workshopState.helps.value
    .filter((help) => help.roundId === round.roundId && help.status !== "resolved")
    .sort((a, b) => a.createdAt - b.createdAt);

  return (
    <section class="help-queue" aria-labelledby="help-queue-heading" data-testid="help-queue">
      <h3 id="help-queue-heading">{t("helpQueue.heading", { count: open.length })}</h3>
      {open.length === 0 ? <p class="muted">{t("helpQueue.none")}</p> : null}
      <ul class="help-list">
        {open.map((help) => (
          <HelpItem key={help.helpId} help={help} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One help request with "On my way" and "Resolved". Who took it is named, so a co-facilitator
 * sees at once that someone is on the way (here and in the console's attention bar).
 */
export function HelpItem({ help }: { help: HelpView }) {
  const [busy, setBusy] = useState(false);
  const roomName = roomsById.value.get(help.roomId)?.name ?? t("assign.unknownRoom");
  const helper = help.takenBy ? workshopState.participant(help.takenBy)?.displayName : undefined;

  async function run(action: typeof takeHelp) {
    setBusy(true);
    await action(help.helpId);
    setBusy(false);
  }

  return (
    <li
      class={`help-item help-${help.status}`}
      data-testid="help-item"
      data-help-id={help.helpId}
      data-room-id={help.roomId}
      data-status={help.status}
    >
      <p class="help-item-head">
        <strong data-testid="help-item-room">{roomName}</strong> ·{" "}
        {tSlots("help.waiting", { time: <Elapsed since={help.createdAt} testId="help-item-waiting" /> })}
      </p>
      {help.text ? (
        <p class="help-item-text" data-testid="help-item-text">
          {help.text}
        </p>
      ) : null}
      {help.status === "taken" ? (
        <p class="muted" data-testid="help-item-taken-by">
          {helper ? t("helpQueue.takenBy", { name: helper }) : t("help.statusTaken")}
        </p>
      ) : null}
      <div class="button-row">
        {help.status === "open" ? (
          <button
            type="button"
            class="button small primary"
            data-testid="help-take"
            aria-label={t("helpQueue.takeLabel", { room: roomName })}
            disabled={busy}
            onClick={() => void run(takeHelp)}
          >
            {t("help.take")}
          </button>
        ) : null}
        <button
          type="button"
          class="button small secondary"
          data-testid="help-resolve"
          aria-label={t("helpQueue.resolveLabel", { room: roomName })}
          disabled={busy}
          onClick={() => void run(resolveHelp)}
        >
          {t("help.resolve")}
        </button>
      </div>
    </li>
  );
}
