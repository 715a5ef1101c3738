import { useEffect, useRef, useState } from "preact/hooks";
import { knowsWholeRoster } from "../../../shared/audience.js";
import { formatJoinCode } from "../../../shared/joinCode.js";
import { t } from "../i18n/index.js";
import { tSlots } from "../i18n/slots.js";
import { resumeSession } from "../net/session.js";
import { endWorkshop } from "../net/workshop.js";
import { navigate } from "../router.js";
import { myRole } from "../state/myRole.js";
import { session } from "../state/session.js";
import { workshopState } from "../state/workshopState.js";
import { AboutMe } from "./breakout/AboutMe.js";
import { Banners } from "./breakout/Banners.js";
import { BreakoutPanel } from "./breakout/BreakoutPanel.js";
import { backFromRoom, isRunning, roomsById } from "./breakout/model.js";
import { RoomPicker } from "./breakout/RoomPicker.js";
import { RoomView } from "./breakout/RoomView.js";
import { TagsDialog } from "./breakout/TagsDialog.js";
import { TimeLeft } from "./breakout/Timer.js";
import { CallsPanel } from "./calls/CallsPanel.js";
import { JoinCall } from "./calls/JoinCall.js";
import { ChatPanel } from "./chat/ChatPanel.js";
import { ConsoleTop } from "./console/ConsoleTop.js";
import { RoomsSection } from "./console/RoomsSection.js";
import { HandsPanel } from "./hands/HandsPanel.js";
import { useFocusOnMount } from "./hooks.js";
import { MyListing } from "./MyListing.js";
import { Notice } from "./Notice.js";
import { NotesPanel } from "./notes/NotesPanel.js";
import { ParticipantList } from "./ParticipantList.js";
import { PrivacyPanel } from "./PrivacyPanel.js";
import { PollsPanel } from "./polls/PollsPanel.js";
import { NowNext } from "./programme/NowNext.js";
import { ProgrammePanel } from "./programme/ProgrammePanel.js";
import { SessionBoards } from "./programme/SessionBoards.js";
import { QnaPanel } from "./qna/QnaPanel.js";
import { ReportPanel } from "./report/ReportPanel.js";
import { SupportOverview } from "./support/SupportOverview.js";
import { SupportQueue } from "./support/SupportQueue.js";

