import { useEffect, useRef } from "preact/hooks";
import type { ParticipantId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { visitRoom } from "../../net/breakout.js";
import { workshopState } from "../../state/workshopState.js";
import { HelpItem } from "../breakout/HelpQueue.js";
import { NotesPanel } from "../notes/NotesPanel.js";
import { QnaPanel } from "../qna/QnaPanel.js";
import type { RoomRow } from "./model.js";

type RoomPaneProps = { row: RoomRow; running: boolean; myId: ParticipantId; onClose: () => void };

/**
 * One room beside the grid: its help requests, its people, its questions (the room's board,
 * fetched while the pane shows it) and its notes. Its heading takes focus when a room opens,
 * so a keyboard or screen reader user lands in it.
 */
export function RoomPane({ row, running, myId, onClose }: RoomPaneProps) {
  const { room } = row;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const visiting = workshopState.myAssignment.value === room.roomId;
  const people = workshopState.membersOf(room.roomId);
  useEffect(() => {
    headingRef.current?.focus();
  }, [room.roomId]);

  return (
    <section
      class="room-pane panel"
      aria-labelledby="room-pane-heading"
      data-testid="room-pane"
      data-room-id={room.roomId}
      data-name={room.name}
    >
      <div class="room-pane-head">
        <h3 id="room-pane-heading" tabIndex={-1} ref={headingRef} dir="auto">
          {room.name}
        </h3>
        <button
          type="button"
          class="button small secondary"
          data-testid="room-pane-close"
          aria-label={t("console.paneCloseLabel", { name: room.name })}
          onClick={onClose}
        >
          {t("console.paneClose")}
        </button>
      </div>
      {room.topic ? <p class="room-topic">{room.topic}</p> : null}
      <p class="muted">
        {room.capacity === null
          ? t("dashboard.people", { count: row.count })
          : t("dashboard.peopleOf", { count: row.count, capacity: room.capacity })}
        {" · "}
        {row.leadName ? t("dashboard.lead", { name: row.leadName }) : t("dashboard.noLead")}
      </p>
      {row.helps.length > 0 ? (
        <ul class="help-list" aria-label={t("helpQueue.heading", { count: row.helps.length })}>
          {row.helps.map((help) => (
            <HelpItem key={help.helpId} help={help} />
          ))}
        </ul>
      ) : null}
      {running && !room.closed ? (
        <p>
          <button
            type="button"
            class="button small secondary"
            data-testid="room-pane-visit"
            onClick={() => void visitRoom(visiting ? null : room.roomId)}
          >
            {visiting ? t("dashboard.leaveLabel", { name: room.name }) : t("dashboard.visitLabel", { name: room.name })}
          </button>
        </p>
      ) : null}
      <h4 id="room-pane-people">{t("dashboard.whoIsThere", { name: room.name })}</h4>
      {people.length > 0 ? (
        <ul class="room-pane-people" aria-labelledby="room-pane-people" data-testid="room-pane-people">
          {people.map((person) => (
            <li key={person.participantId} data-online={person.online ? "true" : "false"}>
              <span dir="auto">{person.displayName}</span>
              {person.role !== "participant" ? <span class="badge">{t(`role.${person.role}`)}</span> : null}
              {person.online ? null : <span class="muted"> · {t("console.offline")}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("dashboard.empty")}</p>
      )}
      {/* Visiting the room shows its questions and notes above already: one copy on the page. */}
      {visiting ? (
        <p class="hint">{t("console.visitingHint")}</p>
      ) : (
        <>
          <QnaPanel key={`qna-${room.roomId}`} boardId={room.roomId} myId={myId} />
          <NotesPanel key={`notes-${room.roomId}`} docId={room.roomId} myId={myId} />
        </>
      )}
    </section>
  );
}
