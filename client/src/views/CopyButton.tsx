import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/index.js";

type CopyButtonProps = { text: string; label: string; testId?: string; describedBy?: string };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyButton({ text, label, testId, describedBy }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span class="copy">
      <button
        type="button"
        class="button secondary"
        data-testid={testId}
        aria-describedby={describedBy}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        {label}
      </button>
      <span class="copy-status" role="status">
        {state === "copied" ? t("create.copied") : state === "failed" ? t("create.copyFailed") : ""}
      </span>
    </span>
  );
}
