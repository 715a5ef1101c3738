import { useEffect, useState } from "preact/hooks";
import { formatJoinCode } from "../../../shared/joinCode.js";
import type { CreateWorkshopResponse } from "../../../shared/workshop.js";
import { t } from "../i18n/index.js";
import { loadRuntime } from "../runtimeLoader.js";
import { type ClientErrorCode, joinError, joinStillTrying } from "../state/session.js";
import { CopyButton } from "./CopyButton.js";
import { FormError } from "./FieldError.js";
import { useFocusOnMount } from "./hooks.js";
import { Link } from "./Link.js";
import { QrCode } from "./QrCode.js";
import { TextField } from "./TextField.js";
import { useSessionStart } from "./useSessionStart.js";

export function CreateView() {
  const [created, setCreated] = useState<CreateWorkshopResponse | null>(null);
  useEffect(() => {
    joinError.value = null;
  }, []);
  return created ? <CreatedWorkshop created={created} /> : <CreateForm onCreated={setCreated} />;
}

function CreateForm({ onCreated }: { onCreated: (created: CreateWorkshopResponse) => void }) {
  const [title, setTitle] = useState("");
  const [titleError, setTitleError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ClientErrorCode | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    // The title is checked with the server's own schema, which comes with the session's code (runtime.ts).
    const runtime = await loadRuntime().catch(() => null);
    if (!runtime) {
      setSubmitting(false);
      setFailure("network");
      return;
    }
    const checked = runtime.checkTitle(title);
    setTitleError(checked.ok ? null : checked.message);
    if (!checked.ok) {
      setSubmitting(false);
      return;
    }
    setFailure(null);
    const result = await runtime.createWorkshop(checked.value);
    setSubmitting(false);
    if (result.ok) onCreated(result.data);
    else setFailure(result.code);
  }

  return (
    <section class="card" aria-labelledby="create-heading">
      <h1 id="create-heading">{t("create.heading")}</h1>
      <p>{t("create.intro")}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="create-title"
          label={t("create.titleLabel")}
          value={title}
          onInput={setTitle}
          testId="create-title"
          error={titleError}
          autoFocus
        />
        <FormError code={failure} testId="create-error" explain={{ RATE_LIMITED: t("create.rateLimited") }} />
        <button type="submit" class="button primary" data-testid="create-submit" disabled={submitting}>
          {submitting ? t("create.submitting") : t("create.submit")}
        </button>
      </form>
      <p class="alt-action">
        <Link href="/join" testId="join-link-nav">
          {t("create.joinInstead")}
        </Link>
      </p>
    </section>
  );
}

function CreatedWorkshop({ created }: { created: CreateWorkshopResponse }) {
  const link = `${location.origin}/join/${created.joinCode}`;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="card" aria-labelledby="created-heading">
      <h1 id="created-heading" tabIndex={-1} ref={headingRef}>
        {t("create.createdHeading")}
      </h1>
      {/* Said where the workshop is made: nothing in it is kept for ever. */}
      <p class="retention-note" data-testid="retention-note" data-days={created.retentionDays}>
        {t("create.retention", { days: created.retentionDays })}
      </p>
      <div class="share">
        <div class="share-text">
          <h2 class="label">{t("create.joinCodeLabel")}</h2>
          <p class="join-code" data-testid="join-code">
            {formatJoinCode(created.joinCode)}
          </p>
          <h2 class="label">{t("create.joinLinkLabel")}</h2>
          <p class="join-link">
            <a href={link} target="_blank" rel="noopener noreferrer" data-testid="join-link">
              {link}
            </a>
          </p>
          <CopyButton text={link} label={t("create.copyLink")} testId="copy-link" />
        </div>
        <QrCode text={link} alt={t("create.qrAlt", { link })} />
      </div>

      <div class="key-box">
        <h2>{t("create.keyHeading")}</h2>
        <p class="warning" id="key-warning">
          {t("create.keyWarning")}
        </p>
        <label for="facilitator-key" class="visually-hidden">
          {t("create.keyLabel")}
        </label>
        <input
          id="facilitator-key"
          class="key"
          type="text"
          readOnly
          value={created.facilitatorKey}
          data-testid="facilitator-key"
          aria-describedby="key-warning"
          spellcheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton
          text={created.facilitatorKey}
          label={t("create.copyKey")}
          testId="copy-key"
          describedBy="key-warning"
        />
      </div>

      <FacilitatorEnterForm facilitatorKey={created.facilitatorKey} />
    </section>
  );
}

function FacilitatorEnterForm({ facilitatorKey }: { facilitatorKey: string }) {
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const { busy, start } = useSessionStart();

  function submit(event: Event) {
    event.preventDefault();
    void start(({ checkDisplayName }) => {
      const checked = checkDisplayName(name);
      setNameError(checked.ok ? null : checked.message);
      return checked.ok ? { facilitatorKey, displayName: checked.value } : null;
    });
  }

  return (
    <form class="enter" onSubmit={submit} noValidate aria-labelledby="enter-heading">
      <h2 id="enter-heading">{t("create.enterHeading")}</h2>
      <TextField
        id="facilitator-name"
        label={t("create.facilitatorNameLabel")}
        hint={t("join.nameHint")}
        value={name}
        onInput={setName}
        testId="facilitator-name"
        error={nameError}
      />
      <FormError code={joinError.value} testId="facilitator-error" />
      {joinStillTrying.value ? <p role="status">{t("join.stillTrying")}</p> : null}
      <button type="submit" class="button primary" data-testid="facilitator-enter" disabled={busy}>
        {busy ? t("join.connecting") : t("create.enterSubmit")}
      </button>
    </form>
  );
}
