import { t } from "../../i18n/index.js";
import { lowerHand, raiseHand } from "../../net/hands.js";
import { hands } from "../../state/handsState.js";
import { useCommandError } from "./useCommandError.js";

/**
 * A person's own hand: raise it, see their place in line (and how many wait, never who), be
 * told when a facilitator invites them to speak, lower it.
 */
export function MyHand() {
  const view = hands.value;
  const mine = view?.mine ?? null;
  const [error, run] = useCommandError();
  return (
    <div class="my-hand">
      <p role="status" class={mine?.status === "called" ? "hand-called" : undefined} data-testid="my-hand-status">
        {mine?.status === "called"
          ? t("hands.called")
          : mine
            ? t("hands.position", { position: mine.position ?? 0, count: view?.waiting ?? 0 })
            : t("hands.count", { count: view?.waiting ?? 0 })}
      </p>
      <div class="button-row">
        {mine ? (
          <button type="button" class="button secondary" data-testid="lower-hand" onClick={() => void run(lowerHand())}>
            {t("hands.lower")}
          </button>
        ) : (
          <button type="button" class="button primary" data-testid="raise-hand" onClick={() => void run(raiseHand())}>
            {t("hands.raise")}
          </button>
        )}
      </div>
      <p class="hint">{t("hands.privacy")}</p>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
