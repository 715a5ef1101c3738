import type { RoomId, RoundId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { workshopState } from "../../state/workshopState.js";
import { broadcastKey, dismissBanner, dismissedBanners } from "./model.js";

/**
 * Facilitators' messages for this room (or for all rooms), newest on top. The region is always
 * in the page so a screen reader announces each new banner as it is added.
 */
export function Banners({ roundId, roomId }: { roundId: RoundId; roomId: RoomId | null }) {
  const dismissed = dismissedBanners.value;
  const shown = workshopState.broadcasts.value
    .filter(
      (broadcast) =>
        broadcast.roundId === roundId &&
        (broadcast.roomId === null || broadcast.roomId === roomId) &&
        !dismissed.has(broadcastKey(broadcast)),
    )
    .reverse();
  return (
    <div class="banners" aria-live="polite" aria-relevant="additions text" data-testid="banners">
      {shown.map((broadcast) => (
        <div class="banner" key={broadcastKey(broadcast)} data-testid="banner">
          <p class="banner-text">
            <span class="visually-hidden">{t("banner.from")} </span>
            <bdi>{broadcast.text}</bdi>
          </p>
          <button
            type="button"
            class="button small secondary"
            data-testid="banner-dismiss"
            aria-label={t("banner.dismissLabel", { text: broadcast.text })}
            onClick={() => dismissBanner(broadcast)}
          >
            {t("banner.dismiss")}
          </button>
        </div>
      ))}
    </div>
  );
}
