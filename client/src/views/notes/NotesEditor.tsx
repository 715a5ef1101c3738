import { defaultKeymap } from "@codemirror/commands";
import { markdownKeymap, markdownLanguage } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useEffect, useRef, useState } from "preact/hooks";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import * as Y from "yjs";
import type { ParticipantId } from "../../../../shared/ids.js";
import type { NoteDocId } from "../../../../shared/notes.js";
import { ErrorCodeSchema } from "../../../../shared/protocol.js";
import { errorMessage, locale, t } from "../../i18n/index.js";
import { markerEdit, notForExportEdit, OUTCOME_KINDS, type OutcomeKind } from "../../notes/markdown.js";
import { acquireNotesDoc, colorFor, type NotesDoc, type NotesView } from "../../notes/notesDoc.js";
import type { SyncState } from "../../notes/syncEngine.js";
import { NotesHistory } from "./NotesHistory.js";
import { NotesPreview } from "./NotesPreview.js";
// The editor's styles travel with it (the panel's own are in notesPanel.css, with the app's stylesheet).
import "./notes.css";

export type NotesEditorProps = {
  workshopId: string;
  docId: NoteDocId;
  myId: ParticipantId;
  displayName: string;
  /** Changes when what the person may do may have changed (role, lead, access): the rights are asked again. */
  rightsKey: string;
};

/** Not saved for this long (offline, a refusal): a banner says where the edits are. */
const WARN_AFTER_MS = 5000;

const MARK_LABEL: Readonly<
  Record<OutcomeKind, "notes.markDecision" | "notes.markAction" | "notes.markRecommendation">
> = { decision: "notes.markDecision", action: "notes.markAction", recommendation: "notes.markRecommendation" };

/** The editor of one notes document, with its sync state, outcome buttons, preview and history. Loaded lazily. */
export function NotesEditor({ workshopId, docId, myId, displayName, rightsKey }: NotesEditorProps) {
  const [notes, setNotes] = useState<NotesDoc | null>(null);
  const [view, setView] = useState<NotesView | null>(null);
  const [preview, setPreview] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const editorRef = useRef<EditorView | null>(null);
  const firstRights = useRef(true);
  const ids = `notes-${docId}`;

  useEffect(() => {
    const handle = acquireNotesDoc(workshopId, docId, { name: displayName, color: colorFor(myId) });
    setNotes(handle);
    const stop = handle.subscribe(setView);
    return () => {
      stop();
      handle.release();
    };
  }, [workshopId, docId, displayName, myId]);

  useEffect(() => {
    if (firstRights.current) {
      firstRights.current = false;
      return;
    }
    notes?.refresh();
  }, [rightsKey]);

  if (!notes || !view) return <p class="muted">{t("notes.loading")}</p>;
  const canEdit = view.opened && view.sync.canEdit;

  return (
    <div class="notes-body">
      <div class="notes-bar">
        <SyncStatus sync={view.sync} unsavedSince={view.unsavedSince} />
        <div class="notes-bar-actions">
          <button
            type="button"
            class="button small secondary"
            aria-pressed={preview}
            data-testid="notes-preview-toggle"
            onClick={() => setPreview((value) => !value)}
          >
            {t("notes.preview")}
          </button>
          <button
            type="button"
            class="button small secondary"
            aria-expanded={historyOpen}
            aria-controls={`${ids}-history`}
            data-testid="notes-history"
            onClick={() => setHistoryOpen((value) => !value)}
          >
            {t("notes.history")}
          </button>
        </div>
      </div>
      <OfflineWarning sync={view.sync} canEdit={canEdit} />
      {view.opened && !canEdit ? (
        <p class="notes-readonly" data-testid="notes-readonly">
          {docId === "plenary" ? t("notes.readOnlyPlenary") : t("notes.readOnlyRoom")}
        </p>
      ) : null}
      {historyOpen ? (
        <NotesHistory id={`${ids}-history`} docId={docId} canEdit={canEdit} onClose={() => setHistoryOpen(false)} />
      ) : null}
      {canEdit && !preview ? (
        <MarkerButtons
          hintId={`${ids}-private-hint`}
          onMark={(kind) => editLine(editorRef.current, (line) => markerEdit(line, kind))}
          onPrivate={() => editLine(editorRef.current, notForExportEdit)}
        />
      ) : null}
      <div hidden={preview}>
        {view.loaded ? (
          <CodeMirror notes={notes} canEdit={canEdit} onView={(editor) => (editorRef.current = editor)} />
        ) : (
          <p class="muted">{t("notes.loading")}</p>
        )}
      </div>
      {preview ? <NotesPreview text={notes.text} /> : null}
      {canEdit ? <MarkerHelp /> : null}
    </div>
  );
}

const clockTime = new Intl.DateTimeFormat(locale, { timeStyle: "short" });

