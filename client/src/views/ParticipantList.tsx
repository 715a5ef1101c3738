import { useMemo, useRef, useState } from "preact/hooks";
import type { ParticipantId } from "../../../shared/ids.js";
import type { ParticipantView } from "../../../shared/workshop.js";
import { t } from "../i18n/index.js";
import { connectionState } from "../state/session.js";
import { workshopState } from "../state/workshopState.js";
import { useMediaQuery } from "./hooks.js";
import { ParticipantRow } from "./ParticipantRow.js";
import { VirtualList } from "./VirtualList.js";

type ParticipantListProps = {
  myId: ParticipantId;
  canManage: boolean;
  /** The viewer sees only some people by name (a private roster): the list says so. */
  namesHidden: boolean;
};

const keyOf = (participant: ParticipantView) => participant.participantId;

export function ParticipantList({ myId, canManage, namesHidden }: ParticipantListProps) {
  const [filter, setFilter] = useState("");
  const [confirmingRemove, setConfirmingRemove] = useState<ParticipantId | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const narrow = useMediaQuery("(max-width: 559px)");
  // Fixed heights keep the windowing exact; facilitator rows wrap their controls below the name on phones.
  const rowHeight = canManage ? (narrow ? 96 : 56) : 48;

  const sorted = workshopState.sorted.value;
  // Everyone is counted, also those whose names the viewer may not see.
  const { online, active: total } = workshopState.people.value;
  const query = filter.trim().toLocaleLowerCase();
  const shown = useMemo(
    () =>
      query ? sorted.filter((participant) => participant.displayName.toLocaleLowerCase().includes(query)) : sorted,
    [sorted, query],
  );

  return (
    <section
      class={`participants${connectionState.value === "connected" ? "" : " stale"}`}
      aria-labelledby="participants-heading"
    >
      <div class="participants-head">
        <h2 id="participants-heading" tabIndex={-1} ref={headingRef}>
          {t("workshop.participantsHeading")}
        </h2>
        <p class="count" data-testid="participant-count">
          {t("workshop.count", { online, total })}
          {query ? ` · ${t("workshop.filterShown", { shown: shown.length })}` : ""}
        </p>
      </div>
      {namesHidden ? (
        <p class="hint" data-testid="names-hidden-note">
          {t("privacy.namesHidden")}
        </p>
      ) : null}
      <div class="field filter">
        <label for="participant-filter">{t("workshop.filterLabel")}</label>
        <input
          id="participant-filter"
          type="search"
          value={filter}
          data-testid="participant-filter"
          autoComplete="off"
          spellcheck={false}
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
      </div>
      {shown.length === 0 && query ? <p class="empty">{t("workshop.noMatch")}</p> : null}
      <VirtualList
        items={shown}
        rowHeight={rowHeight}
        keyOf={keyOf}
        testId="participant-list"
        labelledBy="participants-heading"
        renderRow={(participant, style, position) => (
          <ParticipantRow
            participant={participant}
            style={style}
            position={position}
            isMe={participant.participantId === myId}
            canManage={canManage}
            confirmingRemove={confirmingRemove === participant.participantId}
            onAskRemove={() => setConfirmingRemove(participant.participantId)}
            onCancelRemove={() => setConfirmingRemove(null)}
            onRemoved={() => {
              setConfirmingRemove(null);
              headingRef.current?.focus();
            }}
          />
        )}
      />
    </section>
  );
}
