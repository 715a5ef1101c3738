import { useEffect, useState } from "preact/hooks";
import { knowsWholeRoster } from "../../../../shared/audience.js";
import { HELP_TEXT_MAX, type HelpView, type RoomView as Room, type RoundView } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { t } from "../../i18n/index.js";
import { leaveRoom, requestHelp, resolveHelp, takeHelp, visitRoom } from "../../net/breakout.js";
import { announce } from "../../state/announcer.js";
import { myRole } from "../../state/myRole.js";
import { workshopState } from "../../state/workshopState.js";
import { ContentNoteGate } from "../ContentNoteGate.js";
import { JoinCall } from "../calls/JoinCall.js";
import { ChatPanel } from "../chat/ChatPanel.js";
import { useFocusOnMount } from "../hooks.js";
import { NotesPanel } from "../notes/NotesPanel.js";
import { PollsPanel } from "../polls/PollsPanel.js";
import { QnaPanel } from "../qna/QnaPanel.js";
import { Banners } from "./Banners.js";
import { backFromRoom } from "./model.js";
import { RoundCountdown } from "./Timer.js";

type RoomViewProps = { round: RoundView; room: Room; myId: ParticipantId; visiting: boolean };

/** What someone in a breakout room sees: where they are, how long is left, who is there, and help. */
export function RoomView({ round, room, myId, visiting }: RoomViewProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const isLead = room.leadId === myId;
  useEffect(() => {
    // The whole view changed under them: said, not only shown (the heading also takes focus).
    announce(visiting ? t("room.announceVisiting", { name: room.name }) : t("room.announceMoved", { name: room.name }));
  }, [room.roomId, room.name, visiting]);
  useEffect(
    () => () => {
      // Not when the whole session ended (the state is reset first): there is no plenary to go back to.
      if (!visiting && workshopState.hasSnapshot) backFromRoom.value = true;
    },
    [visiting],
  );
  return (
    <section
      class={`room${visiting ? " room-visiting" : ""}`}
      aria-labelledby="room-name"
      data-testid="room-view"
      data-room-id={room.roomId}
    >
      <Banners roundId={round.roundId} roomId={room.roomId} />
      <div class="room-head">
        <p class="room-kicker">
          {visiting ? t("room.visitingKicker", { number: round.number }) : t("room.kicker", { number: round.number })}
        </p>
        <h1 id="room-name" tabIndex={-1} ref={headingRef} data-testid="room-name" dir="auto">
          {room.name}
        </h1>
        {isLead ? (
          <p class="badge badge-lead" data-testid="lead-badge">
            {t("room.youLead")}
          </p>
        ) : null}
        {room.topic ? (
          <p class="room-topic" data-testid="room-topic">
            {room.topic}
          </p>
        ) : null}
      </div>
      <JoinCall url={workshopState.callOf(room.roomId)} place="room" />
      <RoundCountdown round={round} />
      {/* Behind the room's content note (a visiting facilitator set it, and sees all): its polls,
          questions, notes and people. Help, the timer and the way back stay in reach either way. */}
      <ContentNoteGate
        note={visiting ? undefined : room.contentNote}
        contentKey={`room:${round.roundId}:${room.roomId}`}
        testId="room-content-note"
      >
        {/* A visiting facilitator runs and sees every poll in the plenary's panel. */}
        {visiting ? null : (
          <PollsPanel place={{ kind: "room", roundId: round.roundId, roomId: room.roomId }} myId={myId} />
        )}
        {/* The room's own board; a visiting facilitator moderates it here. */}
        <QnaPanel key={room.roomId} boardId={room.roomId} myId={myId} />
        {/* The room's chat, for people who cannot hold video; a visiting facilitator moderates it here. */}
        <ChatPanel key={`chat-${room.roomId}`} channelId={room.roomId} myId={myId} />
        {/* The room's own notes; a visiting facilitator reads and edits them here. */}
        <NotesPanel key={`notes-${room.roomId}`} docId={room.roomId} myId={myId} />
        <RoomPeople room={room} myId={myId} />
      </ContentNoteGate>
      <HelpBox round={round} room={room} canHandle={isLead || visiting} canAsk={!visiting} />
      <div class="room-actions">
        <button
          type="button"
          class="button secondary"
          data-testid="leave-room"
          onClick={() => void (visiting ? visitRoom(null) : leaveRoom())}
        >
          {visiting ? t("room.stopVisiting") : t("room.backToPlenary")}
        </button>
      </div>
    </section>
  );
}

