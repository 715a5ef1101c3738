import { CALL_URL_MAX, type CallLinkProblem, callLinkProblem, callTemplateProblem } from "../../../../shared/calls.js";
import { t } from "../../i18n/index.js";

/** The placeholders as written in a template: code, shown as is in every language. */
const PLACEHOLDERS = { room: "{room}", workshop: "{workshop}" };
export const TEMPLATE_EXAMPLE = "https://meet.jit.si/forum-{workshop}-{room}";

/** The words for why a link (or template) is refused, before it is sent: the server refuses the same (shared/calls.ts). */
export function problemText(problem: CallLinkProblem): string {
  switch (problem) {
    case "length":
      return t("calls.problem.length", { max: CALL_URL_MAX });
    case "whitespace":
      return t("calls.problem.whitespace");
    case "malformed":
      return t("calls.problem.malformed");
    case "https":
      return t("calls.problem.https");
    case "credentials":
      return t("calls.problem.credentials");
    case "placeholder":
      return t("calls.problem.placeholder", PLACEHOLDERS);
    case "needsRoom":
      return t("calls.problem.needsRoom", PLACEHOLDERS);
    default: {
      const exhaustive: never = problem;
      return exhaustive;
    }
  }
}

/** A typed link: empty means "none" (null); otherwise the link, or what is wrong with it. */
export function checkedLink(
  typed: string,
  kind: "link" | "template",
): { ok: true; value: string | null } | { ok: false; error: string } {
  const value = typed.trim();
  if (value === "") return { ok: true, value: null };
  const problem = kind === "template" ? callTemplateProblem(value) : callLinkProblem(value);
  return problem ? { ok: false, error: problemText(problem) } : { ok: true, value };
}

export function templateHint(): string {
  return t("calls.templateHint", { ...PLACEHOLDERS, example: TEMPLATE_EXAMPLE });
}
