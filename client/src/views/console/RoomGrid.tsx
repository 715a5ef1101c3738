import type { RoundView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { consoleRoom, consoleRoomFilter } from "../../state/consoleState.js";
import { TimeLeft } from "../breakout/Timer.js";
import { matchesQuery, type NotesState, type RoomRow, roundPoll } from "./model.js";

const notesText: Record<NotesState, MessageKey> = {
  writing: "console.notesWriting",
  offline: "console.notesOffline1",
  none: "console.notesNone",
};

type RoomGridProps = {
  round: RoundView;
  /** Every room of the round; the grid applies the search and the filter. */
  rows: readonly RoomRow[];
  running: boolean;
  query: string;
  onQuery: (query: string) => void;
  onOpen: (roomId: RoomId) => void;
};

/**
 * Every room of the round as one line of a table, dense enough for 50+ rooms on one screen:
 * head-count, lead, notes, help, votes in the running every-room poll, time left. Search by
 * name or topic, show only the rooms that need attention; Enter in the search opens the first
 * match, arrow keys move between rooms, Enter opens one beside the table.
 */
export function RoomGrid({ round, rows, running, query, onQuery, onOpen }: RoomGridProps) {
  const filter = consoleRoomFilter.value;
  const selected = consoleRoom.value;
  const poll = roundPoll.value;
  const needing = rows.filter((row) => row.needsAttention).length;
  const search = query.trim().toLocaleLowerCase();
  const visible = rows.filter((row) => (filter === "all" || row.needsAttention) && matchesQuery(row.room, search));

  function rowButtons(): HTMLButtonElement[] {
    return [...document.querySelectorAll<HTMLButtonElement>('[data-testid="room-row-open"]')];
  }

  function onSearchKey(event: KeyboardEvent) {
    if (event.key === "Enter") {
      event.preventDefault();
      const first = visible[0];
      if (first) onOpen(first.room.roomId);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      rowButtons()[0]?.focus();
    }
  }

  function onRowKey(event: KeyboardEvent) {
    const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
    if (!keys.includes(event.key)) return;
    event.preventDefault();
    const buttons = rowButtons();
    const index = buttons.indexOf(event.currentTarget as HTMLButtonElement);
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? buttons.length - 1
          : index + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) document.getElementById("console-room-search")?.focus();
    else buttons[next]?.focus();
  }

  return (
    <div class="room-grid-column">
      <div class="room-grid-tools">
        <div class="field">
          <label for="console-room-search">{t("dashboard.filterLabel")}</label>
          <input
            id="console-room-search"
            type="search"
            value={query}
            autoComplete="off"
            aria-describedby="console-room-search-hint"
            data-testid="console-room-search"
            onInput={(event) => onQuery(event.currentTarget.value)}
            onKeyDown={onSearchKey}
          />
          <p class="hint" id="console-room-search-hint">
            {t("console.searchHint")}
          </p>
        </div>
        <fieldset class="room-filter">
          <legend>{t("console.filterLegend")}</legend>
          {(["attention", "all"] as const).map((value) => (
            <label key={value} class="check">
              <input
                type="radio"
                name="console-room-filter"
                value={value}
                checked={filter === value}
                data-testid={`console-filter-${value}`}
                onChange={() => {
                  consoleRoomFilter.value = value;
                }}
              />
              {value === "attention"
                ? t("console.filterAttention", { count: needing })
                : t("console.filterAll", { count: round.rooms.length })}
            </label>
          ))}
        </fieldset>
      </div>
      <div class="room-table-wrap">
        <table class="room-table" data-testid="room-table">
          <caption class="visually-hidden">{t("console.tableCaption", { number: round.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("console.colRoom")}</th>
              <th scope="col">{t("console.colPeople")}</th>
              <th scope="col">{t("console.colLead")}</th>
              <th scope="col">{t("console.colNotes")}</th>
              <th scope="col">{t("console.colHelp")}</th>
              {poll ? <th scope="col">{t("console.colVoted")}</th> : null}
              <th scope="col">{t("console.colTime")}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr
                key={row.room.roomId}
                class={`room-row${row.needsAttention ? " room-row-attention" : ""}`}
                aria-current={selected === row.room.roomId ? "true" : undefined}
                data-testid="room-row"
                data-room-id={row.room.roomId}
                data-name={row.room.name}
              >
                <th scope="row">
                  <button
                    type="button"
                    class="room-row-open"
                    data-testid="room-row-open"
                    onClick={() => onOpen(row.room.roomId)}
                    onKeyDown={onRowKey}
                  >
                    {row.room.name}
                  </button>
                </th>
                <td data-testid="room-row-count">
                  {row.room.capacity === null
                    ? row.count
                    : t("dashboard.peopleOf", { count: row.count, capacity: row.room.capacity })}
                </td>
                <td class={row.hasLead ? "" : "room-row-missing"}>{row.leadName ?? t("dashboard.noLead")}</td>
                <td class={row.notes === "writing" ? "" : "room-row-missing"} data-notes={row.notes}>
                  {t(notesText[row.notes])}
                </td>
                <td data-testid="room-row-help">
                  {row.helps[0] ? (
                    <span class={`help-flag-small help-${row.helps[0].status}`}>
                      {row.helps[0].status === "taken" ? t("console.helpOnTheWay") : t("console.helpAsked")}
                    </span>
                  ) : null}
                </td>
                {poll ? (
                  <td data-testid="room-row-voted">
                    {t("dashboard.peopleOf", { count: row.voters ?? 0, capacity: row.count })}
                  </td>
                ) : null}
                <td>{row.room.closed ? t("dashboard.closed") : running ? <TimeLeft round={round} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 ? (
          <p class="muted" data-testid="room-table-empty">
            {filter === "attention" && needing === 0 ? t("console.noRoomNeedsAttention") : t("console.noRoomMatches")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
