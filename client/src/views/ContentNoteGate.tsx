import type { ComponentChildren } from "preact";
import { t } from "../i18n/index.js";
import { chooseAtContentNote, contentNoteChoice } from "../state/contentNotes.js";

/**
 * Content that carries a content note: the note first, with "Show" and "Skip"; the content only
 * once the person chose to see it. Skipping folds it to one line that can still open it. The
 * choice stays in this tab (state/contentNotes.ts): nobody is told.
 */
export function ContentNoteGate({
  note,
  contentKey,
  testId,
  children,
}: {
  note: string | undefined;
  contentKey: string;
  testId: string;
  children: ComponentChildren;
}) {
  if (!note) return <>{children}</>;
  const choice = contentNoteChoice(contentKey);
  if (choice === "shown") {
    return (
      <>
        <p class="content-note content-note-shown" data-testid={`${testId}-shown`}>
          <span class="content-note-label">{t("contentNote.label")}</span> {note}
        </p>
        {children}
      </>
    );
  }
  return (
    <section
      class="content-note"
      aria-label={t("contentNote.label")}
      data-testid={testId}
      data-choice={choice ?? "none"}
    >
      <p>
        <span class="content-note-label">{t("contentNote.label")}</span> {note}
      </p>
      {choice === "skipped" ? (
        <p class="hint">{t("contentNote.skipped")}</p>
      ) : (
        <p class="hint">{t("contentNote.hint")}</p>
      )}
      <div class="content-note-actions">
        <button
          type="button"
          class="button"
          data-testid={`${testId}-show`}
          onClick={() => chooseAtContentNote(contentKey, "shown")}
        >
          {t("contentNote.show")}
        </button>
        {choice === "skipped" ? null : (
          <button
            type="button"
            class="button secondary"
            data-testid={`${testId}-skip`}
            onClick={() => chooseAtContentNote(contentKey, "skipped")}
          >
            {t("contentNote.skip")}
          </button>
        )}
      </div>
    </section>
  );
}
