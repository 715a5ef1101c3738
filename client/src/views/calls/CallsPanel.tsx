import { useState } from "preact/hooks";
import type { RoomView, RoundView } from "../../../../shared/breakout.js";
import { t } from "../../i18n/index.js";
import { setCallTemplate, setPlenaryCall, setRoomCall } from "../../net/calls.js";
import { workshopState } from "../../state/workshopState.js";
import { TextField } from "../TextField.js";
import { checkedLink, TEMPLATE_EXAMPLE, templateHint } from "./callForms.js";

/**
 * The facilitators' video call links: the plenary's, the rooms' template, and a link pasted for
 * any room of the current round (over the template). Each person later receives only the link of
 * the place they are in (shared/audience.ts).
 */
export function CallsPanel() {
  const settings = workshopState.callSettings.value;
  const round = workshopState.round.value;
  return (
    <section class="panel calls-panel" aria-labelledby="calls-heading" data-testid="calls-panel">
      <h2 id="calls-heading">{t("calls.heading")}</h2>
      <p class="hint">{t("calls.intro")}</p>
      <p class="hint">{t("calls.secret")}</p>
      <LinkField
        id="call-plenary"
        label={t("calls.plenaryLabel")}
        kind="link"
        current={settings?.plenary ?? null}
        save={setPlenaryCall}
      />
      <LinkField
        id="call-template"
        label={t("calls.templateLabel")}
        hint={templateHint()}
        placeholder={TEMPLATE_EXAMPLE}
        kind="template"
        current={settings?.template ?? null}
        save={setCallTemplate}
      />
      {round && round.status !== "closed" ? <RoomLinks round={round} pasted={settings?.pasted ?? {}} /> : null}
    </section>
  );
}

function RoomLinks({ round, pasted }: { round: RoundView; pasted: Readonly<Record<string, string>> }) {
  return (
    <section class="calls-rooms" aria-labelledby="calls-rooms-heading" data-testid="calls-rooms">
      <h3 id="calls-rooms-heading">{t("calls.roomsHeading", { number: round.number })}</h3>
      <ul class="calls-room-list">
        {round.rooms.map((room) => (
          <RoomLink key={room.roomId} round={round} room={room} pasted={pasted[room.roomId] ?? null} />
        ))}
      </ul>
    </section>
  );
}

function RoomLink({ round, room, pasted }: { round: RoundView; room: RoomView; pasted: string | null }) {
  const link = workshopState.callOf(room.roomId);
  const source = pasted !== null ? t("calls.pasted") : link ? t("calls.fromTemplate") : t("calls.noLink");
  return (
    <li class="calls-room" data-testid="calls-room" data-room-id={room.roomId}>
      <p class="calls-room-now">
        <span dir="auto">{room.name}</span> · <span class="muted">{source}</span>
        {link ? (
          <>
            {" "}
            <code class="call-url" dir="ltr" data-testid="calls-room-url">
              {link}
            </code>
          </>
        ) : null}
      </p>
      <LinkField
        id={`call-room-${room.roomId}`}
        label={t("calls.roomLabel", { name: room.name })}
        hint={t("calls.roomHint")}
        kind="link"
        current={pasted}
        save={(url) => setRoomCall(round.roundId, room.roomId, url)}
      />
    </li>
  );
}

type LinkFieldProps = {
  id: string;
  label: string;
  hint?: string;
  placeholder?: string;
  kind: "link" | "template";
  current: string | null;
  save: (value: string | null) => Promise<{ ok: boolean } | null | undefined>;
};

/** One link to set: typed, checked by the shared rule before it is sent, saved or removed. */
function LinkField({ id, label, hint, placeholder, kind, current, save }: LinkFieldProps) {
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const value = typed ?? current ?? "";

  async function send(next: string | null) {
    setBusy(true);
    const outcome = await save(next);
    setBusy(false);
    if (outcome?.ok) {
      setTyped(null);
      setSaved(true);
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const checked = checkedLink(value, kind);
    setError(checked.ok ? null : checked.error);
    if (checked.ok && !busy) void send(checked.value);
  }

  return (
    <form class="call-field" onSubmit={submit} noValidate data-testid={`${id}-form`}>
      <TextField
        id={id}
        label={label}
        hint={hint}
        placeholder={placeholder}
        value={value}
        error={error}
        testId={id}
        dir="ltr"
        inputMode="url"
        spellcheck={false}
        onInput={(typedNow) => {
          setTyped(typedNow);
          setSaved(false);
        }}
      />
      <div class="button-row">
        <button type="submit" class="button small primary" disabled={busy} data-testid={`${id}-save`}>
          {t("calls.save")}
        </button>
        {current !== null ? (
          <button
            type="button"
            class="button small secondary"
            disabled={busy}
            data-testid={`${id}-remove`}
            onClick={() => void send(null)}
          >
            {t("calls.remove")}
          </button>
        ) : null}
        <span class="hint" role="status">
          {saved ? t("calls.saved") : ""}
        </span>
      </div>
    </form>
  );
}
