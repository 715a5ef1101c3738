import { useMemo, useState } from "preact/hooks";
import type { RoomView as Room, RoundView, Tags } from "../../../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../../../shared/ids.js";
import type { ParticipantView } from "../../../../shared/workshop.js";
import { t } from "../../i18n/index.js";
import { moveToRoom, swapRooms } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { useMediaQuery } from "../hooks.js";
import { VirtualList } from "../VirtualList.js";
import { editingTagsOf } from "./model.js";

const PLENARY = "";
/** The command takes at most this many people at once. */
const MOVE_CHUNK = 500;

const keyOf = (participant: ParticipantView) => participant.participantId;

export function tagSummary(tags: Tags): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}: ${value}`)
    .join(", ");
}

/** One person per row (windowed: thousands of people cost a few dozen rows), each with a room select. */
export function ManualAssign({ round, myId }: { round: RoundView; myId: ParticipantId }) {
  const [filter, setFilter] = useState("");
  const [onlyPlenary, setOnlyPlenary] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<ParticipantId>>(new Set());
  const [target, setTarget] = useState(PLENARY);
  const [busy, setBusy] = useState(false);
  const narrow = useMediaQuery("(max-width: 559px)");

  const people = workshopState.sorted.value;
  const byRoom = workshopState.membersByRoom.value;
  const query = filter.trim().toLocaleLowerCase();
  const shown = useMemo(() => {
    const placed = new Set<ParticipantId>();
    if (onlyPlenary)
      for (const members of byRoom.values()) for (const person of members) placed.add(person.participantId);
    return people.filter(
      (person) =>
        (!query || person.displayName.toLocaleLowerCase().includes(query)) &&
        (!onlyPlenary || !placed.has(person.participantId)),
    );
  }, [people, byRoom, query, onlyPlenary]);

  function toggle(participantId: ParticipantId, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(participantId);
      else next.delete(participantId);
      return next;
    });
  }

  async function moveSelected() {
    const ids = [...selected];
    if (ids.length === 0) return;
    setBusy(true);
    for (let start = 0; start < ids.length; start += MOVE_CHUNK) {
      const outcome = await moveToRoom(round.roundId, ids.slice(start, start + MOVE_CHUNK), target || null);
      if (!outcome?.ok) break;
    }
    setBusy(false);
    setSelected(new Set());
  }

  async function swapSelected() {
    const [first, second] = [...selected];
    if (!first || !second || selected.size !== 2) return;
    setBusy(true);
    const outcome = await swapRooms(round.roundId, first, second);
    setBusy(false);
    if (outcome?.ok) setSelected(new Set());
  }

  return (
    <section class="manual" aria-labelledby="manual-heading">
      <h4 id="manual-heading">{t("manual.heading")}</h4>
      <div class="inline-fields">
        <div class="field">
          <label for="manual-filter">{t("workshop.filterLabel")}</label>
          <input
            id="manual-filter"
            type="search"
            value={filter}
            autoComplete="off"
            spellcheck={false}
            data-testid="manual-filter"
            onInput={(event) => setFilter(event.currentTarget.value)}
          />
        </div>
        <div class="check">
          <input
            id="manual-only-plenary"
            type="checkbox"
            checked={onlyPlenary}
            onChange={(event) => setOnlyPlenary(event.currentTarget.checked)}
          />
          <label for="manual-only-plenary">{t("manual.onlyPlenary")}</label>
        </div>
      </div>
      <fieldset class="toolbar">
        <legend class="visually-hidden">{t("manual.selectionLabel")}</legend>
        <p class="count" data-testid="manual-selected" role="status">
          {t("manual.selected", { count: selected.size })}
        </p>
        <label for="manual-target" class="visually-hidden">
          {t("manual.targetLabel")}
        </label>
        <RoomSelect id="manual-target" testId="manual-target" rooms={round.rooms} value={target} onChange={setTarget} />
        <button
          type="button"
          class="button small primary"
          data-testid="manual-move"
          disabled={busy || selected.size === 0}
          onClick={() => void moveSelected()}
        >
          {t("manual.moveSelected")}
        </button>
        <button
          type="button"
          class="button small secondary"
          data-testid="manual-swap"
          disabled={busy || selected.size !== 2}
          onClick={() => void swapSelected()}
        >
          {t("manual.swap")}
        </button>
        <button
          type="button"
          class="button small secondary"
          disabled={selected.size === 0}
          onClick={() => setSelected(new Set())}
        >
          {t("manual.clear")}
        </button>
      </fieldset>
      {shown.length === 0 ? <p class="empty">{t("workshop.noMatch")}</p> : null}
      <VirtualList
        items={shown}
        rowHeight={narrow ? 112 : 56}
        keyOf={keyOf}
        testId="manual-list"
        labelledBy="manual-heading"
        renderRow={(person, style, position) => (
          <ManualRow
            person={person}
            round={round}
            style={style}
            position={position}
            isMe={person.participantId === myId}
            selected={selected.has(person.participantId)}
            onToggle={toggle}
          />
        )}
      />
    </section>
  );
}

type ManualRowProps = {
  person: ParticipantView;
  round: RoundView;
  style: Record<string, string>;
  position: { index: number; size: number };
  isMe: boolean;
  selected: boolean;
  onToggle: (participantId: ParticipantId, on: boolean) => void;
};

function ManualRow({ person, round, style, position, isMe, selected, onToggle }: ManualRowProps) {
  const [pending, setPending] = useState<string | null>(null);
  const roomId = workshopState.roomOf(person.participantId);
  const tags = workshopState.tagsOf(person.participantId);
  const name = person.displayName;
  const id = person.participantId;

  async function move(value: string) {
    if (value === (roomId ?? PLENARY)) return;
    setPending(value);
    await moveToRoom(round.roundId, [id], value || null);
    setPending(null);
  }

  return (
    <li
      class="mrow"
      style={style}
      aria-setsize={position.size}
      aria-posinset={position.index + 1}
      data-testid="manual-row"
      data-name={name}
      data-room-id={roomId ?? ""}
    >
      <div class="mrow-main">
        <input
          id={`pick-${id}`}
          type="checkbox"
          checked={selected}
          data-testid="manual-pick"
          onChange={(event) => onToggle(id, event.currentTarget.checked)}
        />
        <label for={`pick-${id}`} class="pname" title={name}>
          {name}
        </label>
        {isMe ? <span class="badge badge-you">{t("workshop.you")}</span> : null}
        {person.role === "facilitator" ? <span class="badge badge-facilitator">{t("role.facilitator")}</span> : null}
        <span class="tags">{tagSummary(tags)}</span>
      </div>
      <div class="mrow-side">
        <label for={`room-of-${id}`} class="visually-hidden">
          {t("manual.roomOfLabel", { name })}
        </label>
        <RoomSelect
          id={`room-of-${id}`}
          testId="manual-room-select"
          rooms={round.rooms}
          value={pending ?? roomId ?? PLENARY}
          disabled={pending !== null}
          onChange={(value) => void move(value)}
        />
        <button
          type="button"
          class="button small secondary"
          data-testid="manual-tags"
          aria-label={t("tags.editLabel", { name })}
          onClick={() => {
            editingTagsOf.value = id;
          }}
        >
          {t("tags.edit")}
        </button>
      </div>
    </li>
  );
}

type RoomSelectProps = {
  id: string;
  testId: string;
  rooms: readonly Room[];
  value: RoomId | string;
  disabled?: boolean;
  /** What the empty choice means here: the plenary (default), or "all rooms". */
  allLabel?: string;
  onChange: (value: string) => void;
};

/** "Plenary" (value "") and every room; closed rooms cannot be chosen. */
export function RoomSelect({ id, testId, rooms, value, disabled, allLabel, onChange }: RoomSelectProps) {
  return (
    <select
      id={id}
      value={value}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => onChange(event.currentTarget.value)}
    >
      <option value={PLENARY}>{allLabel ?? t("manual.plenary")}</option>
      {rooms.map((room) => (
        <option key={room.roomId} value={room.roomId} disabled={room.closed}>
          {room.name}
        </option>
      ))}
    </select>
  );
}
