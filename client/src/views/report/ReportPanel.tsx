import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ChatChannelId } from "../../../../shared/chat.js";
import type { Attribution, ReportFormat, ReportOutline } from "../../../../shared/report.js";
import { errorMessage, type MessageKey, t } from "../../i18n/index.js";
import { downloadReport, fetchReportHtml, fetchReportOutline } from "../../net/report.js";
import { myRole } from "../../state/myRole.js";
import type { ClientErrorCode } from "../../state/session.js";
import { reportAccess } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { chatChoices, hasScope, type ScopeGroup, scopeGroups, scopeOf, WORKSHOP_SCOPE } from "./model.js";
import { htmlText, mentionedNames } from "./nameCheck.js";
import "./report.css";

const FORMATS: readonly ReportFormat[] = ["md", "html", "json", "csv"];

const FORMAT_NAME: Readonly<Record<ReportFormat, MessageKey>> = {
  md: "report.formatMd",
  html: "report.formatHtml",
  json: "report.formatJson",
  csv: "report.formatCsv",
};

/** Refusals of the report route, said in the report's own words; others get the catalog's. */
const REPORT_ERRORS: Partial<Record<ClientErrorCode, MessageKey>> = {
  FORBIDDEN: "report.errorFORBIDDEN",
  INVALID_STATE: "report.errorINVALID_STATE",
  NOT_FOUND: "report.errorNOT_FOUND",
  UNAUTHORIZED: "report.errorUNAUTHORIZED",
};

export function reportErrorText(code: ClientErrorCode): string {
  const key = REPORT_ERRORS[code];
  return key ? t(key) : errorMessage(code);
}

type ModelState = { status: "loading" } | { status: "ready" } | { status: "failed"; code: ClientErrorCode };

/**
 * The outcome report, for facilitators and note-takers: what it covers (the whole workshop, a
 * round, a room), whether it names people (only when the workshop allows it), downloads in
 * four formats, and a preview of the HTML in a sandboxed frame. Whether reports may name people
 * at all is a facilitator's setting in the "Privacy and data" panel (PrivacyPanel.tsx).
 * Facilitators (only: the server's download policy) may also include chosen chats, which the
 * report then shows without names; nothing is ticked by default.
 */
export function ReportPanel({ afterEnd = false }: { afterEnd?: boolean }) {
  const [open, setOpen] = useState(afterEnd);
  const ids = "report";
  return (
    <section class="panel report-panel" aria-labelledby={`${ids}-heading`} data-testid="report-panel">
      <div class="section-head">
        <h2 id={`${ids}-heading`}>{t("report.heading")}</h2>
      </div>
      <p class="hint">{t("report.intro")}</p>
      <button
        type="button"
        class="button secondary"
        aria-expanded={open}
        aria-controls={`${ids}-tools`}
        data-testid="report-open"
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t("report.hide") : t("report.open")}
      </button>
      {/* Built (and the rounds fetched) only when asked for: a phone on weak data does not pay for it otherwise. */}
      {open ? <ReportTools id={`${ids}-tools`} /> : null}
    </section>
  );
}

