import { useState } from "preact/hooks";
import type { RoomView as Room, RoundView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { pickRoom } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { Banners } from "./Banners.js";
import { TimeLeft } from "./Timer.js";

/** Seats left in a room (null: no limit), from the live head-counts everyone receives. */
function freeSeats(room: Room, counts: Readonly<Record<string, number>>): number | null {
  if (room.capacity === null) return null;
  return Math.max(0, room.capacity - (counts[room.roomId] ?? 0));
}

/** Self-select: the open rooms with their topic and free seats; a full room says so and the list stays. */
export function RoomPicker({ round }: { round: RoundView }) {
  const counts = workshopState.counts.value;
  const [busy, setBusy] = useState<RoomId | null>(null);
  const [full, setFull] = useState<RoomId | null>(null);
  const rooms = round.rooms.filter((room) => !room.closed);

  async function join(room: Room) {
    if (busy) return;
    setBusy(room.roomId);
    setFull(null);
    const outcome = await pickRoom(round.roundId, room.roomId, { quiet: ["ROOM_FULL"] });
    setBusy(null);
    if (outcome && !outcome.ok && outcome.error.code === "ROOM_FULL") setFull(room.roomId);
  }

  return (
    <section class="picker" aria-labelledby="picker-heading" data-testid="room-picker">
      <Banners roundId={round.roundId} roomId={null} />
      <h2 id="picker-heading">{t("picker.heading")}</h2>
      <p>
        {t("picker.intro", { number: round.number })} {tSlots("picker.timeLeft", { time: <TimeLeft round={round} /> })}
      </p>
      <ul class="picker-list">
        {rooms.map((room) => {
          const seats = freeSeats(room, counts);
          const isFull = seats === 0;
          const seatsId = `seats-${room.roomId}`;
          return (
            <li key={room.roomId} class="picker-room" data-testid="picker-room" data-room-id={room.roomId}>
              <h3>{room.name}</h3>
              {room.topic ? <p class="room-topic">{room.topic}</p> : null}
              {/* Read before choosing: a room can be avoided without anyone being told why. */}
              {room.contentNote ? (
                <p class="content-note" data-testid="picker-content-note">
                  <span class="content-note-label">{t("contentNote.label")}</span> {room.contentNote}
                </p>
              ) : null}
              <p class="seats" id={seatsId} data-testid="picker-seats" data-free={seats === null ? "" : String(seats)}>
                {seats === null
                  ? t("picker.noLimit", { count: counts[room.roomId] ?? 0 })
                  : isFull
                    ? t("picker.full")
                    : t("picker.seatsFree", { free: seats })}
              </p>
              <button
                type="button"
                class="button primary"
                data-testid="picker-join"
                aria-label={t("picker.joinLabel", { name: room.name })}
                aria-describedby={seatsId}
                disabled={busy !== null || isFull}
                onClick={() => void join(room)}
              >
                {busy === room.roomId ? t("picker.joining") : t("picker.join")}
              </button>
              {full === room.roomId ? (
                <p class="form-error" role="alert" data-testid="picker-full">
                  {t("picker.roomFull")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
