import { useState } from "preact/hooks";
import { TagsSchema } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { setTags } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";

const LANGUAGE = "language";

/** People tag their own language, so rooms can keep language groups together. */
export function AboutMe({ myId }: { myId: ParticipantId }) {
  const tags = workshopState.tagsOf(myId);
  const [language, setLanguage] = useState(tags[LANGUAGE] ?? "");
  const [state, setState] = useState<"idle" | "saved" | "invalid">("idle");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const { [LANGUAGE]: _previous, ...others } = workshopState.tagsOf(myId);
    const next = language.trim() ? { ...others, [LANGUAGE]: language.trim() } : others;
    const parsed = TagsSchema.safeParse(next);
    if (!parsed.success) {
      setState("invalid");
      return;
    }
    setBusy(true);
    const outcome = await setTags(myId, parsed.data);
    setBusy(false);
    setState(outcome?.ok ? "saved" : "idle");
  }

  return (
    <details class="panel about-me" data-testid="about-me">
      <summary>{t("about.heading")}</summary>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="about-language">{t("about.languageLabel")}</label>
          <p class="hint" id="about-language-hint">
            {t("about.languageHint")}
          </p>
          <input
            id="about-language"
            type="text"
            value={language}
            maxLength={40}
            autoComplete="off"
            aria-describedby="about-language-hint"
            aria-invalid={state === "invalid" ? true : undefined}
            data-testid="about-language"
            onInput={(event) => {
              setLanguage(event.currentTarget.value);
              setState("idle");
            }}
          />
        </div>
        <button type="submit" class="button secondary" data-testid="about-save" disabled={busy}>
          {t("about.save")}
        </button>
        <p role="status" class={state === "invalid" ? "field-error" : "muted"} data-testid="about-status">
          {state === "saved" ? t("about.saved") : state === "invalid" ? t("about.invalid") : ""}
        </p>
      </form>
    </details>
  );
}
