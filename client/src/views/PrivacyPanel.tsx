import { errorMessage, t } from "../i18n/index.js";
import { setReportAttribution } from "../net/report.js";
import { deleteWorkshopNow, setAnonymityDefault, setRosterPrivacy } from "../net/workshop.js";
import { workshopState } from "../state/workshopState.js";
import { ConfirmedSwitch } from "./ConfirmedSwitch.js";
import { DeleteWorkshop } from "./DeleteWorkshop.js";
import { PrivacySwitch } from "./PrivacySwitch.js";

/**
 * Facilitators' workshop settings about people's data: whether reports may name people,
 * whether participants see each other's names, whether new questions and polls start anonymous
 * (everyone sees these settings where they decide), and a danger zone to delete the workshop for good.
 */
export function PrivacyPanel() {
  const workshop = workshopState.workshop.value;
  if (!workshop) return null;
  return (
    <section class="panel privacy-panel" aria-labelledby="privacy-heading" data-testid="privacy-panel">
      <h2 id="privacy-heading">{t("privacy.heading")}</h2>
      <ConfirmedSwitch
        current={workshop.reportAttribution === "attributed"}
        change={(next) => setReportAttribution(next ? "attributed" : "none")}
        label={t("report.attributionSwitch")}
        hint={t("report.attributionSwitchHint")}
        hintId="report-attribution-switch-hint"
        testId="report-attribution-switch"
        className="privacy-setting"
        errorText={(code) => t("report.attributionFailed", { message: errorMessage(code) })}
        errorTestId="report-attribution-error"
      />
      <PrivacySwitch
        name="roster-privacy"
        current={!workshop.rosterPrivate}
        change={(namesShown) => setRosterPrivacy(!namesShown)}
        label={t("privacy.rosterSwitch")}
        hint={t("privacy.rosterSwitchHint")}
      />
      <PrivacySwitch
        name="anonymity-default"
        current={workshop.anonymousByDefault}
        change={setAnonymityDefault}
        label={t("privacy.anonymitySwitch")}
        hint={t("privacy.anonymitySwitchHint")}
      />
      <section class="danger-zone" aria-labelledby="danger-zone-heading" data-testid="danger-zone">
        <h3 id="danger-zone-heading" class="danger-zone-heading">
          {t("privacy.dangerHeading")}
        </h3>
        <p class="hint">{t("privacy.deleteHint")}</p>
        <DeleteWorkshop title={workshop.title} joinCode={workshop.joinCode} onDelete={deleteWorkshopNow} />
      </section>
    </section>
  );
}
