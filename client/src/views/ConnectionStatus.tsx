import { t } from "../i18n/index.js";
import { connectionState } from "../state/session.js";

/** Always on screen while in a workshop; announced politely when it changes. */
export function ConnectionStatus() {
  const state = connectionState.value;
  if (state === "idle") return null;
  return (
    <p class={`connection connection-${state}`} data-testid="connection-state" data-state={state} role="status">
      <span class="connection-dot" aria-hidden="true" />
      <span class="visually-hidden">{t("connection.label")}: </span>
      <span class="connection-text">{t(`connection.${state}`)}</span>
    </p>
  );
}
