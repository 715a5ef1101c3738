import { useEffect, useRef } from "preact/hooks";
import type { HelpView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { tSlots } from "../../i18n/slots.js";
import { announce } from "../../state/announcer.js";
import { consoleRoom, consoleRoomFilter } from "../../state/consoleState.js";
import { workshopState } from "../../state/workshopState.js";
import { roomsById } from "../breakout/model.js";
import { Elapsed } from "../breakout/Timer.js";
import { attention } from "./model.js";
import { jumpTo } from "./sections.js";
import { chime, setSoundOn, soundOn } from "./sound.js";

/** Opens a room in the pane beside the grid and brings the grid into view (the pane takes focus). */
export function openRoom(roomId: RoomId): void {
  consoleRoom.value = roomId;
  document.getElementById("console-rooms")?.scrollIntoView({ block: "start" });
}

function showRoomsNeedingAttention(): void {
  consoleRoomFilter.value = "attention";
  jumpTo("rooms");
}

/**
 * Always on screen for facilitators (sticky under the top bar, on phones too): who waits for a
 * facilitator and which rooms lack something, each a button to the place where it is dealt with.
 */
export function AttentionBar() {
  const now = attention.value;
  const rooms = roomsById.value;
  useNewHelpSignal(now.helpsWaiting);
  const roomName = (roomId: RoomId) => rooms.get(roomId)?.name ?? t("assign.unknownRoom");
  const roomQuestions = [...now.questions].filter(([boardId]) => boardId !== "plenary");
  const plenaryQuestions = now.questions.get("plenary") ?? 0;
  const nothing =
    now.helpsWaiting.length === 0 &&
    now.helpsTaken.length === 0 &&
    now.questionsWaiting === 0 &&
    now.roomsWithoutLead.length === 0 &&
    now.roomsWithoutNoteTaker.length === 0 &&
    now.roomsNotesOffline.length === 0;

  return (
    <section
      id="console-attention"
      class="attention-bar"
      aria-labelledby="attention-heading"
      data-testid="attention-bar"
      data-waiting={now.helpsWaiting.length + now.questionsWaiting}
    >
      <h2 id="attention-heading" class="attention-heading">
        {t("console.attentionHeading")}
      </h2>
      {nothing ? (
        <p class="attention-none" data-testid="attention-none">
          {t("console.attentionNone")}
        </p>
      ) : (
        <ul class="attention-items">
          {[...now.helpsWaiting, ...now.helpsTaken].map((help) => (
            <HelpChip key={help.helpId} help={help} room={roomName(help.roomId)} />
          ))}
          {plenaryQuestions > 0 ? (
            <li>
              <button
                type="button"
                class="attention-item attention-urgent"
                data-testid="attention-questions"
                data-board-id="plenary"
                onClick={() => jumpTo("qna")}
              >
                {t("console.questionsPlenary", { count: plenaryQuestions })}
              </button>
            </li>
          ) : null}
          {roomQuestions.map(([boardId, count]) => (
            <li key={boardId}>
              <button
                type="button"
                class="attention-item attention-urgent"
                data-testid="attention-questions"
                data-board-id={boardId}
                onClick={() => openRoom(boardId)}
              >
                {t("console.questionsRoom", { count, room: roomName(boardId) })}
              </button>
            </li>
          ))}
          {now.roomsNotesOffline.length > 0 ? (
            <RoomsItem
              testId="attention-notes-offline"
              text={t("console.notesOffline", { count: now.roomsNotesOffline.length })}
            />
          ) : null}
          {now.roomsWithoutLead.length > 0 ? (
            <RoomsItem
              testId="attention-no-lead"
              text={t("console.roomsWithoutLead", { count: now.roomsWithoutLead.length })}
            />
          ) : null}
          {now.roomsWithoutNoteTaker.length > 0 ? (
            <RoomsItem
              testId="attention-no-note-taker"
              text={t("console.roomsWithoutNoteTaker", { count: now.roomsWithoutNoteTaker.length })}
            />
          ) : null}
        </ul>
      )}
      <button
        type="button"
        class="button small secondary attention-sound"
        aria-pressed={soundOn.value}
        data-testid="attention-sound"
        onClick={() => setSoundOn(!soundOn.value)}
      >
        {t("console.sound")}
      </button>
    </section>
  );
}

function RoomsItem({ testId, text }: { testId: string; text: string }) {
  return (
    <li>
      <button type="button" class="attention-item" data-testid={testId} onClick={showRoomsNeedingAttention}>
        {text}
      </button>
    </li>
  );
}

/**
 * A help request: "Room 37 · help waiting 1:12" while nobody took it, then "Room 37 · Rana is on
 * the way", so co-facilitators see who went. Opens the room beside the grid.
 */
function HelpChip({ help, room }: { help: HelpView; room: string }) {
  const waiting = help.status === "open";
  const helper = help.takenBy ? workshopState.participant(help.takenBy)?.displayName : undefined;
  return (
    <li>
      <button
        type="button"
        class={waiting ? "attention-item attention-urgent" : "attention-item"}
        data-testid="attention-help"
        data-room-id={help.roomId}
        data-status={help.status}
        onClick={() => openRoom(help.roomId)}
      >
        {waiting
          ? tSlots("console.helpWaiting", { room, time: <Elapsed since={help.createdAt} /> })
          : helper
            ? t("console.helpTakenBy", { room, name: helper })
            : t("console.helpTaken", { room })}
      </button>
    </li>
  );
}

/** A help request that was not there before: said in the page's live region, and the chime when it is on. */
function useNewHelpSignal(waiting: readonly HelpView[]): void {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const known = seen.current;
    seen.current = new Set(waiting.map((help) => help.helpId));
    // What was already waiting when the console opened is on screen, not news.
    if (known === null) return;
    const fresh = waiting.filter((help) => !known.has(help.helpId));
    const first = fresh[0];
    if (!first) return;
    announce(t("console.helpAnnounce", { room: roomsById.peek().get(first.roomId)?.name ?? "" }));
    if (soundOn.peek()) chime();
  }, [waiting]);
}
