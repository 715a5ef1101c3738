import { useState } from "preact/hooks";
import { BROADCAST_MAX, type RoundView } from "../../../../shared/breakout.js";
import { nameText } from "../../../../shared/text.js";
import { t } from "../../i18n/index.js";
import { broadcast } from "../../net/breakout.js";
import { RoomSelect } from "./ManualAssign.js";

const BroadcastTextSchema = nameText(BROADCAST_MAX);

/** A short banner for every room or one room. */
export function BroadcastBox({ round }: { round: RoundView }) {
  const [text, setText] = useState("");
  const [target, setTarget] = useState("");
  const [error, setError] = useState(false);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const length = [...text].length;

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = BroadcastTextSchema.safeParse(text);
    setError(!parsed.success);
    setSent(false);
    if (!parsed.success || busy) return;
    setBusy(true);
    const outcome = await broadcast(target || null, parsed.data);
    setBusy(false);
    if (outcome?.ok) {
      setText("");
      setSent(true);
    }
  }

  return (
    <form
      class="broadcast"
      onSubmit={submit}
      noValidate
      aria-labelledby="broadcast-heading"
      data-testid="broadcast-form"
    >
      <h3 id="broadcast-heading">{t("broadcast.heading")}</h3>
      <div class="field">
        <label for="broadcast-text">{t("broadcast.textLabel")}</label>
        <textarea
          id="broadcast-text"
          rows={2}
          value={text}
          maxLength={BROADCAST_MAX}
          aria-describedby="broadcast-counter"
          aria-invalid={error ? true : undefined}
          data-testid="broadcast-text"
          onInput={(event) => {
            setText(event.currentTarget.value);
            setSent(false);
          }}
        />
        <p class="hint" id="broadcast-counter">
          {t("broadcast.counter", { length, max: BROADCAST_MAX })}
        </p>
        {error ? <p class="field-error">{t("broadcast.error", { max: BROADCAST_MAX })}</p> : null}
      </div>
      <div class="inline-fields">
        <div class="field">
          <label for="broadcast-target">{t("broadcast.targetLabel")}</label>
          <RoomSelect
            id="broadcast-target"
            testId="broadcast-target"
            rooms={round.rooms}
            value={target}
            allLabel={t("broadcast.allRooms")}
            onChange={setTarget}
          />
        </div>
        <button type="submit" class="button primary" data-testid="broadcast-send" disabled={busy}>
          {t("broadcast.send")}
        </button>
      </div>
      <p role="status" class="muted" data-testid="broadcast-sent">
        {sent ? t("broadcast.sent") : ""}
      </p>
    </form>
  );
}
