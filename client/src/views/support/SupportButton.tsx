import { t } from "../../i18n/index.js";
import { session } from "../../state/session.js";
import { supportPanelOpen } from "../../state/supportPanel.js";

/**
 * "I need support", beside "Leave now" on every screen of a workshop: one tap opens the request,
 * a second sends it. Also Alt+Shift+S from anywhere (main.tsx).
 */
export function SupportButton() {
  if (!session.value) return null;
  return (
    <button
      type="button"
      class="button support-button"
      data-testid="support-button"
      aria-haspopup="dialog"
      aria-keyshortcuts="Alt+Shift+S"
      title={t("support.buttonHint")}
      onClick={() => {
        supportPanelOpen.value = true;
      }}
    >
      {t("support.button")}
    </button>
  );
}
