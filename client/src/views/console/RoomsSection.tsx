import { useState } from "preact/hooks";
import type { ParticipantId, RoomId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { consoleRoom } from "../../state/consoleState.js";
import { workshopState } from "../../state/workshopState.js";
import { isRunning } from "../breakout/model.js";
import { TimeLeft } from "../breakout/Timer.js";
import { roomRows } from "./model.js";
import { RoomGrid } from "./RoomGrid.js";
import { RoomPane } from "./RoomPane.js";

/**
 * The console's rooms: the grid of every room of the current round and, beside it on a wide
 * screen (under it on a phone), the room opened from it. Shown while a round is planned or runs.
 */
export function RoomsSection({ myId }: { myId: ParticipantId }) {
  const [query, setQuery] = useState("");
  const round = workshopState.round.value;
  if (!round || round.status === "closed") return null;
  const rows = roomRows.value;
  const running = isRunning(round);
  const selected = consoleRoom.value;
  const selectedRow = selected ? rows.find((row) => row.room.roomId === selected) : undefined;
  let inRooms = 0;
  for (const row of rows) inRooms += row.count;

  function open(roomId: RoomId) {
    consoleRoom.value = roomId;
  }

  function close() {
    const roomId = consoleRoom.peek();
    consoleRoom.value = null;
    // Back to the room's line in the grid, where the keyboard user came from.
    document.querySelector<HTMLElement>(`[data-testid="room-row"][data-room-id="${roomId}"] button`)?.focus();
  }

  return (
    <section
      id="console-rooms"
      class="console-rooms panel"
      aria-labelledby="console-rooms-heading"
      data-testid="console-rooms"
    >
      <div class="section-head">
        <h2 id="console-rooms-heading">{t("dashboard.heading", { count: round.rooms.length })}</h2>
        <p class="count">
          {t("dashboard.summary", { inRooms, total: workshopState.total.value })}
          {running ? (
            <>
              {" · "}
              {tSlots("round.timeLeft", { time: <TimeLeft round={round} /> })}
            </>
          ) : null}
        </p>
      </div>
      <div class={`console-rooms-body${selectedRow ? " with-pane" : ""}`}>
        <RoomGrid round={round} rows={rows} running={running} query={query} onQuery={setQuery} onOpen={open} />
        {selectedRow ? (
          <RoomPane row={selectedRow} running={running} myId={myId} onClose={close} />
        ) : (
          <p class="room-pane-empty muted" data-testid="room-pane-empty">
            {t("console.paneEmpty")}
          </p>
        )}
      </div>
    </section>
  );
}
