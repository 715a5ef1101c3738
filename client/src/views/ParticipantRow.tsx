import { useState } from "preact/hooks";
import { type ParticipantView, type Role, RoleSchema } from "../../../shared/workshop.js";
import { t } from "../i18n/index.js";
import { removeParticipant, setRole } from "../net/workshop.js";
import { editingTagsOf } from "./breakout/model.js";
import { useFocusOnMount } from "./hooks.js";

type ParticipantRowProps = {
  participant: ParticipantView;
  style: Record<string, string>;
  position: { index: number; size: number };
  isMe: boolean;
  canManage: boolean;
  confirmingRemove: boolean;
  onAskRemove: () => void;
  onCancelRemove: () => void;
  onRemoved: () => void;
};

const roles = RoleSchema.options;

export function ParticipantRow(props: ParticipantRowProps) {
  const { participant, isMe } = props;
  const name = participant.displayName;
  return (
    <li
      class={`prow${props.canManage ? " prow-managed" : ""}${isMe ? " prow-me" : ""}`}
      style={props.style}
      aria-setsize={props.position.size}
      aria-posinset={props.position.index + 1}
      data-testid="participant-row"
      data-participant-id={participant.participantId}
      data-name={name}
      data-role={participant.role}
      data-online={participant.online ? "true" : "false"}
    >
      <div class="prow-main">
        <span class={`dot ${participant.online ? "dot-on" : "dot-off"}`} aria-hidden="true" />
        <span class="pname" title={name} dir="auto">
          {name}
        </span>
        <span class="visually-hidden">, {participant.online ? t("workshop.online") : t("workshop.offline")}</span>
        {isMe ? <span class="badge badge-you">{t("workshop.you")}</span> : null}
        {props.canManage ? null : <RoleBadge role={participant.role} />}
      </div>
      {props.canManage ? (
        <div class="prow-side">
          {isMe ? (
            <RoleBadge role={participant.role} />
          ) : props.confirmingRemove ? (
            <RemoveConfirm {...props} />
          ) : (
            <ManageControls {...props} />
          )}
        </div>
      ) : null}
    </li>
  );
}

function RoleBadge({ role }: { role: Role }) {
  return <span class={`badge badge-${role}`}>{t(`role.${role}`)}</span>;
}

function ManageControls({ participant, onAskRemove }: ParticipantRowProps) {
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const name = participant.displayName;
  const selectId = `role-${participant.participantId}`;

  async function changeRole(value: string) {
    const parsed = RoleSchema.safeParse(value);
    if (!parsed.success || parsed.data === participant.role) return;
    setPendingRole(parsed.data);
    await setRole(participant.participantId, parsed.data);
    // On success the list update brings the new role; on failure the select falls back to the real one.
    setPendingRole(null);
  }

  return (
    <div class="prow-controls">
      <label for={selectId} class="visually-hidden">
        {t("workshop.roleSelectLabel", { name })}
      </label>
      <select
        id={selectId}
        data-testid="role-select"
        value={pendingRole ?? participant.role}
        disabled={pendingRole !== null}
        onChange={(event) => void changeRole(event.currentTarget.value)}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="button small secondary"
        data-testid="tags-button"
        aria-label={t("tags.editLabel", { name })}
        onClick={() => {
          editingTagsOf.value = participant.participantId;
        }}
      >
        {t("tags.edit")}
      </button>
      <button
        type="button"
        class="button small secondary"
        data-testid="remove-button"
        aria-label={t("workshop.removeLabel", { name })}
        onClick={onAskRemove}
      >
        {t("workshop.removeButton")}
      </button>
    </div>
  );
}

function RemoveConfirm({ participant, onCancelRemove, onRemoved }: ParticipantRowProps) {
  const [busy, setBusy] = useState(false);
  const keepRef = useFocusOnMount<HTMLButtonElement>();

  async function confirm() {
    setBusy(true);
    const outcome = await removeParticipant(participant.participantId);
    setBusy(false);
    if (outcome?.ok) onRemoved();
  }

  return (
    <fieldset class="prow-controls confirm">
      <legend class="confirm-question">{t("workshop.removeConfirmQuestion", { name: participant.displayName })}</legend>
      <button
        type="button"
        class="button small danger"
        data-testid="remove-confirm"
        disabled={busy}
        onClick={() => void confirm()}
      >
        {t("workshop.removeConfirm")}
      </button>
      <button
        type="button"
        class="button small secondary"
        data-testid="remove-cancel"
        ref={keepRef}
        disabled={busy}
        onClick={onCancelRemove}
      >
        {t("workshop.removeCancel")}
      </button>
    </fieldset>
  );
}
