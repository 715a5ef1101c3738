import { errorMessage } from "../i18n/index.js";
import type { ClientErrorCode } from "../state/session.js";

/**
 * The reason a form was refused, announced at once. `explain`: the form's own words for a code
 * (e.g. RATE_LIMITED on the join form says what was limited); the catalog's message otherwise.
 */
export function FormError({
  code,
  testId,
  id,
  explain,
}: {
  code: ClientErrorCode | null;
  testId: string;
  id?: string;
  explain?: Partial<Record<ClientErrorCode, string>>;
}) {
  return (
    <p class="form-error" role="alert" data-testid={testId} data-code={code ?? ""} id={id} hidden={code === null}>
      {code === null ? "" : (explain?.[code] ?? errorMessage(code))}
    </p>
  );
}
