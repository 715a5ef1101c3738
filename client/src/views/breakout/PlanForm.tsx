import { useState } from "preact/hooks";
import {
  DEFAULT_WARNING_SECONDS,
  MAX_ROOMS,
  ROOM_NAME_MAX,
  ROOM_TOPIC_MAX,
  RoomPlanSchema,
} from "../../../../shared/breakout.js";
import { CONTENT_NOTE_MAX, ContentNoteSchema } from "../../../../shared/contentNote.js";
import type { CommandPayload } from "../../../../shared/events.js";
import { t } from "../../i18n/index.js";
import { planRound } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { chosenSession, SessionPicker } from "../programme/SessionPicker.js";

type RoomRow = { name: string; topic: string; capacity: string; contentNote: string; namesVisible: boolean };
type PlanPayload = Omit<CommandPayload<"breakout:plan">, "commandId">;

const MAX_CAPACITY = 1000;
const MAX_MINUTES = 8 * 60;

function defaultRow(index: number): RoomRow {
  return {
    name: t("plan.defaultRoomName", { number: index + 1 }),
    topic: "",
    capacity: "",
    contentNote: "",
    namesVisible: false,
  };
}

/** At least `count` rows: those already there (typed in, maybe hidden by a smaller count), then defaults. */
function rowsFor(count: number, previous: readonly RoomRow[]): RoomRow[] {
  return Array.from({ length: Math.max(count, previous.length) }, (_, index) => previous[index] ?? defaultRow(index));
}

function wholeNumber(raw: string): number | null {
  const trimmed = raw.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Checks the plan with the same rules the server applies; returns the payload or what is wrong, in words. */
function checkPlan(
  rows: readonly RoomRow[],
  minutes: string,
  warning: string,
  selfSelect: boolean,
  reuse: string,
  sessionId: string,
): { ok: true; plan: PlanPayload } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (rows.length < 1 || rows.length > MAX_ROOMS) problems.push(t("plan.errorCount", { max: MAX_ROOMS }));
  const rooms: PlanPayload["rooms"] = [];
  rows.forEach((row, index) => {
    const number = index + 1;
    const name = RoomPlanSchema.shape.name.safeParse(row.name);
    if (!name.success) problems.push(t("plan.errorName", { number, max: ROOM_NAME_MAX }));
    const topic = RoomPlanSchema.shape.topic.safeParse(row.topic);
    if (!topic.success) problems.push(t("plan.errorTopic", { number, max: ROOM_TOPIC_MAX }));
    const contentNote = row.contentNote.trim();
    if (contentNote !== "" && !ContentNoteSchema.safeParse(contentNote).success) {
      problems.push(t("plan.errorContentNote", { number, max: CONTENT_NOTE_MAX }));
    }
    let capacity: number | null = null;
    if (row.capacity.trim() !== "") {
      capacity = wholeNumber(row.capacity);
      if (capacity === null || capacity < 1 || capacity > MAX_CAPACITY) {
        problems.push(t("plan.errorCapacity", { number, max: MAX_CAPACITY }));
      }
    }
    rooms.push({
      name: row.name,
      ...(row.topic.trim() ? { topic: row.topic } : {}),
      capacity,
      ...(contentNote ? { contentNote } : {}),
      ...(row.namesVisible ? { namesVisible: true } : {}),
    });
  });
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.name.normalize("NFC").trim().toLocaleLowerCase();
    if (key && seen.has(key)) {
      problems.push(t("plan.errorDuplicate", { name: row.name.trim() }));
      break;
    }
    seen.add(key);
  }
  const durationMinutes = wholeNumber(minutes);
  if (durationMinutes === null || durationMinutes < 1 || durationMinutes > MAX_MINUTES) {
    problems.push(t("plan.errorDuration", { max: MAX_MINUTES }));
  }
  const warningSeconds = wholeNumber(warning);
  if (warningSeconds === null || warningSeconds > 600) problems.push(t("plan.errorWarning"));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      rooms,
      durationSeconds: (durationMinutes ?? 1) * 60,
      warningSeconds: warningSeconds ?? DEFAULT_WARNING_SECONDS,
      selfSelect,
      ...(reuse ? { reuseGroupsFrom: reuse } : {}),
      ...(sessionId ? { sessionId } : {}),
    },
  };
}

/**
 * Plan a round: the programme session it belongs to (when there is a programme), rooms (a number
 * of them, edit each, or paste names), duration, warning, self-select, reuse groups. One step: the
 * rooms follow the number as it is typed, and "Plan the round" plans that many (what was typed into
 * a room a smaller number hides is kept, should the number grow again).
 */
