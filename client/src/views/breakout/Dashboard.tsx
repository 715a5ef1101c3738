import { memo } from "preact/compat";
import { useEffect, useRef, useState } from "preact/hooks";
import type { HelpView, RoomView as Room, RoundView } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import type { ParticipantView } from "../../../../shared/workshop.js";
import { t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { closeRoom, setRoomLead, visitRoom } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { activeHelpsByRoom, isRunning } from "./model.js";
import { Elapsed, TimeLeft } from "./Timer.js";

const NAMES_SHOWN = 8;
const FILTER_FROM = 12;
const NO_HELPS: readonly HelpView[] = [];

/**
 * Every room as a card. Head-counts arrive coalesced and often, so the list re-renders cheaply:
 * each card is memoized on its own data (its people array stays the same object while they
 * stay), and only the ticking timers re-render every second.
 */
export function Dashboard({ round, myId }: { round: RoundView; myId: ParticipantId }) {
  const [filter, setFilter] = useState("");
  const [onlyHelp, setOnlyHelp] = useState(false);
  const counts = workshopState.counts.value;
  const byRoom = workshopState.membersByRoom.value;
  const helps = activeHelpsByRoom.value;
  const visiting = workshopState.myAssignment.value;
  const running = isRunning(round);
  const query = filter.trim().toLocaleLowerCase();

  let inRooms = 0;
  for (const room of round.rooms) inRooms += counts[room.roomId] ?? byRoom.get(room.roomId)?.length ?? 0;
  const rooms = round.rooms.filter(
    (room) =>
      (!query || room.name.toLocaleLowerCase().includes(query) || room.topic.toLocaleLowerCase().includes(query)) &&
      (!onlyHelp || helps.has(room.roomId)),
  );

  return (
    <section class="dashboard" aria-labelledby="dashboard-heading" data-testid="breakout-dashboard">
      <div class="section-head">
        <h3 id="dashboard-heading">{t("dashboard.heading", { count: round.rooms.length })}</h3>
        <p class="count" data-testid="dashboard-summary">
          {t("dashboard.summary", {
            inRooms,
            total: workshopState.total.value,
          })}
        </p>
      </div>
      {round.rooms.length >= FILTER_FROM ? (
        <div class="inline-fields">
          <div class="field">
            <label for="dashboard-filter">{t("dashboard.filterLabel")}</label>
            <input
              id="dashboard-filter"
              type="search"
              value={filter}
              autoComplete="off"
              data-testid="dashboard-filter"
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
          </div>
          <div class="check">
            <input
              id="dashboard-only-help"
              type="checkbox"
              checked={onlyHelp}
              onChange={(event) => setOnlyHelp(event.currentTarget.checked)}
            />
            <label for="dashboard-only-help">{t("dashboard.onlyHelp")}</label>
          </div>
        </div>
      ) : null}
      <ul class="room-grid">
        {rooms.map((room) => (
          <RoomCard
            key={room.roomId}
            round={round}
            room={room}
            count={counts[room.roomId] ?? byRoom.get(room.roomId)?.length ?? 0}
            members={byRoom.get(room.roomId) ?? []}
            helps={helps.get(room.roomId) ?? NO_HELPS}
            running={running}
            visitingHere={visiting === room.roomId}
            myId={myId}
          />
        ))}
      </ul>
    </section>
  );
}

type RoomCardProps = {
  round: RoundView;
  room: Room;
  count: number;
  members: readonly ParticipantView[];
  helps: readonly HelpView[];
  running: boolean;
  visitingHere: boolean;
  myId: ParticipantId;
};

const RoomCard = memo(function RoomCard({ round, room, count, members, helps, running, visitingHere }: RoomCardProps) {
  const [showAll, setShowAll] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const lead = room.leadId ? members.find((person) => person.participantId === room.leadId) : undefined;
  const leadName = lead?.displayName ?? (room.leadId ? workshopState.peekParticipant(room.leadId)?.displayName : null);
  const shown = showAll ? members : members.slice(0, NAMES_SHOWN);
  const oldestHelp = helps[0];
  const headingId = `card-${room.roomId}`;

  return (
    <li
      class={`room-card${room.closed ? " room-card-closed" : ""}${oldestHelp ? " room-card-help" : ""}`}
      aria-labelledby={headingId}
      data-testid="room-card"
      data-room-id={room.roomId}
      data-name={room.name}
      data-count={count}
    >
      <div class="room-card-head">
        <h4 id={headingId}>{room.name}</h4>
        <span class="headcount" data-testid="room-card-count">
          {room.capacity === null
            ? t("dashboard.people", { count })
            : t("dashboard.peopleOf", { count, capacity: room.capacity })}
        </span>
      </div>
      {room.topic ? <p class="room-topic">{room.topic}</p> : null}
      {room.closed ? (
        <p class="badge">{t("dashboard.closed")}</p>
      ) : running ? (
        <p class="muted">{tSlots("dashboard.timeLeft", { time: <TimeLeft round={round} /> })}</p>
      ) : null}
      {oldestHelp ? (
        <p class="help-flag" data-testid="room-card-help">
          {tSlots(oldestHelp.status === "taken" ? "dashboard.helpTaken" : "dashboard.helpOpen", {
            time: <Elapsed since={oldestHelp.createdAt} />,
          })}
        </p>
      ) : null}
      <p class="muted" data-testid="room-card-lead">
        {leadName ? t("dashboard.lead", { name: leadName }) : t("dashboard.noLead")}
      </p>
      {members.length > 0 ? (
        <ul class="names" aria-label={t("dashboard.whoIsThere", { name: room.name })} data-testid="room-card-people">
          {shown.map((person) => (
            <li key={person.participantId}>{person.displayName}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("dashboard.empty")}</p>
      )}
      {members.length > NAMES_SHOWN ? (
        <button type="button" class="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? t("dashboard.showFewer") : t("dashboard.showAll", { count: members.length - NAMES_SHOWN })}
        </button>
      ) : null}
      {!room.closed && round.status !== "closed" ? <LeadSelect round={round} room={room} members={members} /> : null}
      {running && !room.closed ? (
        <div class="button-row">
          <button
            type="button"
            class="button small secondary"
            data-testid="room-visit"
            aria-label={
              visitingHere
                ? t("dashboard.leaveLabel", { name: room.name })
                : t("dashboard.visitLabel", { name: room.name })
            }
            onClick={() => void visitRoom(visitingHere ? null : room.roomId)}
          >
            {visitingHere ? t("dashboard.leave") : t("dashboard.visit")}
          </button>
          {confirmClose ? (
            <>
              <button
                type="button"
                class="button small danger"
                data-testid="room-close-confirm"
                onClick={() => {
                  setConfirmClose(false);
                  void closeRoom(round.roundId, room.roomId);
                }}
              >
                {t("dashboard.closeConfirm", { name: room.name })}
              </button>
              <button type="button" class="button small secondary" onClick={() => setConfirmClose(false)}>
                {t("workshop.cancel")}
              </button>
            </>
          ) : (
            <button
              type="button"
              class="button small secondary"
              data-testid="room-close"
              aria-label={t("dashboard.closeLabel", { name: room.name })}
              onClick={() => setConfirmClose(true)}
            >
              {t("dashboard.close")}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
});

/** A button until used: 200 cards with a select of their people each would be thousands of options. */
function LeadSelect({ round, room, members }: { round: RoundView; room: Room; members: readonly ParticipantView[] }) {
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const id = `lead-${room.roomId}`;
  const leadInRoom = room.leadId !== null && members.some((person) => person.participantId === room.leadId);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (editing) selectRef.current?.focus();
  }, [editing]);

  async function change(value: string) {
    setPending(value);
    await setRoomLead(round.roundId, room.roomId, value || null);
    setPending(null);
  }

  if (!editing) {
    return (
      <button
        type="button"
        class="link-button"
        data-testid="room-lead-edit"
        aria-label={t("dashboard.changeLeadLabel", { name: room.name })}
        onClick={() => setEditing(true)}
      >
        {t("dashboard.changeLead")}
      </button>
    );
  }

  return (
    <div class="field lead-field">
      <label for={id}>{t("dashboard.leadLabel")}</label>
      <select
        id={id}
        ref={selectRef}
        data-testid="room-lead-select"
        value={pending ?? room.leadId ?? ""}
        disabled={pending !== null}
        onChange={(event) => void change(event.currentTarget.value)}
      >
        <option value="">{t("dashboard.noLeadOption")}</option>
        {room.leadId && !leadInRoom ? (
          <option value={room.leadId}>
            {workshopState.peekParticipant(room.leadId)?.displayName ?? t("assign.someone")}
          </option>
        ) : null}
        {members.map((person) => (
          <option key={person.participantId} value={person.participantId}>
            {person.displayName}
          </option>
        ))}
      </select>
      <button type="button" class="link-button" onClick={() => setEditing(false)}>
        {t("dashboard.leadDone")}
      </button>
    </div>
  );
}
