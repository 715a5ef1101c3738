import { useEffect, useRef, useState } from "preact/hooks";
import { TagsSchema } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { setTags } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { editingTagsOf } from "./model.js";

type TagRow = { key: string; value: string };
const MAX_TAGS = 5;

/**
 * Facilitators set someone's tags (language, region...) for grouping. A native modal dialog:
 * it keeps focus inside, Escape closes it, and focus returns to the button that opened it.
 */
export function TagsDialog() {
  const participantId = editingTagsOf.value;
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (participantId && !dialog.open) dialog.showModal();
    if (!participantId && dialog.open) dialog.close();
  }, [participantId]);

  return (
    <dialog
      ref={dialogRef}
      class="dialog"
      aria-labelledby="tags-heading"
      data-testid="tags-dialog"
      onClose={() => {
        editingTagsOf.value = null;
      }}
    >
      {participantId ? <TagsForm key={participantId} participantId={participantId} /> : null}
    </dialog>
  );
}

function TagsForm({ participantId }: { participantId: ParticipantId }) {
  const person = workshopState.participant(participantId);
  const [rows, setRows] = useState<TagRow[]>(() => {
    const entries = Object.entries(workshopState.tagsOf(participantId)).map(([key, value]) => ({ key, value }));
    return entries.length > 0 ? entries : [{ key: "language", value: "" }];
  });
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = person?.displayName ?? t("assign.someone");

  function update(index: number, change: Partial<TagRow>) {
    setRows((previous) => previous.map((row, at) => (at === index ? { ...row, ...change } : row)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    const filled = rows.filter((row) => row.key.trim() && row.value.trim());
    const parsed = TagsSchema.safeParse(
      Object.fromEntries(filled.map((row) => [row.key.trim().toLowerCase(), row.value.trim()])),
    );
    setError(!parsed.success);
    if (!parsed.success) return;
    setBusy(true);
    const outcome = await setTags(participantId, parsed.data);
    setBusy(false);
    if (outcome?.ok) editingTagsOf.value = null;
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2 id="tags-heading">{t("tags.heading", { name })}</h2>
      <p class="hint">{t("tags.hint")}</p>
      <ul class="tag-rows">
        {rows.map((row, index) => (
          <li key={index} class="inline-fields">
            <div class="field">
              <label for={`tag-key-${index}`}>{t("tags.keyLabel", { number: index + 1 })}</label>
              <input
                id={`tag-key-${index}`}
                type="text"
                value={row.key}
                maxLength={20}
                autoCapitalize="none"
                spellcheck={false}
                data-testid="tag-key"
                onInput={(event) => update(index, { key: event.currentTarget.value })}
              />
            </div>
            <div class="field">
              <label for={`tag-value-${index}`}>{t("tags.valueLabel", { number: index + 1 })}</label>
              <input
                id={`tag-value-${index}`}
                type="text"
                value={row.value}
                maxLength={40}
                data-testid="tag-value"
                onInput={(event) => update(index, { value: event.currentTarget.value })}
              />
            </div>
          </li>
        ))}
      </ul>
      {rows.length < MAX_TAGS ? (
        <button type="button" class="button small secondary" onClick={() => setRows([...rows, { key: "", value: "" }])}>
          {t("tags.add")}
        </button>
      ) : null}
      <p class="form-error" role="alert" hidden={!error}>
        {error ? t("tags.error") : ""}
      </p>
      <div class="button-row">
        <button type="submit" class="button primary" data-testid="tags-save" disabled={busy}>
          {t("tags.save")}
        </button>
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            editingTagsOf.value = null;
          }}
        >
          {t("workshop.cancel")}
        </button>
      </div>
    </form>
  );
}
