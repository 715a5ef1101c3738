import { useState } from "preact/hooks";
import type { AssignConstraints, RoundView } from "../../../../shared/breakout.js";
import type { CommandResult } from "../../../../shared/events.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { assignRooms, preassign } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { ManualAssign } from "./ManualAssign.js";
import { namesOf, roomsById } from "./model.js";
import { ProblemList } from "./PlanForm.js";

type AssignResult = CommandResult<"breakout:assign">;
type Unmet = AssignResult["unmet"][number];
type PreassignResult = CommandResult<"breakout:preassign">;
type Pair = [ParticipantId, ParticipantId];

const TAG_KEY = /^[a-z][a-z0-9_-]{0,19}$/;

/** Every wish the assignment could not keep, in plain words: none is ever hidden. */
function describeUnmet(unmet: Unmet): string {
  const unknown = t("assign.someone");
  switch (unmet.kind) {
    case "capacity":
      return t("assign.unmetCapacity", { names: namesOf(unmet.participantIds, unknown) });
    case "keepTogether":
      return t("assign.unmetTogether", { names: namesOf(unmet.participantIds, unknown), reason: unmet.reason });
    case "keepApart":
      return t("assign.unmetApart", { names: namesOf(unmet.participantIds, unknown), reason: unmet.reason });
    case "groupByTag":
      return t("assign.unmetGroup", { tag: unmet.tag, value: unmet.value, reason: unmet.reason });
    case "leadPerRoom": {
      const rooms = roomsById.value;
      return t("assign.unmetLead", {
        rooms: unmet.roomIds.map((roomId) => rooms.get(roomId)?.name ?? t("assign.unknownRoom")).join(", "),
      });
    }
    default: {
      const exhaustive: never = unmet;
      return String(exhaustive);
    }
  }
}

const preassignReasons: Record<PreassignResult["unmatched"][number]["reason"], MessageKey> = {
  "unknown person": "preassign.reasonUnknownPerson",
  "unknown room": "preassign.reasonUnknownRoom",
  "ambiguous person": "preassign.reasonAmbiguous",
  malformed: "preassign.reasonMalformed",
  "room full": "preassign.reasonRoomFull",
};

/** Assigning people: automatically with constraints, from a pasted list, or one by one. */
export function AssignPanel({ round, myId }: { round: RoundView; myId: ParticipantId }) {
  return (
    <details class="subsection" open={round.status === "planned"} data-testid="assign-panel">
      <summary>{t("assign.heading")}</summary>
      <AutoAssign round={round} />
      <Preassign round={round} />
      <ManualAssign round={round} myId={myId} />
    </details>
  );
}

function AutoAssign({ round }: { round: RoundView }) {
  const [groupByTag, setGroupByTag] = useState("");
  const [leadPerRoom, setLeadPerRoom] = useState(false);
  const [together, setTogether] = useState<Pair[]>([]);
  const [apart, setApart] = useState<Pair[]>([]);
  const [reshuffle, setReshuffle] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [result, setResult] = useState<AssignResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const tag = groupByTag.trim().toLowerCase();
    if (tag && !TAG_KEY.test(tag)) {
      setProblems([t("assign.errorTag")]);
      return;
    }
    setProblems([]);
    const constraints: AssignConstraints = {
      ...(tag ? { groupByTag: tag } : {}),
      ...(together.length ? { keepTogether: together } : {}),
      ...(apart.length ? { keepApart: apart } : {}),
      ...(leadPerRoom ? { leadPerRoom: true } : {}),
    };
    setBusy(true);
    const outcome = await assignRooms(round.roundId, constraints, reshuffle);
    setBusy(false);
    setResult(outcome?.ok ? outcome.data : null);
  }

  return (
    <form class="assign-auto" onSubmit={submit} noValidate aria-labelledby="assign-auto-heading">
      <h4 id="assign-auto-heading">{t("assign.autoHeading")}</h4>
      <div class="field">
        <label for="assign-group-tag">{t("assign.groupByTagLabel")}</label>
        <p class="hint" id="assign-group-tag-hint">
          {t("assign.groupByTagHint")}
        </p>
        <input
          id="assign-group-tag"
          type="text"
          value={groupByTag}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          maxLength={20}
          aria-describedby="assign-group-tag-hint"
          data-testid="assign-group-tag"
          onInput={(event) => setGroupByTag(event.currentTarget.value)}
        />
      </div>
      <div class="check">
        <input
          id="assign-lead-per-room"
          type="checkbox"
          checked={leadPerRoom}
          data-testid="assign-lead-per-room"
          onChange={(event) => setLeadPerRoom(event.currentTarget.checked)}
        />
        <label for="assign-lead-per-room">{t("assign.leadPerRoomLabel")}</label>
      </div>
      <PairsSection together={together} apart={apart} onTogether={setTogether} onApart={setApart} />
      <div class="check">
        <input
          id="assign-reshuffle"
          type="checkbox"
          checked={reshuffle}
          data-testid="assign-reshuffle"
          onChange={(event) => setReshuffle(event.currentTarget.checked)}
        />
        <label for="assign-reshuffle">{t("assign.reshuffleLabel")}</label>
      </div>
      <ProblemList problems={problems} testId="assign-problems" />
      <button type="submit" class="button primary" data-testid="assign-auto" disabled={busy}>
        {busy ? t("assign.assigning") : t("assign.autoSubmit")}
      </button>
      <div role="status">{result ? <AssignReport result={result} /> : null}</div>
    </form>
  );
}

