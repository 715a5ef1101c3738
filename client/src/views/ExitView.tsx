import { t } from "../i18n/index.js";

/** Deliberately plain: nothing here hints at the workshop that was open a moment ago. */
export function ExitView() {
  return (
    <main class="fullscreen exit" data-testid="exit-screen">
      <h1>{t("exit.heading")}</h1>
      <p>
        <a href="/">{t("exit.home")}</a>
      </p>
    </main>
  );
}
