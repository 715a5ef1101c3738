import { useEffect, useState } from "preact/hooks";
import { isNamedToAll } from "../../../../shared/audience.js";
import { roomShowsNames } from "../../../../shared/breakout.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import type { NoteDocId } from "../../../../shared/notes.js";
import { errorMessage, t } from "../../i18n/index.js";
import { setNotesAccess } from "../../net/notes.js";
import { readUnsynced } from "../../notes/notesStore.js";
import { myRole } from "../../state/myRole.js";
import { session } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { ConfirmedSwitch } from "../ConfirmedSwitch.js";
import { lazyModule, useLazyModule } from "../lazyModule.js";

/**
 * The editor (CodeMirror, Yjs, IndexedDB: several hundred kB) is loaded only when the notes are
 * shown: at once for those who write them, on demand for readers, so the first load of
 * people on phones stays small.
 */
const loadEditor = lazyModule(() => import("./NotesEditor.js"));

type NotesPanelProps = { docId: NoteDocId; myId: ParticipantId };

/** Shared notes of the plenary ("plenary") or of one breakout room (its room id). */
export function NotesPanel({ docId, myId }: NotesPanelProps) {
  const me = session.value;
  const role = myRole.value;
  const round = workshopState.round.value;
  // Co-editors see this name by their cursor: under a private roster only the name others may know.
  const self = me ? workshopState.sorted.value.find((person) => person.participantId === me.participantId) : undefined;
  const nameKnown =
    self !== undefined &&
    (isNamedToAll(workshopState.workshop.value?.rosterPrivate ?? true, self) ||
      (docId !== "plenary" && roomShowsNames(round, docId)));
  const nameForCoEditors = me && nameKnown ? me.displayName : t("notes.hiddenName");
  const openToAll = workshopState.notesOpenToAll(docId);
  const isLead =
    docId !== "plenary" && (round?.rooms.some((room) => room.roomId === docId && room.leadId === myId) ?? false);
  // What the server will most likely say (it decides): editors get the editor at once.
  const mayEdit = role === "facilitator" || role === "note-taker" || isLead || openToAll;
  const [shown, setShown] = useState(() => mayEdit || (me ? readUnsynced(me.workshopId, docId) > 0 : false));
  const ids = `notes-${docId}`;

  useEffect(() => {
    if (mayEdit) setShown(true);
  }, [mayEdit]);

  const { module, failed, retry } = useLazyModule(loadEditor, shown);

  const Editor = module?.NotesEditor;
  return (
    <section class="panel notes" aria-labelledby={`${ids}-heading`} data-testid="notes-panel" data-doc-id={docId}>
      <div class="section-head">
        <h2 id={`${ids}-heading`}>{docId === "plenary" ? t("notes.headingPlenary") : t("notes.headingRoom")}</h2>
      </div>
      {role === "facilitator" ? <AccessSwitch docId={docId} openToAll={openToAll} /> : null}
      {!shown ? (
        <>
          <p class="hint">{t("notes.intro")}</p>
          <button type="button" class="button secondary" data-testid="notes-show" onClick={() => setShown(true)}>
            {t("notes.show")}
          </button>
        </>
      ) : Editor && me ? (
        <div id={`${ids}-body`}>
          <Editor
            workshopId={me.workshopId}
            docId={docId}
            myId={myId}
            displayName={nameForCoEditors}
            rightsKey={`${role}|${isLead}|${openToAll}`}
          />
        </div>
      ) : failed ? (
        <div id={`${ids}-body`} class="notes-load-failed">
          <p class="form-error" role="alert">
            {t("notes.loadFailed")}
          </p>
          <button type="button" class="button small secondary" onClick={retry}>
            {t("notes.retry")}
          </button>
        </div>
      ) : (
        <p id={`${ids}-body`} class="muted" role="status">
          {t("notes.loading")}
        </p>
      )}
    </section>
  );
}

/** Facilitators: let everyone in the room (everyone, for the plenary) edit, or note-takers only. */
function AccessSwitch({ docId, openToAll }: { docId: NoteDocId; openToAll: boolean }) {
  const plenary = docId === "plenary";
  return (
    <ConfirmedSwitch
      current={openToAll}
      change={(next) => setNotesAccess(docId, next)}
      label={plenary ? t("notes.openToAllPlenary") : t("notes.openToAllRoom")}
      hint={plenary ? t("notes.openToAllHintPlenary") : t("notes.openToAllHintRoom")}
      hintId={`notes-${docId}-access-hint`}
      testId="notes-open-to-all"
      className="notes-access"
      errorText={errorMessage}
    />
  );
}
