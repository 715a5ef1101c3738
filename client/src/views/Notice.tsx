import { errorMessage, t } from "../i18n/index.js";
import { notice } from "../state/session.js";

/** The last failed command, until dismissed. */
export function Notice() {
  const code = notice.value;
  return (
    <div class="notice-region" role="alert">
      {code ? (
        <p class="notice" data-testid="notice">
          <span>{errorMessage(code)}</span>
          <button
            type="button"
            class="button small secondary"
            onClick={() => {
              notice.value = null;
            }}
          >
            {t("error.dismiss")}
          </button>
        </p>
      ) : null}
    </div>
  );
}