function RoomPeople({ room, myId }: { room: Room; myId: ParticipantId }) {
  const members = workshopState.membersOf(room.roomId);
  const role = myRole.value ?? "participant";
  const rosterPrivate = workshopState.workshop.value?.rosterPrivate ?? true;
  // Under a private roster a participant sees their roommates only where the room shows names.
  const namesHidden = !knowsWholeRoster({ role, rosterPrivate }) && room.namesVisible !== true;
  const count = workshopState.counts.value[room.roomId] ?? members.length;
  return (
    <section class="room-people" aria-labelledby="room-people-heading">
      <h2 id="room-people-heading">{t("room.peopleHeading", { count })}</h2>
      {namesHidden ? (
        <p class="hint" data-testid="room-names-hidden">
          {t("room.namesHidden")}
        </p>
      ) : null}
      <ul class="name-list" data-testid="room-people">
        {members.map((person) => (
          <li key={person.participantId} data-testid="room-person" data-name={person.displayName}>
            <span class={`dot ${person.online ? "dot-on" : "dot-off"}`} aria-hidden="true" />
            <span class="pname">{person.displayName}</span>
            {person.participantId === myId ? <span class="badge badge-you">{t("workshop.you")}</span> : null}
            {person.participantId === room.leadId ? <span class="badge badge-lead">{t("room.lead")}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The room's newest request that still needs someone, else its newest one. */
function currentHelp(helps: readonly HelpView[], round: RoundView, room: Room): HelpView | null {
  let active: HelpView | null = null;
  let latest: HelpView | null = null;
  for (const help of helps) {
    if (help.roundId !== round.roundId || help.roomId !== room.roomId) continue;
    if (!latest || help.createdAt > latest.createdAt) latest = help;
    if (help.status !== "resolved" && (!active || help.createdAt > active.createdAt)) active = help;
  }
  return active ?? latest;
}

type HelpBoxProps = { round: RoundView; room: Room; canHandle: boolean; canAsk: boolean };

function HelpBox({ round, room, canHandle, canAsk }: HelpBoxProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const help = currentHelp(workshopState.helps.value, round, room);
  const waiting = help !== null && help.status !== "resolved";
  const helper = help?.takenBy ? workshopState.participant(help.takenBy)?.displayName : undefined;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || waiting) return;
    setBusy(true);
    const outcome = await requestHelp(text.trim());
    setBusy(false);
    if (outcome?.ok) setText("");
  }

  return (
    <section class="help-box" aria-labelledby="help-heading">
      <h2 id="help-heading">{t("help.heading")}</h2>
      <p class="help-status" role="status" data-testid="help-status" data-status={help?.status ?? "none"}>
        {help === null
          ? ""
          : help.status === "open"
            ? t("help.statusOpen")
            : help.status === "taken"
              ? helper
                ? t("help.statusTakenBy", { name: helper })
                : t("help.statusTaken")
              : t("help.statusResolved")}
      </p>
      {help?.text && waiting ? <p class="help-text-shown">{help.text}</p> : null}
      {canHandle && help && waiting ? (
        <div class="button-row">
          {help.status === "open" ? (
            <button
              type="button"
              class="button small primary"
              data-testid="room-help-take"
              onClick={() => void takeHelp(help.helpId)}
            >
              {t("help.take")}
            </button>
          ) : null}
          <button
            type="button"
            class="button small secondary"
            data-testid="room-help-resolve"
            onClick={() => void resolveHelp(help.helpId)}
          >
            {t("help.resolve")}
          </button>
        </div>
      ) : null}
      {waiting || !canAsk ? null : (
        <form class="help-form" onSubmit={submit} noValidate>
          <div class="field">
            <label for="help-text">{t("help.textLabel")}</label>
            <input
              id="help-text"
              type="text"
              value={text}
              maxLength={HELP_TEXT_MAX}
              data-testid="help-text"
              autoComplete="off"
              onInput={(event) => setText(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button primary" data-testid="help-request" disabled={busy}>
            {t("help.ask")}
          </button>
        </form>
      )}
    </section>
  );
}