function AssignReport({ result }: { result: AssignResult }) {
  const unknown = t("assign.someone");
  return (
    <div class="report" data-testid="assign-result" data-moved={result.moved}>
      <p>{t("assign.moved", { count: result.moved })}</p>
      {result.unassigned.length > 0 ? (
        <p class="report-warning" data-testid="assign-unassigned">
          {t("assign.unassigned", { names: namesOf(result.unassigned, unknown) })}
        </p>
      ) : null}
      {result.unmet.length > 0 ? (
        <>
          <p class="report-warning">{t("assign.unmetHeading", { count: result.unmet.length })}</p>
          <ul class="problems">
            {result.unmet.map((unmet, index) => (
              <li key={index} data-testid="assign-unmet" data-kind={unmet.kind}>
                {describeUnmet(unmet)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("assign.allMet")}</p>
      )}
    </div>
  );
}

type PairsSectionProps = {
  together: Pair[];
  apart: Pair[];
  onTogether: (pairs: Pair[]) => void;
  onApart: (pairs: Pair[]) => void;
};

/**
 * Keep-together and keep-apart pairs. The people lists (thousands of options each) are only
 * built while the section is open, so the panel stays light in a large workshop.
 */
function PairsSection({ together, apart, onTogether, onApart }: PairsSectionProps) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="subsection pairs-section"
      data-testid="assign-pairs"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t("assign.pairsSummary", { together: together.length, apart: apart.length })}</summary>
      {open ? (
        <>
          <PairPicker kind="together" pairs={together} onChange={onTogether} />
          <PairPicker kind="apart" pairs={apart} onChange={onApart} />
        </>
      ) : null}
    </details>
  );
}

/** Two people picked from lists, added as a keep-together or keep-apart pair. */
function PairPicker({
  kind,
  pairs,
  onChange,
}: {
  kind: "together" | "apart";
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
}) {
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const people = workshopState.sorted.value;
  const unknown = t("assign.someone");
  const heading = kind === "together" ? t("assign.togetherHeading") : t("assign.apartHeading");
  const id = `assign-${kind}`;

  function add() {
    if (!first || !second || first === second) return;
    if (pairs.some(([a, b]) => (a === first && b === second) || (a === second && b === first))) return;
    onChange([...pairs, [first, second]]);
    setFirst("");
    setSecond("");
  }

  return (
    <fieldset class="pairs" data-testid={`${id}-pairs`}>
      <legend>{heading}</legend>
      <div class="inline-fields">
        <div class="field">
          <label for={`${id}-a`}>{t("assign.personOne")}</label>
          <select
            id={`${id}-a`}
            value={first}
            data-testid={`${id}-a`}
            onChange={(event) => setFirst(event.currentTarget.value)}
          >
            <option value="">{t("assign.choosePerson")}</option>
            {people.map((person) => (
              <option key={person.participantId} value={person.participantId}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-b`}>{t("assign.personTwo")}</label>
          <select
            id={`${id}-b`}
            value={second}
            data-testid={`${id}-b`}
            onChange={(event) => setSecond(event.currentTarget.value)}
          >
            <option value="">{t("assign.choosePerson")}</option>
            {people.map((person) => (
              <option key={person.participantId} value={person.participantId} disabled={person.participantId === first}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          class="button secondary"
          data-testid={`${id}-add`}
          disabled={!first || !second || first === second}
          onClick={add}
        >
          {t("assign.addPair")}
        </button>
      </div>
      {pairs.length > 0 ? (
        <ul class="pair-list">
          {pairs.map(([a, b]) => {
            const names = namesOf([a, b], unknown);
            return (
              <li key={`${a}/${b}`}>
                <span>{names}</span>
                <button
                  type="button"
                  class="button small secondary"
                  aria-label={t("assign.removePairLabel", { names })}
                  onClick={() => onChange(pairs.filter(([x, y]) => !(x === a && y === b)))}
                >
                  {t("assign.removePair")}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}

function Preassign({ round }: { round: RoundView }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PreassignResult | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const outcome = await preassign(round.roundId, text);
    setBusy(false);
    setResult(outcome?.ok ? outcome.data : null);
  }

  return (
    <form class="preassign" onSubmit={submit} noValidate aria-labelledby="preassign-heading">
      <h4 id="preassign-heading">{t("preassign.heading")}</h4>
      <div class="field">
        <label for="preassign-text">{t("preassign.label")}</label>
        <p class="hint" id="preassign-hint">
          {t("preassign.hint")}
        </p>
        <textarea
          id="preassign-text"
          rows={5}
          value={text}
          maxLength={60_000}
          aria-describedby="preassign-hint"
          data-testid="preassign-text"
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button secondary" data-testid="preassign-submit" disabled={busy || !text.trim()}>
        {t("preassign.submit")}
      </button>
      <div role="status">
        {result ? (
          <div class="report" data-testid="preassign-result">
            <p>{t("assign.moved", { count: result.moved })}</p>
            {result.unmatched.length > 0 ? (
              <>
                <p class="report-warning">{t("preassign.unmatchedHeading", { count: result.unmatched.length })}</p>
                <ul class="problems">
                  {result.unmatched.map((line) => (
                    <li key={line.line} data-testid="preassign-unmatched">
                      {t("preassign.unmatchedLine", {
                        line: line.line,
                        text: line.text,
                        reason: t(preassignReasons[line.reason]),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t("preassign.allMatched")}</p>
            )}
          </div>
        ) : null}
      </div>
    </form>
  );
}