/** Exactly one of: Saved / Saving… / Offline — unsaved changes since 10:42 (or: everything saved) / Sync error: … */
function SyncStatus({ sync, unsavedSince }: { sync: SyncState; unsavedSince: number | null }) {
  const { status, unsynced } = sync;
  const text =
    status === "saved"
      ? t("notes.syncSaved")
      : status === "saving"
        ? t("notes.syncSaving")
        : status === "offline"
          ? unsynced > 0
            ? t("notes.syncOffline", { time: clockTime.format(new Date(unsavedSince ?? Date.now())) })
            : t("notes.syncOfflineSaved")
          : t("notes.syncError", { message: syncErrorMessage(sync.errorCode) });
  return (
    <p
      class={`notes-sync notes-sync-${status}`}
      data-testid="notes-sync-state"
      data-state={status}
      data-unsynced={unsynced}
    >
      <span class="notes-sync-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function syncErrorMessage(code: string | null): string {
  const parsed = ErrorCodeSchema.safeParse(code);
  return errorMessage(parsed.success ? parsed.data : code === "network" || code === "timeout" ? code : "INTERNAL");
}

/** After WARN_AFTER_MS without "Saved", for someone who writes (or has unsent edits): where the edits are. */
function OfflineWarning({ sync, canEdit }: { sync: SyncState; canEdit: boolean }) {
  const unsaved = sync.status !== "saved";
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!unsaved) return;
    const timer = setTimeout(() => setLate(true), WARN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [unsaved]);
  if (!late || !unsaved || !(canEdit || sync.unsynced > 0)) return null;
  return (
    <p class="notes-warning" role="alert" data-testid="notes-offline-warning" data-state={sync.status}>
      {sync.status === "error"
        ? t("notes.errorWarning", { message: syncErrorMessage(sync.errorCode) })
        : t("notes.offlineWarning")}
    </p>
  );
}

type MarkerButtonsProps = { hintId: string; onMark: (kind: OutcomeKind) => void; onPrivate: () => void };

function MarkerButtons({ hintId, onMark, onPrivate }: MarkerButtonsProps) {
  return (
    <div class="notes-toolbars">
      <fieldset class="notes-toolbar">
        <legend class="visually-hidden">{t("notes.toolbarLabel")}</legend>
        {OUTCOME_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            class={`button small secondary notes-mark notes-mark-${kind}`}
            data-testid={`notes-marker-${kind}`}
            // Keeps the editor's focus and selection on desktop; the edit refocuses it anyway.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onMark(kind)}
          >
            {t(MARK_LABEL[kind])}
          </button>
        ))}
      </fieldset>
      <fieldset class="notes-toolbar">
        <legend class="visually-hidden">{t("notes.privateToolbarLabel")}</legend>
        <button
          type="button"
          class="button small secondary notes-mark notes-mark-private"
          data-testid="notes-marker-private"
          aria-describedby={hintId}
          onMouseDown={(event) => event.preventDefault()}
          onClick={onPrivate}
        >
          {t("notes.markPrivate")}
        </button>
        <span id={hintId} class="visually-hidden">
          {t("notes.markPrivateHint")}
        </span>
      </fieldset>
    </div>
  );
}

function MarkerHelp() {
  return (
    <details class="notes-help">
      <summary>{t("notes.helpSummary")}</summary>
      <p>{t("notes.help1")}</p>
      <p>
        <code>{t("notes.help2")}</code>
      </p>
      <p>{t("notes.help3")}</p>
      <p>{t("notes.markPrivateHint")}</p>
      <p>
        <code>{t("notes.helpPrivateExample")}</code>
      </p>
    </details>
  );
}

/**
 * Marks the line where the cursor is (an outcome marker, or the start of a "not for export"
 * section: its bullet or marker replaced, its text kept); the cursor goes to its end.
 */
function editLine(editor: EditorView | null, edit: (lineText: string) => { replace: number; insert: string }): void {
  if (!editor?.state.facet(EditorView.editable)) return;
  const line = editor.state.doc.lineAt(editor.state.selection.main.head);
  const { replace, insert } = edit(line.text);
  const end = line.from + insert.length + (line.length - replace);
  editor.dispatch({
    changes: { from: line.from, to: line.from + replace, insert },
    selection: { anchor: end },
    scrollIntoView: true,
    userEvent: "input",
  });
  editor.focus();
}

type CodeMirrorProps = { notes: NotesDoc; canEdit: boolean; onView: (view: EditorView | null) => void };

/** CodeMirror 6 bound to the Y.Text (yCollab: text, undo of one's own edits, others' cursors with names). */
function CodeMirror({ notes, canEdit, onView }: CodeMirrorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const access = useRef(new Compartment());

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const undoManager = new Y.UndoManager(notes.text);
    const state = EditorState.create({
      doc: notes.text.toString(),
      extensions: [
        // Enter continues a list (and an outcome line's bullet); undo and redo touch only one's own edits.
        keymap.of([...markdownKeymap, ...yUndoManagerKeymap, ...defaultKeymap]),
        // The Markdown language alone: markdown() would add HTML tag completion (and with it the HTML, CSS and
        // JavaScript parsers), a third of the chunk, for nothing notes need.
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": t("notes.editorLabel") }),
        access.current.of(accessExtensions(canEdit)),
        yCollab(notes.text, notes.awareness, { undoManager }),
      ],
    });
    const editor = new EditorView({ state, parent: host });
    viewRef.current = editor;
    onView(editor);
    return () => {
      onView(null);
      viewRef.current = null;
      editor.destroy();
      undoManager.destroy();
    };
  }, [notes]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: access.current.reconfigure(accessExtensions(canEdit)) });
  }, [canEdit]);

  return <div class="notes-editor-host" ref={hostRef} />;
}

function accessExtensions(canEdit: boolean): Extension {
  return [
    EditorView.editable.of(canEdit),
    EditorState.readOnly.of(!canEdit),
    EditorView.editorAttributes.of({ "data-testid": "notes-editor", "data-editable": String(canEdit) }),
  ];
}
