import type { RoundView } from "../../../../shared/breakout.js";
import { CONTENT_NOTE_MAX } from "../../../../shared/contentNote.js";
import {
  POLL_AUTO_CLOSE_MAX_SECONDS,
  POLL_AUTO_CLOSE_MIN_SECONDS,
  type PollResultsVisibility,
} from "../../../../shared/poll.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { isRunning } from "../breakout/model.js";
import { SessionPicker } from "../programme/SessionPicker.js";
import { ChoiceField, NumberField } from "./builderFields.js";
import { type BuilderPartProps, type FixedRoom, scopeMissing } from "./builderForm.js";

const VISIBILITIES: readonly PollResultsVisibility[] = ["afterVoting", "live", "afterClose", "facilitatorsOnly"];
const visibilityText: Record<PollResultsVisibility, MessageKey> = {
  afterVoting: "builder.visibilityAfterVoting",
  live: "builder.visibilityLive",
  afterClose: "builder.visibilityAfterClose",
  facilitatorsOnly: "builder.visibilityFacilitators",
};

/**
 * The settings every kind of poll has: where it runs (and, in the plenary, the programme session it
 * belongs to), anonymous or named ballots, who sees the results when, changing one's vote, closing
 * by itself. Parts of the builder's form, not a group of their own (a fragment: the form's layout is
 * unchanged).
 */
export function PollSettings({
  form,
  set,
  id,
  fixedRoom,
  round,
}: BuilderPartProps & { fixedRoom: FixedRoom | undefined; round: RoundView | null }) {
  return (
    <>
      {fixedRoom ? (
        <p class="muted" data-testid="poll-scope-fixed">
          {t("builder.scopeFixed", { name: fixedRoom.name })}
        </p>
      ) : (
        <>
          <ScopeField form={form} set={set} id={id} round={round} />
          {form.scope === "plenary" ? (
            <SessionPicker
              id={id("session")}
              label={t("programme.pollSessionLabel")}
              choice={form.sessionId}
              testId="poll-session"
              onChange={(sessionId) => set("sessionId", sessionId)}
            />
          ) : null}
        </>
      )}

      <div class="check-block">
        <div class="check">
          <input
            id={id("anonymous")}
            type="checkbox"
            checked={form.anonymous}
            aria-describedby={id("anonymous-hint")}
            data-testid="poll-anonymous"
            onChange={(event) => set("anonymous", event.currentTarget.checked)}
          />
          <label for={id("anonymous")}>{t("builder.anonymousLabel")}</label>
        </div>
        <p class="hint check-hint" id={id("anonymous-hint")}>
          {t("builder.anonymousHint")}
        </p>
      </div>

      <ChoiceField
        id={id("visibility")}
        label={t("builder.visibilityLabel")}
        testId="poll-visibility"
        value={form.visibility}
        choices={VISIBILITIES}
        textOf={visibilityText}
        onChange={(visibility) => set("visibility", visibility)}
      />

      <div class="check">
        <input
          id={id("allow-change")}
          type="checkbox"
          checked={form.allowVoteChange}
          data-testid="poll-allow-change"
          onChange={(event) => set("allowVoteChange", event.currentTarget.checked)}
        />
        <label for={id("allow-change")}>{t("builder.allowChangeLabel")}</label>
      </div>

      <div class="field">
        <label for={id("content-note")}>{t("builder.contentNoteLabel")}</label>
        <p class="hint" id={id("content-note-hint")}>
          {t("builder.contentNoteHint")}
        </p>
        <input
          id={id("content-note")}
          type="text"
          maxLength={CONTENT_NOTE_MAX}
          value={form.contentNote}
          aria-describedby={id("content-note-hint")}
          data-testid="poll-content-note-input"
          onInput={(event) => set("contentNote", event.currentTarget.value)}
        />
      </div>

      <NumberField
        id={id("auto-close")}
        label={t("builder.autoCloseLabel")}
        hint={t("builder.autoCloseHint", { min: POLL_AUTO_CLOSE_MIN_SECONDS, max: POLL_AUTO_CLOSE_MAX_SECONDS })}
        min={POLL_AUTO_CLOSE_MIN_SECONDS}
        max={POLL_AUTO_CLOSE_MAX_SECONDS}
        value={form.autoClose}
        testId="poll-auto-close"
        onInput={(value) => set("autoClose", value)}
      />
    </>
  );
}

/** Where the poll runs: the plenary, every room of the current round, or one of its rooms. */
function ScopeField({ form, set, id, round }: BuilderPartProps & { round: RoundView | null }) {
  const roundForScope = round && round.status !== "closed" ? round : null;
  return (
    <div class="field">
      <label for={id("scope")}>{t("builder.scopeLabel")}</label>
      <select
        id={id("scope")}
        value={form.scope}
        data-testid="poll-scope"
        onChange={(event) => set("scope", event.currentTarget.value)}
      >
        <option value="plenary">{t("builder.scopePlenary")}</option>
        {roundForScope ? (
          <option value={`everyRoom:${roundForScope.roundId}`}>
            {t("builder.scopeEveryRoom", { number: roundForScope.number })}
          </option>
        ) : null}
        {roundForScope?.rooms.map((room) => (
          <option key={room.roomId} value={`room:${room.roomId}`}>
            {t("builder.scopeRoom", { name: room.name })}
          </option>
        ))}
        {scopeMissing(form.scope, roundForScope) ? (
          <option value={form.scope}>{t("builder.scopeEarlier")}</option>
        ) : null}
      </select>
      {roundForScope && !isRunning(roundForScope) ? <p class="hint">{t("builder.scopeRoundNotOpen")}</p> : null}
    </div>
  );
}
