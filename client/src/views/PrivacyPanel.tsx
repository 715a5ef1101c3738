import { errorMessage, t } from "../i18n/index.js";
import { setReportAttribution } from "../net/report.js";
import { deleteWorkshopNow, setAnonymityDefault } from "../net/workshop.js";
import { workshopState } from "../state/workshopState.js";
import { ConfirmedSwitch } from "./ConfirmedSwitch.js";
import { DeleteWorkshop } from "./DeleteWorkshop.js";

/**
 * Facilitators' workshop settings about people's data: whether reports may name people,
 * whether new questions and polls start anonymous (everyone sees both settings where they
 * decide), and a danger zone to delete the workshop for good.
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
      <ConfirmedSwitch
        current={workshop.anonymousByDefault}
        change={setAnonymityDefault}
        label={t("privacy.anonymitySwitch")}
        hint={t("privacy.anonymitySwitchHint")}
        hintId="anonymity-default-switch-hint"
        testId="anonymity-default-switch"
        className="privacy-setting"
        errorText={(code) => t("privacy.settingFailed", { message: errorMessage(code) })}
        errorTestId="anonymity-default-error"
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
