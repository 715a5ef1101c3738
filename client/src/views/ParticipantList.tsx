import { signal } from "@preact/signals";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ParticipantId } from "../../../shared/ids.js";
import type { ParticipantView } from "../../../shared/workshop.js";
import { t } from "../i18n/index.js";
import { watchRoster } from "../net/roster.js";
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
  /**
   * A participant of an open roster: the list opens when asked, and only while it is open is
   * every person sent, live (`roster:watch`). A forum of thousands then costs a phone a count,
   * not everyone's comings and goings.
   */
  onDemand: boolean;
};

/** Whether the person opened the list: kept across a trip to a breakout room (the list unmounts there). */
const listOpen = signal(false);

const keyOf = (participant: ParticipantView) => participant.participantId;

export function ParticipantList({ myId, canManage, namesHidden, onDemand }: ParticipantListProps) {
  const [filter, setFilter] = useState("");
  const [confirmingRemove, setConfirmingRemove] = useState<ParticipantId | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const narrow = useMediaQuery("(max-width: 559px)");
  // Fixed heights keep the windowing exact; facilitator rows wrap their controls below the name on phones.
  const rowHeight = canManage ? (narrow ? 96 : 56) : 48;

  const open = !onDemand || listOpen.value;
  useEffect(() => {
    if (!onDemand) return;
    watchRoster(listOpen.value);
    return () => watchRoster(false);
  }, [onDemand, listOpen.value]);

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
      {onDemand ? (
        <p class="list-toggle">
          <button
            type="button"
            class="button secondary"
            aria-expanded={open}
            aria-controls="participant-list-body"
            data-testid="participant-list-toggle"
            onClick={() => {
              listOpen.value = !listOpen.value;
            }}
          >
            {open ? t("workshop.hideEveryone") : t("workshop.showEveryone")}
          </button>
          {open ? <span class="hint"> {t("workshop.listLive")}</span> : null}
        </p>
      ) : null}
      {open ? (
        <div id="participant-list-body">
          <ListBody
            shown={shown}
            query={query}
            filter={filter}
            setFilter={setFilter}
            rowHeight={rowHeight}
            myId={myId}
            canManage={canManage}
            confirmingRemove={confirmingRemove}
            setConfirmingRemove={setConfirmingRemove}
            onRemoved={() => {
              setConfirmingRemove(null);
              headingRef.current?.focus();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}

type ListBodyProps = {
  shown: ParticipantView[];
  query: string;
  filter: string;
  setFilter: (filter: string) => void;
  rowHeight: number;
  myId: ParticipantId;
  canManage: boolean;
  confirmingRemove: ParticipantId | null;
  setConfirmingRemove: (participantId: ParticipantId | null) => void;
  onRemoved: () => void;
};

/** The filter and the windowed list (only the rows on screen are rendered, whatever the forum's size). */
function ListBody(props: ListBodyProps) {
  const { shown, query, filter, setFilter, rowHeight, myId, canManage, confirmingRemove, setConfirmingRemove } = props;
  return (
    <>
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
            onRemoved={props.onRemoved}
          />
        )}
      />
    </>
  );
}
