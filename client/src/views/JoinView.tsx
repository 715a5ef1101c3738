import { useState } from "preact/hooks";
import { formatJoinCode, normalizeJoinCode } from "../../../shared/joinCode.js";
import { t } from "../i18n/index.js";
import { type ClientErrorCode, joinError, joinStillTrying } from "../state/session.js";
import { FormError } from "./FieldError.js";
import { Link } from "./Link.js";
import { prerenderedJoin } from "./prerenderedJoin.js";
import { TextField } from "./TextField.js";
import { useSessionStart } from "./useSessionStart.js";

/** Refusals of a join (or a facilitator's entry) said in the join form's own words. */
const JOIN_EXPLAINED: Partial<Record<ClientErrorCode, string>> = { RATE_LIMITED: t("join.rateLimited") };

function prefill(code: string): string {
  const normalized = normalizeJoinCode(code);
  return normalized.length === 6 ? formatJoinCode(normalized) : code;
}

export function JoinView({ initialCode }: { initialCode: string }) {
  // What was typed into the page's own form before the app arrived (prerenderedJoin.ts).
  const [typed] = useState(prerenderedJoin);
  const [code, setCode] = useState(() => (typed?.code ? typed.code : prefill(initialCode)));
  const [name, setName] = useState(typed?.name ?? "");
  const focusName = typed?.focused ? typed.focused === "join-name" : initialCode !== "";
  const [codeError, setCodeError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const { busy, start } = useSessionStart();

  function submit(event: Event) {
    event.preventDefault();
    // The fields are checked with the server's own schemas, which come with the session's code.
    void start(({ checkJoinCode, checkDisplayName }) => {
      const checkedCode = checkJoinCode(code);
      const checkedName = checkDisplayName(name);
      setCodeError(checkedCode.ok ? null : checkedCode.message);
      setNameError(checkedName.ok ? null : checkedName.message);
      if (!checkedCode.ok || !checkedName.ok) return null;
      return { joinCode: checkedCode.value, displayName: checkedName.value };
    });
  }

  return (
    <section class="card" aria-labelledby="join-heading">
      <h1 id="join-heading">{t("join.heading")}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          id="join-code"
          label={t("join.codeLabel")}
          hint={t("join.codeHint")}
          value={code}
          onInput={setCode}
          testId="join-code"
          error={codeError}
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={32}
          autoFocus={!focusName}
        />
        <TextField
          id="join-name"
          label={t("join.nameLabel")}
          hint={t("join.nameHint")}
          value={name}
          onInput={setName}
          testId="join-name"
          error={nameError}
          autoFocus={focusName}
        />
        <FormError code={joinError.value} testId="join-error" explain={JOIN_EXPLAINED} />
        {joinStillTrying.value ? <p role="status">{t("join.stillTrying")}</p> : null}
        <button type="submit" class="button primary" data-testid="join-submit" disabled={busy}>
          {busy ? t("join.connecting") : t("join.submit")}
        </button>
      </form>
      <p class="alt-action">
        <Link href="/">{t("join.createInstead")}</Link>
      </p>
    </section>
  );
}
