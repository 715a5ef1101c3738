import type { ParticipantId } from "../../../shared/ids.js";
import { t } from "../i18n/index.js";
import { setListed } from "../net/workshop.js";
import { workshopState } from "../state/workshopState.js";
import { PrivacySwitch } from "./PrivacySwitch.js";

/**
 * A participant's own choice to be listed to other participants while names are hidden. Staff
 * are always shown, so only participants get it. The switch follows the person's own profile.
 */
export function MyListing({ myId, rosterPrivate }: { myId: ParticipantId; rosterPrivate: boolean }) {
  const me = workshopState.sorted.value.find((person) => person.participantId === myId);
  if (!me) return null;
  return (
    <section class="panel privacy-panel" aria-label={t("privacy.listedSwitch")} data-testid="my-listing">
      <PrivacySwitch
        name="listed"
        current={me.listed}
        change={setListed}
        label={t("privacy.listedSwitch")}
        hint={t("privacy.listedSwitchHint")}
      />
      {rosterPrivate ? null : <p class="hint">{t("privacy.listedRosterOpen")}</p>}
    </section>
  );
}
