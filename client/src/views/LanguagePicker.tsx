import { chooseLanguage, languages, locale, t } from "../i18n/index.js";

/**
 * Every screen's language picker: each language under its own name, in its own script, so a
 * person finds theirs whatever the page is in now. Choosing reloads the page in it (kept on
 * this device; the session and what the tab showed are kept).
 */
export function LanguagePicker() {
  if (languages.length < 2) return null;
  return (
    <label class="language-picker">
      <span class="visually-hidden">{t("app.language")}</span>
      <select
        data-testid="language-picker"
        value={locale}
        onChange={(event) => {
          const chosen = languages.find((language) => language.tag === event.currentTarget.value);
          if (chosen && chosen.tag !== locale) chooseLanguage(chosen.tag);
        }}
      >
        {languages.map((language) => (
          <option key={language.tag} value={language.tag} lang={language.tag} dir={language.dir}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
