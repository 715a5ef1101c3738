import { useState } from "preact/hooks";
import { errorMessage, t } from "../../i18n/index.js";
import type { ClientErrorCode } from "../../state/session.js";

type Outcome = { ok: true } | { ok: false; error: { code: ClientErrorCode } } | null;

/** Runs a hands command and keeps its refusal, in words, for the panel to show next to its buttons. */
export function useCommandError(): [string | null, (action: Promise<Outcome>) => Promise<void>] {
  const [error, setError] = useState<string | null>(null);
  async function run(action: Promise<Outcome>) {
    const outcome = await action;
    setError(outcome && !outcome.ok ? t("hands.failed", { message: errorMessage(outcome.error.code) }) : null);
  }
  return [error, run];
}
