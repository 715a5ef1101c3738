import { useEffect, useState } from "preact/hooks";
import type { ClientErrorCode } from "../state/session.js";

/**
 * A setting switch whose new state is confirmed by the workshop's own event, not by the ack:
 * until the state says so, it shows what was asked and stays disabled; a refusal puts it back
 * and says why. (Notes open to all, reports may name people, new questions and polls start anonymous.)
 */
export function ConfirmedSwitch({
  current,
  change,
  label,
  hint,
  hintId,
  testId,
  className,
  errorText,
  errorTestId,
}: {
  current: boolean;
  change: (next: boolean) => Promise<{ ok: true } | { ok: false; error: { code: ClientErrorCode } } | null | undefined>;
  label: string;
  hint: string;
  hintId: string;
  testId: string;
  className: string;
  errorText: (code: ClientErrorCode) => string;
  errorTestId?: string;
}) {
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  useEffect(() => {
    if (pending !== null && pending === current) setPending(null);
  }, [pending, current]);

  async function toggle(next: boolean) {
    setPending(next);
    setError(null);
    const outcome = await change(next);
    if (!outcome?.ok) {
      setPending(null);
      setError(outcome ? outcome.error.code : "network");
    }
  }

  return (
    <div class={className}>
      <label class="notes-switch">
        <input
          type="checkbox"
          role="switch"
          checked={pending ?? current}
          aria-checked={pending ?? current}
          disabled={pending !== null}
          aria-describedby={hintId}
          data-testid={testId}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      <p class="form-error" role="alert" data-testid={errorTestId} hidden={error === null}>
        {error === null ? "" : errorText(error)}
      </p>
    </div>
  );
}
