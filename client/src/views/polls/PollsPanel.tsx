import { useEffect, useRef, useState } from "preact/hooks";
import type { ParticipantId } from "../../../../shared/ids.js";
import type { PollId, PollView } from "../../../../shared/poll.js";
import { t } from "../../i18n/index.js";
import { myRole } from "../../state/myRole.js";
import { workshopState } from "../../state/workshopState.js";
import { isRunning } from "../breakout/model.js";
import { type PollPlace, pollsFor } from "./model.js";
import { PollBuilder } from "./PollBuilder.js";
import { PollCard } from "./PollCard.js";

/** Closed polls shown before "Show earlier polls". */
const CLOSED_SHOWN = 3;

type PollsPanelProps = { place: PollPlace; myId: ParticipantId };

/**
 * The polls of where the viewer is (the plenary or their room): voting cards, results, and
 * for those who run polls here (facilitators; a room's lead in their room) the builder.
 */
export function PollsPanel({ place, myId }: PollsPanelProps) {
  const role = myRole.value;
  const round = workshopState.round.value;
  const myRoomId = workshopState.myRoomId.value;
  const isFacilitator = role === "facilitator";
  const polls = pollsFor(place, workshopState.polls.value, isFacilitator);
  const [builder, setBuilder] = useState<{ editing?: PollView } | null>(null);
  const [showAllClosed, setShowAllClosed] = useState(false);
  const announcement = useAnnouncement(polls);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const builderWasOpen = useRef(false);
  useEffect(() => {
    // The builder closed (saved, opened or cancelled): focus goes back to where it came from.
    if (builderWasOpen.current && !builder) newButtonRef.current?.focus();
    builderWasOpen.current = builder !== null;
  }, [builder]);

  const leadRoom =
    place.kind === "room" && isRunning(round)
      ? round.rooms.find((room) => room.roomId === place.roomId && room.leadId === myId)
      : undefined;
  const canCreate = isFacilitator || leadRoom !== undefined;
  const empty = polls.length === 0 && !canCreate;
  const closed = polls.filter((poll) => poll.status === "closed");
  const hiddenClosed = showAllClosed ? [] : closed.slice(CLOSED_SHOWN);
  const shown = polls.filter((poll) => !hiddenClosed.includes(poll));
  const headingId = `polls-heading-${place.kind === "room" ? place.roomId : "plenary"}`;

  return (
    <section
      class={empty ? "polls polls-empty" : "panel polls"}
      aria-labelledby={empty ? undefined : headingId}
      data-testid="polls-panel"
    >
      {/* Always in the page, so a screen reader announces a poll that opens. */}
      <p class="visually-hidden" role="status" data-testid="poll-announcer">
        {announcement}
      </p>
      {empty ? null : (
        <>
          <div class="section-head">
            <h2 id={headingId}>{t("polls.heading")}</h2>
            {canCreate && !builder ? (
              <button
                type="button"
                class="button small primary"
                data-testid="poll-new"
                ref={newButtonRef}
                onClick={() => setBuilder({})}
              >
                {t("polls.new")}
              </button>
            ) : null}
          </div>
          {builder ? (
            <PollBuilder
              key={builder.editing?.pollId ?? "new"}
              editing={builder.editing}
              fixedRoom={leadRoom && !isFacilitator ? { roomId: leadRoom.roomId, name: leadRoom.name } : undefined}
              round={round}
              onDone={() => setBuilder(null)}
            />
          ) : null}
          {polls.length === 0 ? <p class="muted">{t("polls.none")}</p> : null}
          <div class="poll-list" data-testid="poll-list">
            {shown.map((poll) => (
              <PollCard
                key={poll.pollId}
                poll={poll}
                myId={myId}
                role={role}
                round={round}
                myRoomId={myRoomId}
                onEdit={(editing) => setBuilder({ editing })}
              />
            ))}
          </div>
          {closed.length > CLOSED_SHOWN ? (
            <button
              type="button"
              class="link-button"
              aria-expanded={showAllClosed}
              onClick={() => setShowAllClosed(!showAllClosed)}
            >
              {showAllClosed ? t("polls.fewerClosed") : t("polls.moreClosed", { count: closed.length - CLOSED_SHOWN })}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** "New poll: …" when a poll opens here, "Poll closed: …" when one closes; nothing for what was there on arrival. */
function useAnnouncement(polls: readonly PollView[]): string {
  const seen = useRef<Map<PollId, PollView["status"]> | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(polls.map((poll) => [poll.pollId, poll.status]));
    if (previous === null) return;
    const opened = polls.find((poll) => poll.status === "open" && previous.get(poll.pollId) !== "open");
    const closed = polls.find((poll) => poll.status === "closed" && previous.get(poll.pollId) === "open");
    // A poll behind a content note is announced by its note: the question waits for the person's choice.
    if (opened)
      setMessage(
        opened.definition.contentNote === undefined
          ? t("polls.announceOpened", { question: opened.definition.question })
          : t("polls.announceOpenedWithNote", { note: opened.definition.contentNote }),
      );
    else if (closed)
      setMessage(
        closed.definition.contentNote === undefined
          ? t("polls.announceClosed", { question: closed.definition.question })
          : t("polls.announceClosedWithNote"),
      );
  });
  return message;
}