export function PlanForm({ onPlanned }: { onPlanned: () => void }) {
  // The next round starts from the last one (same rooms, same timing): round 2 often reuses them with new prompts.
  const [previous] = useState(() => workshopState.round.peek());
  const [count, setCount] = useState(() => String(previous?.rooms.length ?? 4));
  /** How many rooms are shown and planned: the number typed, or the last valid one while it is not. */
  const [shown, setShown] = useState(() => previous?.rooms.length ?? 4);
  const [rows, setRows] = useState<RoomRow[]>(() =>
    previous
      ? previous.rooms.map((room) => ({
          name: room.name,
          topic: room.topic,
          capacity: room.capacity === null ? "" : String(room.capacity),
          contentNote: room.contentNote ?? "",
          namesVisible: room.namesVisible === true,
        }))
      : rowsFor(4, []),
  );
  const [paste, setPaste] = useState("");
  const [minutes, setMinutes] = useState(() => String(previous ? Math.round(previous.durationSeconds / 60) : 45));
  const [warning, setWarning] = useState(() => String(previous?.warningSeconds ?? DEFAULT_WARNING_SECONDS));
  const [selfSelect, setSelfSelect] = useState(() => previous?.selfSelect ?? false);
  const [reuse, setReuse] = useState("");
  /** The programme session the round belongs to ("": none); null until chosen: the one on now. */
  const [session, setSession] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const current = workshopState.round.value;
  const earlier = workshopState.knownRounds.value.filter(
    (round) => round.roundId !== current?.roundId || current.status === "closed",
  );
  const wanted = wholeNumber(count);
  const countValid = wanted !== null && wanted >= 1 && wanted <= MAX_ROOMS;
  const planned = rows.slice(0, shown);

  function changeCount(raw: string) {
    setCount(raw);
    const number = wholeNumber(raw);
    if (number === null || number < 1 || number > MAX_ROOMS) return;
    setShown(number);
    setRows((previous) => rowsFor(number, previous));
  }

  function usePasted() {
    const names = paste
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    if (names.length < 1 || names.length > MAX_ROOMS) {
      setProblems([t("plan.errorPaste", { max: MAX_ROOMS })]);
      return;
    }
    setProblems([]);
    setRows((previous) => names.map((name, index) => ({ ...(previous[index] ?? defaultRow(index)), name })));
    setCount(String(names.length));
    setShown(names.length);
  }

  function updateRow(index: number, change: Partial<RoomRow>) {
    setRows((previous) => previous.map((row, at) => (at === index ? { ...row, ...change } : row)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    const checked = checkPlan(planned, minutes, warning, selfSelect, reuse, chosenSession(session));
    if (!countValid || !checked.ok) {
      const countProblem = countValid ? [] : [t("plan.errorCount", { max: MAX_ROOMS })];
      setProblems([...countProblem, ...(checked.ok ? [] : checked.problems)]);
      return;
    }
    setProblems([]);
    setBusy(true);
    const outcome = await planRound(checked.plan);
    setBusy(false);
    if (outcome?.ok) onPlanned();
  }

  return (
    <form class="plan-form" onSubmit={submit} noValidate data-testid="plan-form" aria-labelledby="plan-heading">
      <h3 id="plan-heading">{t("plan.heading")}</h3>
      <SessionPicker
        id="plan-session"
        label={t("programme.roundSessionLabel")}
        choice={session}
        testId="plan-session"
        onChange={setSession}
      />
      <div class="inline-fields">
        <div class="field field-narrow">
          <label for="plan-count">{t("plan.countLabel")}</label>
          <input
            id="plan-count"
            type="number"
            min={1}
            max={MAX_ROOMS}
            inputMode="numeric"
            value={count}
            data-testid="plan-count"
            onInput={(event) => changeCount(event.currentTarget.value)}
          />
        </div>
      </div>

      <details class="subsection">
        <summary>{t("plan.pasteSummary")}</summary>
        <div class="field">
          <label for="plan-paste">{t("plan.pasteLabel")}</label>
          <textarea
            id="plan-paste"
            rows={5}
            value={paste}
            data-testid="plan-paste"
            onInput={(event) => setPaste(event.currentTarget.value)}
          />
        </div>
        <button type="button" class="button secondary" data-testid="plan-paste-apply" onClick={usePasted}>
          {t("plan.pasteApply")}
        </button>
      </details>

      <p class="hint" id="plan-note-hint">
        {t("plan.contentNoteHint")}
      </p>
      <ol class="plan-rooms" aria-label={t("plan.roomsLabel")}>
        {planned.map((row, index) => {
          const number = index + 1;
          return (
            <li key={index} class="plan-room" data-testid="plan-room">
              <div class="field">
                <label for={`plan-name-${index}`}>{t("plan.nameLabel", { number })}</label>
                <input
                  id={`plan-name-${index}`}
                  type="text"
                  value={row.name}
                  maxLength={ROOM_NAME_MAX}
                  data-testid="plan-room-name"
                  onInput={(event) => updateRow(index, { name: event.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for={`plan-topic-${index}`}>{t("plan.topicLabel", { number })}</label>
                <input
                  id={`plan-topic-${index}`}
                  type="text"
                  value={row.topic}
                  maxLength={ROOM_TOPIC_MAX}
                  data-testid="plan-room-topic"
                  onInput={(event) => updateRow(index, { topic: event.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for={`plan-note-${index}`}>{t("plan.contentNoteLabel", { number })}</label>
                <input
                  id={`plan-note-${index}`}
                  type="text"
                  value={row.contentNote}
                  maxLength={CONTENT_NOTE_MAX}
                  aria-describedby="plan-note-hint"
                  data-testid="plan-room-content-note"
                  onInput={(event) => updateRow(index, { contentNote: event.currentTarget.value })}
                />
              </div>
              <div class="check">
                <input
                  id={`plan-names-${index}`}
                  type="checkbox"
                  checked={row.namesVisible}
                  data-testid="plan-room-names-visible"
                  onChange={(event) => updateRow(index, { namesVisible: event.currentTarget.checked })}
                />
                <label for={`plan-names-${index}`}>{t("plan.namesVisibleLabel", { number })}</label>
              </div>
              <div class="field field-narrow">
                <label for={`plan-capacity-${index}`}>{t("plan.capacityLabel", { number })}</label>
                <input
                  id={`plan-capacity-${index}`}
                  type="number"
                  min={1}
                  max={MAX_CAPACITY}
                  inputMode="numeric"
                  placeholder={t("plan.capacityNone")}
                  value={row.capacity}
                  data-testid="plan-room-capacity"
                  onInput={(event) => updateRow(index, { capacity: event.currentTarget.value })}
                />
              </div>
            </li>
          );
        })}
      </ol>

      <div class="inline-fields">
        <div class="field field-narrow">
          <label for="plan-duration">{t("plan.durationLabel")}</label>
          <input
            id="plan-duration"
            type="number"
            min={1}
            max={MAX_MINUTES}
            inputMode="numeric"
            value={minutes}
            data-testid="plan-duration"
            onInput={(event) => setMinutes(event.currentTarget.value)}
          />
        </div>
        <div class="field field-narrow">
          <label for="plan-warning">{t("plan.warningLabel")}</label>
          <input
            id="plan-warning"
            type="number"
            min={0}
            max={600}
            inputMode="numeric"
            value={warning}
            data-testid="plan-warning"
            onInput={(event) => setWarning(event.currentTarget.value)}
          />
        </div>
      </div>
      <div class="check">
        <input
          id="plan-self-select"
          type="checkbox"
          checked={selfSelect}
          data-testid="plan-self-select"
          onChange={(event) => setSelfSelect(event.currentTarget.checked)}
        />
        <label for="plan-self-select">{t("plan.selfSelectLabel")}</label>
      </div>
      {earlier.length > 0 ? (
        <div class="field">
          <label for="plan-reuse">{t("plan.reuseLabel")}</label>
          <select
            id="plan-reuse"
            value={reuse}
            data-testid="plan-reuse"
            onChange={(event) => setReuse(event.currentTarget.value)}
          >
            <option value="">{t("plan.reuseNone")}</option>
            {earlier.map((round) => (
              <option key={round.roundId} value={round.roundId}>
                {t("plan.reuseRound", { number: round.number })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ProblemList problems={problems} testId="plan-problems" />
      <button type="submit" class="button primary" data-testid="plan-submit" disabled={busy}>
        {t("plan.submit", { count: planned.length })}
      </button>
    </form>
  );
}

export function ProblemList({ problems, testId }: { problems: readonly string[]; testId: string }) {
  return (
    <div role="alert" data-testid={testId}>
      {problems.length > 0 ? (
        <ul class="problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
