import { errorMessage, t } from "../i18n/index.js";
import type { ClientErrorCode } from "../state/session.js";
import { ConfirmedSwitch } from "./ConfirmedSwitch.js";

/**
 * A privacy setting's switch (the workshop's, or a person's own): confirmed by the workshop's own
 * event, a refusal said as "The setting was not changed". `name` makes its test ids:
 * `<name>-switch`, `<name>-switch-hint`, `<name>-error`.
 */
export function PrivacySwitch({
  name,
  current,
  change,
  label,
  hint,
}: {
  name: string;
  current: boolean;
  change: (next: boolean) => Promise<{ ok: true } | { ok: false; error: { code: ClientErrorCode } } | null | undefined>;
  label: string;
  hint: string;
}) {
  return (
    <ConfirmedSwitch
      current={current}
      change={change}
      label={label}
      hint={hint}
      hintId={`${name}-switch-hint`}
      testId={`${name}-switch`}
      className="privacy-setting"
      errorText={(code) => t("privacy.settingFailed", { message: errorMessage(code) })}
      errorTestId={`${name}-error`}
    />
  );
}
