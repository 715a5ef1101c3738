import { REACTION_KINDS, REACTION_SYMBOLS } from "../../../../shared/hands.js";
import { t } from "../../i18n/index.js";
import { sendReaction } from "../../net/hands.js";

/** One button per reaction, each with its name for screen readers; nobody is told who reacted. */
export function ReactionBar() {
  return (
    <fieldset class="reaction-bar" data-testid="reaction-bar">
      <legend class="visually-hidden">{t("reactions.bar")}</legend>
      {REACTION_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          class="button secondary reaction-button"
          aria-label={t(`reactions.${kind}`)}
          title={t(`reactions.${kind}`)}
          data-testid={`react-${kind}`}
          onClick={() => void sendReaction(kind)}
        >
          <span aria-hidden="true">{REACTION_SYMBOLS[kind]}</span>
        </button>
      ))}
      <p class="hint reaction-hint">{t("reactions.hint")}</p>
    </fieldset>
  );
}
