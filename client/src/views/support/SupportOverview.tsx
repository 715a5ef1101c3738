import { errorMessage, t } from "../../i18n/index.js";
import { setSupportCountVisible } from "../../net/support.js";
import { supportCount, supportSettings } from "../../state/supportState.js";
import { ConfirmedSwitch } from "../ConfirmedSwitch.js";

/**
 * What facilitators may know of private support: nothing by default; with the switch on, how
 * many requests are open (never who, never what). The switch is theirs to set.
 */
export function SupportOverview() {
  const count = supportCount.value;
  const allowed = supportSettings.value.countToFacilitators;
  return (
    <section class="panel support-overview" aria-labelledby="support-overview-heading" data-testid="support-overview">
      <h2 id="support-overview-heading">{t("support.queueHeading")}</h2>
      {allowed && count ? (
        <p role="status" data-testid="support-count">
          {count.waiting + count.taken === 0
            ? t("support.countNone")
            : t("support.countLine", { open: count.waiting + count.taken, waiting: count.waiting })}
        </p>
      ) : null}
      <ConfirmedSwitch
        current={allowed}
        change={setSupportCountVisible}
        label={t("support.countSwitch")}
        hint={t("support.countSwitchHint")}
        hintId="support-count-hint"
        testId="support-count-switch"
        className="privacy-setting"
        errorText={(code) => t("privacy.settingFailed", { message: errorMessage(code) })}
      />
    </section>
  );
}
