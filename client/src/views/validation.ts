import { JoinCodeSchema } from "../../../shared/ids.js";
import { DISPLAY_NAME_MAX, DisplayNameSchema, TITLE_MAX, WorkshopTitleSchema } from "../../../shared/workshop.js";
import { t } from "../i18n/index.js";

/** The same schemas the server applies, so a form can say what is wrong before sending. */
export type Checked = { ok: true; value: string } | { ok: false; message: string };

export function checkTitle(raw: string): Checked {
  const parsed = WorkshopTitleSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: t("validation.title", { max: TITLE_MAX }) };
}

export function checkDisplayName(raw: string): Checked {
  const parsed = DisplayNameSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: t("validation.displayName", { max: DISPLAY_NAME_MAX }) };
}

export function checkJoinCode(raw: string): Checked {
  const parsed = JoinCodeSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: t("validation.joinCode") };
}
