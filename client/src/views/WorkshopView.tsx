import { useEffect, useState } from "preact/hooks";
import { formatJoinCode } from "../../../shared/ids.js";
import { t } from "../i18n/index.js";
import { endWorkshop, resumeSession } from "../net/session.js";
import { navigate } from "../router.js";
import { myRole, session } from "../state/session.js";
import { workshopState } from "../state/workshopState.js";
import { useFocusOnMount } from "./hooks.js";
import { Notice } from "./Notice.js";
import { ParticipantList } from "./ParticipantList.js";

export function WorkshopView() {
  useEffect(() => {
    if (!resumeSession()) navigate("/join", { replace: true });
  }, []);

  const workshop = workshopState.workshop.value;
  const me = session.value;
  const role = myRole.value;
  if (!workshop || !me || !role) {
    return (
      <section class="card" aria-busy="true">
        <p role="status">{t("workshop.loading")}</p>
      </section>
    );
  }
  const isFacilitator = role === "facilitator";
  return (
    <section class="workshop" aria-labelledby="workshop-title">
      <div class="workshop-head">
        <h1 id="workshop-title" data-testid="workshop-title">
          {workshop.title}
        </h1>
        {isFacilitator ? (
          <p class="join-code-line" data-testid="join-code">
            {t("workshop.joinCode", { code: formatJoinCode(workshop.joinCode) })}
          </p>
        ) : null}
        <p class="me">{t("workshop.youAre", { name: me.displayName, role: t(`role.${role}`) })}</p>
        <p class="hint escape-hint">{t("leave.hint")}</p>
      </div>
      <Notice />
      <ParticipantList myId={me.participantId} canManage={isFacilitator} />
      {isFacilitator ? <EndWorkshop /> : null}
    </section>
  );
}

function EndWorkshop() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <div class="end-workshop">
        <button type="button" class="button danger" data-testid="end-workshop" onClick={() => setConfirming(true)}>
          {t("workshop.endButton")}
        </button>
      </div>
    );
  }
  return (
    <fieldset class="end-workshop confirm">
      <legend>{t("workshop.endConfirmQuestion")}</legend>
      <button
        type="button"
        class="button danger"
        data-testid="end-workshop-confirm"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await endWorkshop();
          setBusy(false);
          setConfirming(false);
        }}
      >
        {t("workshop.endConfirm")}
      </button>
      <CancelButton onCancel={() => setConfirming(false)} />
    </fieldset>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  // The confirm step replaces the button that had focus: focus moves to the harmless choice.
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <button type="button" class="button secondary" data-testid="end-workshop-cancel" ref={ref} onClick={onCancel}>
      {t("workshop.cancel")}
    </button>
  );
}
