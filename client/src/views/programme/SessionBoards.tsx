import type { ParticipantId } from "../../../../shared/ids.js";
import { nowAndNext, sessionBoardId } from "../../../../shared/programme.js";
import { t } from "../../i18n/index.js";
import { serverNow } from "../../state/clock.js";
import { workshopState } from "../../state/workshopState.js";
import { QnaPanel } from "../qna/QnaPanel.js";

/** The Q&A board of each session on now, in the plenary: questions for this panel go to its board. */
export function SessionBoards({ myId }: { myId: ParticipantId }) {
  const { now } = nowAndNext(workshopState.programme.value, serverNow.value);
  return (
    <>
      {now.map((session) => (
        <QnaPanel
          key={session.sessionId}
          boardId={sessionBoardId(session.sessionId)}
          myId={myId}
          title={t("programme.sessionQna", { title: session.title })}
        />
      ))}
    </>
  );
}
