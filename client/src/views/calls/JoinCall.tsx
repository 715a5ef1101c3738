import { t } from "../../i18n/index.js";

type JoinCallProps = { url: string | null; place: "room" | "plenary" };

/**
 * "Join the call": the video call of the place the person is in (their room, or the plenary),
 * opened in a new tab, without telling the call's site where the person came from (noreferrer:
 * our address holds the workshop's id) nor letting it reach back into this tab (noopener).
 */
export function JoinCall({ url, place }: JoinCallProps) {
  if (!url) return null;
  return (
    <p class="join-call" data-testid={`join-call-${place}`}>
      <a
        class="button primary"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="join-call"
        aria-describedby={`join-call-hint-${place}`}
        dir="ltr"
      >
        {t("call.join")}
      </a>{" "}
      <span class="hint" id={`join-call-hint-${place}`}>
        {t("call.newTab")}
      </span>
    </p>
  );
}
