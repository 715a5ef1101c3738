import { t } from "../i18n/index.js";
import { leaveNow } from "../net/exit.js";
import { runtime } from "../runtimeLoader.js";
import { ConnectionStatus } from "./ConnectionStatus.js";
import { LanguagePicker } from "./LanguagePicker.js";
import { SupportButton } from "./support/SupportButton.js";

/**
 * The bar on every page but the exit page: the quick exit is never more than one press away, and
 * in a workshop "I need support" sits beside it.
 */
export function Header() {
  // The support dialog and the offline banner belong to a session, which needs the session's code (runtime.ts).
  const loaded = runtime.value;
  return (
    <header class="topbar">
      <span class="brand">{t("app.name")}</span>
      <ConnectionStatus />
      <LanguagePicker />
      <SupportButton />
      {loaded ? <loaded.SupportDialog /> : null}
      <button
        type="button"
        class="button leave"
        data-testid="leave-now"
        aria-label={t("leave.label")}
        title={t("leave.hint")}
        onClick={() => void leaveNow()}
      >
        {t("leave.button")}
      </button>
      {loaded ? <loaded.OfflineBanner /> : null}
    </header>
  );
}
