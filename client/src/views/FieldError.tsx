import { errorMessage } from "../i18n/index.js";
import type { ClientErrorCode } from "../state/session.js";

/** The reason a form was refused, announced at once. */
export function FormError({ code, testId, id }: { code: ClientErrorCode | null; testId: string; id?: string }) {
  return (
    <p class="form-error" role="alert" data-testid={testId} id={id} hidden={code === null}>
      {code === null ? "" : errorMessage(code)}
    </p>
  );
}