export function WorkshopView() {
  useEffect(() => {
    if (!resumeSession()) navigate("/join", { replace: true });
  }, []);

  const workshop = workshopState.workshop.value;
  const me = session.value;
  const role = myRole.value;
  if (!workshop || !me || !role) {
    return (
      <section class="card" aria-busy="true">
        <p role="status">{t("workshop.loading")}</p>
        {/* Why it does not connect, when it is something the person can fix (too many tabs open). */}
        <Notice />
      </section>
    );
  }
  const isFacilitator = role === "facilitator";
  // A safeguarding lead's queue comes first wherever they are: a request should not wait below the fold.
  const supportQueue = role === "safeguarding-lead" ? <SupportQueue myId={me.participantId} /> : null;
  // The outcome report is theirs to take: facilitators and note-takers (the server decides too).
  const takesReport = isFacilitator || role === "note-taker";
  const round = workshopState.round.value;
  const myRoomId = workshopState.myRoomId.value;
  const myRoom = myRoomId ? roomsById.value.get(myRoomId) : undefined;
  const running = isRunning(round);

  // While the round runs, a participant's whole view is their room; the plenary comes back by itself.
  if (!isFacilitator && running && myRoom) {
    return (
      <section class="workshop" aria-label={workshop.title}>
        <p class="room-workshop-title">{workshop.title}</p>
        <Notice />
        {supportQueue}
        <RoomView key={myRoom.roomId} round={round} room={myRoom} myId={me.participantId} visiting={false} />
        {/* Whether to be listed is theirs to change in a room too (roommates see it where names are hidden). */}
        {role === "participant" ? <MyListing rosterPrivate={workshop.rosterPrivate} myId={me.participantId} /> : null}
        {takesReport ? <ReportPanel /> : null}
      </section>
    );
  }

  const picking = !isFacilitator && running && round.selfSelect && !myRoom;
  return (
    <section
      class={isFacilitator ? "workshop workshop-console" : "workshop"}
      aria-labelledby="workshop-title"
      data-testid="plenary-view"
    >
      <div class="workshop-head">
        <WorkshopHeading title={workshop.title} />
        {isFacilitator ? (
          <p class="join-code-line" data-testid="join-code">
            {t("workshop.joinCode", { code: formatJoinCode(workshop.joinCode) })}
          </p>
        ) : null}
        <p class="me">{t("workshop.youAre", { name: me.displayName, role: t(`role.${role}`) })}</p>
        <p class="hint escape-hint">{t("leave.hint")}</p>
      </div>
      <NowNext />
      <Notice />
      <JoinCall url={workshopState.plenaryCall.value} place="plenary" />
      {supportQueue}
      {isFacilitator ? <ConsoleTop title={workshop.title} /> : null}
      {isFacilitator && running && myRoom ? (
        <RoomView key={myRoom.roomId} round={round} room={myRoom} myId={me.participantId} visiting={true} />
      ) : null}
      {isFacilitator ? <RoomsSection myId={me.participantId} /> : null}
      {picking ? <RoomPicker round={round} /> : null}
      {!isFacilitator && running && !picking ? (
        <div class="panel plenary-note" data-testid="plenary-round-note">
          <Banners roundId={round.roundId} roomId={null} />
          <p>
            {t("plenary.roundRunning", { number: round.number })}{" "}
            {tSlots("picker.timeLeft", { time: <TimeLeft round={round} /> })}
          </p>
        </div>
      ) : null}
      <HandsPanel isFacilitator={isFacilitator} />
      <PollsPanel place={PLENARY} myId={me.participantId} />
      <QnaPanel boardId="plenary" myId={me.participantId} />
      <SessionBoards myId={me.participantId} />
      <ChatPanel channelId="plenary" myId={me.participantId} />
      <NotesPanel docId="plenary" myId={me.participantId} />
      <ProgrammePanel canEdit={isFacilitator} />
      {takesReport ? <ReportPanel /> : null}
      {isFacilitator ? <BreakoutPanel myId={me.participantId} /> : null}
      {isFacilitator ? <CallsPanel /> : null}
      <ParticipantList
        myId={me.participantId}
        canManage={isFacilitator}
        namesHidden={!knowsWholeRoster({ role, rosterPrivate: workshop.rosterPrivate })}
        onDemand={role === "participant" && !workshop.rosterPrivate}
      />
      {role === "participant" ? <MyListing rosterPrivate={workshop.rosterPrivate} myId={me.participantId} /> : null}
      <AboutMe myId={me.participantId} />
      {isFacilitator ? <SupportOverview /> : null}
      {isFacilitator ? <PrivacyPanel /> : null}
      {isFacilitator ? <EndWorkshop /> : null}
      {isFacilitator ? <TagsDialog /> : null}
    </section>
  );
}

const BACK_NOTE_MS = 8000;
const PLENARY = { kind: "plenary" } as const;

/** The plenary's heading; after a room closes it takes focus and says where the person is now. */
function WorkshopHeading({ title }: { title: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const back = backFromRoom.value;
  // Each time the notice turns on, not only when the heading mounts: a notice set while the
  // heading is already on screen (after its first effect ran) would otherwise never go.
  useEffect(() => {
    if (!back) return;
    headingRef.current?.focus();
    const timer = setTimeout(() => {
      backFromRoom.value = false;
    }, BACK_NOTE_MS);
    return () => clearTimeout(timer);
  }, [back]);
  return (
    <>
      <h1 id="workshop-title" data-testid="workshop-title" tabIndex={-1} ref={headingRef} dir="auto">
        {title}
      </h1>
      <p class="back-note" role="status" data-testid="back-in-plenary">
        {back ? t("plenary.back") : ""}
      </p>
    </>
  );
}

function EndWorkshop() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <div class="end-workshop">
        <button type="button" class="button danger" data-testid="end-workshop" onClick={() => setConfirming(true)}>
          {t("workshop.endButton")}
        </button>
      </div>
    );
  }
  return (
    <fieldset class="end-workshop confirm">
      <legend>{t("workshop.endConfirmQuestion")}</legend>
      <button
        type="button"
        class="button danger"
        data-testid="end-workshop-confirm"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await endWorkshop();
          setBusy(false);
          setConfirming(false);
        }}
      >
        {t("workshop.endConfirm")}
      </button>
      <CancelButton onCancel={() => setConfirming(false)} />
    </fieldset>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  // The confirm step replaces the button that had focus: focus moves to the harmless choice.
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <button type="button" class="button secondary" data-testid="end-workshop-cancel" ref={ref} onClick={onCancel}>
      {t("workshop.cancel")}
    </button>
  );
}