function ReportTools({ id }: { id: string }) {
  // Live, the workshop's state; once it ended, what this tab kept for the report.
  const kept = reportAccess.value;
  const workshop = workshopState.workshop.value;
  const round = workshopState.round.value;
  const allowsNames = (workshop?.reportAttribution ?? kept?.reportAttribution) === "attributed";
  const includesChat = (myRole.value ?? kept?.role) === "facilitator";
  const [model, setModel] = useState<ModelState>({ status: "loading" });
  // The last model read: the picker keeps its choices (and the choice shown is the one used) while a refresh loads.
  const [known, setKnown] = useState<ReportOutline | null>(null);
  const [reload, setReload] = useState(0);
  const [scope, setScope] = useState(WORKSHOP_SCOPE);
  const [attribution, setAttribution] = useState<Attribution>("none");
  const [chat, setChat] = useState<readonly ChatChannelId[]>([]);
  const [busy, setBusy] = useState<ReportFormat | "preview" | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const latest = useRef(0);
  // In a report that names nobody, a participant's name typed into notes or a question is a leak.
  const namesFound = useMemo(
    () =>
      preview === null || effectiveAttributionOf(allowsNames, attribution) !== "none"
        ? null
        : mentionedNames(
            htmlText(preview),
            workshop ? workshopState.sorted.value.map((person) => person.displayName) : (kept?.participantNames ?? []),
          ),
    [preview],
  );

  // A round planned or replaced since the list was read: read it again.
  const roundKey = round ? `${round.roundId}|${round.rooms.length}` : "";
  useEffect(() => {
    const request = ++latest.current;
    setModel({ status: "loading" });
    void fetchReportOutline().then((outcome) => {
      if (request !== latest.current) return;
      if (outcome.ok) {
        setKnown(outcome.outline);
        setModel({ status: "ready" });
      } else setModel({ status: "failed", code: outcome.code });
    });
  }, [roundKey, reload]);

  // Names are opt-in every time: when the workshop stops allowing them, the choice goes back to none.
  useEffect(() => {
    if (allowsNames || attribution === "none") return;
    setAttribution("none");
    choiceChanged();
  }, [allowsNames]);

  const groups: ScopeGroup[] = useMemo(() => scopeGroups(known), [known]);
  useEffect(() => {
    if (model.status === "ready" && !hasScope(groups, scope)) setScope(WORKSHOP_SCOPE);
  });

  const choices = useMemo(() => (includesChat ? chatChoices(known, scope) : []), [includesChat, known, scope]);
  const effectiveAttribution = effectiveAttributionOf(allowsNames, attribution);
  // Only the ticked chats the scope still covers (a tick stays if the scope comes back).
  const chosenChat = choices.filter((choice) => chat.includes(choice.channelId)).map((choice) => choice.channelId);
  const request = { scope: scopeOf(scope), attribution: effectiveAttribution, chat: chosenChat };

  /** Another scope or attribution: a preview of the old choice would mislead. */
  function choiceChanged() {
    setPreview(null);
    setStatus("");
    setError(null);
  }

  async function download(format: ReportFormat) {
    const name = t(FORMAT_NAME[format]);
    setBusy(format);
    setError(null);
    setStatus(t("report.downloading", { format: name }));
    const outcome = await downloadReport({ ...request, format });
    setBusy(null);
    if (outcome.ok) setStatus(t("report.downloaded", { format: name }));
    else {
      setStatus("");
      setError(outcome.code);
    }
  }

  async function showPreview() {
    setBusy("preview");
    setError(null);
    setStatus(t("report.previewLoading"));
    const outcome = await fetchReportHtml(request);
    setBusy(null);
    if (outcome.ok) {
      setPreview(outcome.text);
      setStatus(t("report.previewReady"));
    } else {
      setStatus("");
      setError(outcome.code);
    }
  }

  return (
    <div id={id} class="report-tools" data-testid="report-tools">
      <div class="field">
        <label for={`${id}-scope`}>{t("report.scopeLabel")}</label>
        <select
          id={`${id}-scope`}
          value={scope}
          data-testid="report-scope"
          aria-describedby={`${id}-scope-state`}
          onChange={(event) => {
            setScope(event.currentTarget.value);
            choiceChanged();
          }}
        >
          <option value={WORKSHOP_SCOPE}>{t("report.scopeWorkshop")}</option>
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p
          id={`${id}-scope-state`}
          class={model.status === "failed" ? "form-error" : "hint"}
          data-testid="report-scope-state"
          data-state={model.status}
        >
          {model.status === "loading"
            ? t("report.scopesLoading")
            : model.status === "failed"
              ? t("report.scopesFailed", { message: reportErrorText(model.code) })
              : ""}
        </p>
        {model.status !== "loading" ? (
          <button
            type="button"
            class="link-button"
            data-testid="report-scopes-refresh"
            onClick={() => setReload((value) => value + 1)}
          >
            {t("report.scopesRefresh")}
          </button>
        ) : null}
      </div>

      {allowsNames ? (
        <fieldset class="report-attribution" data-testid="report-attribution">
          <legend>{t("report.attributionLegend")}</legend>
          {(["none", "attributed"] as const).map((value) => (
            <label key={value} class="check">
              <input
                type="radio"
                name={`${id}-attribution`}
                value={value}
                checked={attribution === value}
                data-testid={`report-attribution-${value}`}
                onChange={() => {
                  setAttribution(value);
                  choiceChanged();
                }}
              />
              <span>{value === "none" ? t("report.attributionNone") : t("report.attributionNamed")}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p class="hint" data-testid="report-attribution-off">
          {t("report.attributionOffHint")}
        </p>
      )}

      {choices.length > 0 ? (
        <fieldset class="report-attribution report-chat" data-testid="report-chat" aria-describedby={`${id}-chat-hint`}>
          <legend>{t("report.chatLegend")}</legend>
          <p class="hint" id={`${id}-chat-hint`}>
            {t("report.chatHint")}
          </p>
          {choices.map((choice) => (
            <label key={choice.channelId} class="check">
              <input
                type="checkbox"
                value={choice.channelId}
                checked={chat.includes(choice.channelId)}
                data-testid="report-chat-option"
                data-channel-id={choice.channelId}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setChat((current) =>
                    on ? [...current, choice.channelId] : current.filter((channelId) => channelId !== choice.channelId),
                  );
                  choiceChanged();
                }}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <h3 id={`${id}-downloads`}>{t("report.downloadHeading")}</h3>
      <p class="hint">{t("report.downloadHint")}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset */}
      <div class="button-row" role="group" aria-labelledby={`${id}-downloads`}>
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            class="button small secondary"
            data-testid={`report-download-${format}`}
            aria-label={t("report.downloadLabel", { format: t(FORMAT_NAME[format]) })}
            disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {t(FORMAT_NAME[format])}
          </button>
        ))}
      </div>

      <div class="button-row">
        <button
          type="button"
          class="button small primary"
          data-testid="report-preview"
          aria-controls={`${id}-preview`}
          disabled={busy !== null}
          onClick={() => void showPreview()}
        >
          {preview === null ? t("report.preview") : t("report.previewRefresh")}
        </button>
        {preview !== null ? (
          <button
            type="button"
            class="button small secondary"
            data-testid="report-preview-close"
            onClick={() => {
              setPreview(null);
              setStatus("");
            }}
          >
            {t("report.previewClose")}
          </button>
        ) : null}
      </div>

      <p class="report-status" role="status" data-testid="report-status">
        {status}
      </p>
      <p class="form-error" role="alert" data-testid="report-error" data-code={error ?? ""} hidden={error === null}>
        {error === null ? "" : reportErrorText(error)}
      </p>

      <div id={`${id}-preview`}>
        {preview !== null ? (
          <>
            {namesFound !== null ? (
              <p
                class={namesFound.length > 0 ? "form-error" : "hint"}
                data-testid="report-name-check"
                data-found={namesFound.length}
              >
                {namesFound.length > 0
                  ? t("report.namesFound", { names: namesFound.join(", ") })
                  : t("report.namesNone")}
              </p>
            ) : null}
            <p class="hint">{t("report.previewHint")}</p>
            {/*
              The report is other people's text: it is shown in a frame with every sandbox
              restriction (no scripts, no same-origin, no forms, no top navigation), from srcdoc,
              which the app's CSP allows (a blob: frame would need frame-src blob:).
            */}
            <iframe
              class="report-preview-frame"
              title={t("report.previewTitle")}
              sandbox=""
              referrerpolicy="no-referrer"
              srcdoc={preview}
              data-testid="report-preview-frame"
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

function effectiveAttributionOf(allowsNames: boolean, attribution: Attribution): Attribution {
  return allowsNames ? attribution : "none";
}
