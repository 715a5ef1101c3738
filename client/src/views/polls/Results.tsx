import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { RoundView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import type {
  ChoiceTally,
  PollDefinition,
  PollDefinitionOf,
  PollResults,
  PollView,
  RankingTally,
  RatingTally,
  WordCloud,
} from "../../../../shared/poll.js";
import { formatNumber, t } from "../../i18n/index.js";
import { fetchAnswers } from "../../net/polls.js";
import { SmallButton } from "./buttons.js";
import { eligibleVoters, percent, roomName, roomsOfPollRound } from "./model.js";

type Tally = ChoiceTally | RatingTally | RankingTally | WordCloud;

/** Rooms compared at first; the rest behind a button (a round may have 200). */
const ROOMS_SHOWN = 12;
/** The biggest words of a cloud; the rest would be unreadable anyway. */
const CLOUD_WORDS = 60;

type ResultsProps = {
  poll: PollView;
  results: PollResults;
  manager: boolean;
  round: RoundView | null;
};

/** A poll's results: combined, and for every-room polls each room beside it. */
export function Results({ poll, results, manager, round }: ResultsProps) {
  const { definition } = poll;
  const combined = results.combined;
  const byRoom = results.byRoom;
  return (
    <section
      class="poll-results"
      aria-label={t("results.label", { question: definition.question })}
      data-testid="poll-results"
      data-voters={combined.voters}
    >
      {manager && poll.status !== "draft" ? <Participation poll={poll} voters={combined.voters} /> : null}
      <div data-testid="combined-results">
        {byRoom ? <h4 class="results-heading">{t("results.combined")}</h4> : null}
        <TallyView poll={poll} definition={definition} tally={combined} caption={definition.question} />
      </div>
      {manager && definition.kind === "text" ? <Answers poll={poll} round={round} /> : null}
      {byRoom ? <RoomComparison poll={poll} byRoom={byRoom} manager={manager} round={round} /> : null}
    </section>
  );
}

/** "212 of 338 voted": voters of the online people who could vote (facilitators left out). */
export function Participation({ poll, voters, roomId }: { poll: PollView; voters: number; roomId?: RoomId }) {
  const eligible = eligibleVoters(poll, roomId);
  return (
    <p class="participation" data-testid="poll-participation" data-voters={voters} data-eligible={eligible}>
      {t("results.participation", { voters, eligible })}
    </p>
  );
}

function RoomComparison({
  poll,
  byRoom,
  manager,
  round,
}: {
  poll: PollView;
  byRoom: Readonly<Record<string, Tally>>;
  manager: boolean;
  round: RoundView | null;
}) {
  const [showAll, setShowAll] = useState(false);
  const known = roomsOfPollRound(poll, round).map((room) => room.roomId);
  // Managers: rooms of the round in their order, then any room that only the results know of.
  // Everyone else is sent their own room's results only (none from the plenary): show those.
  const roomIds = manager
    ? [...known, ...Object.keys(byRoom).filter((roomId) => !known.includes(roomId))]
    : Object.keys(byRoom);
  if (roomIds.length === 0) return null;
  const shown = showAll ? roomIds : roomIds.slice(0, ROOMS_SHOWN);
  return (
    <section class="room-comparison" aria-label={t("results.byRoom")}>
      <h4 class="results-heading">{t("results.byRoom")}</h4>
      <ul class="room-results-list">
        {shown.map((roomId) => {
          const tally = byRoom[roomId];
          const name = roomName(roomId, round);
          return (
            <li
              key={roomId}
              class="room-results"
              data-testid="room-results"
              data-room-id={roomId}
              data-voters={tally?.voters ?? 0}
            >
              <h5>{name}</h5>
              {manager && known.includes(roomId) ? (
                <Participation poll={poll} voters={tally?.voters ?? 0} roomId={roomId} />
              ) : null}
              {tally ? (
                <TallyView
                  poll={poll}
                  definition={poll.definition}
                  tally={tally}
                  caption={t("results.roomCaption", { room: name, question: poll.definition.question })}
                />
              ) : (
                <p class="muted">{t("results.noVotes")}</p>
              )}
            </li>
          );
        })}
      </ul>
      {roomIds.length > ROOMS_SHOWN ? (
        <button type="button" class="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? t("results.fewerRooms") : t("results.allRooms", { count: roomIds.length })}
        </button>
      ) : null}
    </section>
  );
}

type TallyProps = { poll: PollView; definition: PollDefinition; tally: Tally; caption: string };

function TallyView({ poll, definition, tally, caption }: TallyProps) {
  switch (definition.kind) {
    case "single":
    case "multiple":
      return <ChoiceResults definition={definition} tally={tally as ChoiceTally} caption={caption} />;
    case "rating":
      return <RatingResults definition={definition} tally={tally as RatingTally} caption={caption} />;
    case "ranking":
      return <RankingResults definition={definition} tally={tally as RankingTally} caption={caption} />;
    case "text":
      return <WordCloudView poll={poll} cloud={tally as WordCloud} />;
  }
}

type Bar = { key: string; label: string; value: number; text: string };

/**
 * Horizontal bars, one inline SVG each, scaled to the largest value. Hidden from screen readers:
 * the table next to it carries the same numbers.
 */
function BarChart({ bars, compact = false }: { bars: readonly Bar[]; compact?: boolean }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <div class={`chart${compact ? " chart-compact" : ""}`} aria-hidden="true" data-testid="poll-chart">
      {bars.map((bar) => (
        <div class="chart-row" key={bar.key}>
          <span class="chart-label">{bar.label}</span>
          <svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false" aria-hidden="true">
            <rect class="chart-track" x="0" y="0" width="100" height="10" rx="1.5" />
            <rect class="chart-fill" x="0" y="0" width={(bar.value / max) * 100} height="10" rx="1.5" />
          </svg>
          <span class="chart-value">{bar.text}</span>
        </div>
      ))}
    </div>
  );
}

function VotersLine({ voters, kind }: { voters: number; kind: "votes" | "answers" }) {
  const text = t(kind === "answers" ? "results.answers" : "results.voters", { count: voters });
  return (
    <p class="voters muted" data-testid="poll-voters">
      {text}
    </p>
  );
}

/** A results table: its caption (for screen readers), one header row, then the rows. */
function ResultsTable({
  caption,
  head,
  wrapClass,
  children,
}: {
  caption: string;
  head: ComponentChildren;
  wrapClass?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={wrapClass ? `results-table-wrap ${wrapClass}` : "results-table-wrap"}>
      <table class="results-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

type CountRow = { key: string; label: string; count: number; share: number };

/**
 * Votes and shares, one row an option (or a rating value): as bars, and as a table with the same
 * numbers. A row's key is the option id its result row carries.
 */
function CountResults({
  rows,
  firstColumn,
  caption,
  compact = false,
}: {
  rows: readonly CountRow[];
  firstColumn: string;
  caption: string;
  compact?: boolean;
}) {
  return (
    <>
      <BarChart
        compact={compact}
        bars={rows.map((row) => ({
          key: row.key,
          label: row.label,
          value: row.count,
          text: t("results.countShare", { count: row.count, share: row.share }),
        }))}
      />
      <ResultsTable
        caption={caption}
        head={
          <>
            <th scope="col">{firstColumn}</th>
            <th scope="col" class="num">
              {t("results.colVotes")}
            </th>
            <th scope="col" class="num">
              {t("results.colShare")}
            </th>
          </>
        }
      >
        {rows.map((row) => (
          <tr key={row.key} data-testid="result-row" data-option-id={row.key} data-count={row.count}>
            <th scope="row">{row.label}</th>
            <td class="num">{formatNumber(row.count)}</td>
            <td class="num">{t("results.percent", { share: row.share })}</td>
          </tr>
        ))}
      </ResultsTable>
    </>
  );
}

function ChoiceResults({
  definition,
  tally,
  caption,
}: {
  definition: PollDefinitionOf<"single" | "multiple">;
  tally: ChoiceTally;
  caption: string;
}) {
  const counts = new Map(tally.counts.map((entry) => [entry.optionId, entry.count]));
  const rows = definition.options.map((option): CountRow => {
    const count = counts.get(option.optionId) ?? 0;
    return { key: option.optionId, label: option.label, count, share: percent(count, tally.voters) };
  });
  return (
    <>
      <VotersLine voters={tally.voters} kind="votes" />
      <CountResults rows={rows} firstColumn={t("results.colOption")} caption={caption} />
      {definition.kind === "multiple" ? <p class="hint">{t("results.multipleNote")}</p> : null}
    </>
  );
}

function RatingResults({
  definition,
  tally,
  caption,
}: {
  definition: PollDefinitionOf<"rating">;
  tally: RatingTally;
  caption: string;
}) {
  const counts = new Map(tally.distribution.map((entry) => [entry.value, entry.count]));
  const rows = Array.from({ length: definition.scale }, (_, index): CountRow => {
    const value = index + 1;
    const count = counts.get(value) ?? 0;
    const end = value === 1 ? definition.lowLabel : value === definition.scale ? definition.highLabel : undefined;
    const label = end ? t("results.ratingValueLabel", { value, label: end }) : formatNumber(value);
    return { key: String(value), label, count, share: percent(count, tally.voters) };
  });
  return (
    <>
      <VotersLine voters={tally.voters} kind="votes" />
      <p class="rating-mean" data-testid="rating-mean" data-mean={tally.mean ?? ""}>
        {tally.mean === null
          ? t("results.noMean")
          : t("results.mean", {
              mean: tally.mean.toLocaleString(undefined, { maximumFractionDigits: 2 }),
              scale: definition.scale,
            })}
      </p>
      <CountResults compact rows={rows} firstColumn={t("results.colRating")} caption={caption} />
    </>
  );
}

function ordinal(place: number): string {
  return t("results.place", { place });
}

function RankingResults({
  definition,
  tally,
  caption,
}: {
  definition: PollDefinitionOf<"ranking">;
  tally: RankingTally;
  caption: string;
}) {
  const byId = new Map(tally.options.map((entry) => [entry.optionId, entry]));
  const rows = definition.options
    .map((option, index) => {
      const entry = byId.get(option.optionId);
      return {
        option,
        index,
        points: entry?.points ?? 0,
        rank: entry?.rank ?? definition.options.length,
        positions: entry?.positions ?? [],
      };
    })
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  return (
    <>
      <VotersLine voters={tally.voters} kind="votes" />
      <p class="hint">{t("results.bordaNote", { top: definition.options.length - 1 })}</p>
      <BarChart
        bars={rows.map((row) => ({
          key: row.option.optionId,
          label: t("results.rankedLabel", { rank: row.rank, label: row.option.label }),
          value: row.points,
          text: t("results.points", { points: row.points }),
        }))}
      />
      <ResultsTable
        caption={caption}
        wrapClass="results-table-ranking"
        head={
          <>
            <th scope="col" class="num">
              {t("results.colRank")}
            </th>
            <th scope="col">{t("results.colOption")}</th>
            <th scope="col" class="num">
              {t("results.colPoints")}
            </th>
            <th scope="col">{t("results.colPlaces")}</th>
          </>
        }
      >
        {rows.map((row) => (
          <tr
            key={row.option.optionId}
            data-testid="result-row"
            data-option-id={row.option.optionId}
            data-count={row.points}
            data-rank={row.rank}
          >
            <td class="num">{formatNumber(row.rank)}</td>
            <th scope="row">{row.option.label}</th>
            <td class="num">{formatNumber(row.points)}</td>
            <td class="places">
              {row.positions.map((count, place) => `${ordinal(place + 1)}:\u00a0${formatNumber(count)}`).join(" · ")}
            </td>
          </tr>
        ))}
      </ResultsTable>
    </>
  );
}

/** Words sized by how many answers use them: plain text in a list (a screen reader reads a list). */
function WordCloudView({ poll, cloud }: { poll: PollView; cloud: WordCloud }) {
  const words = cloud.words.slice(0, CLOUD_WORDS);
  const counts = words.map((word) => word.count);
  const max = Math.max(1, ...counts);
  const min = Math.min(max, ...counts);
  const size = (count: number) => (max === min ? 1.25 : 0.875 + ((count - min) / (max - min)) * 1.125);
  return (
    <>
      <VotersLine voters={cloud.voters} kind="answers" />
      {words.length === 0 ? (
        <p class="muted">{t("results.noWords")}</p>
      ) : (
        <ul
          class="word-cloud"
          aria-label={t("results.wordCloudLabel", { question: poll.definition.question })}
          data-testid="word-cloud"
        >
          {words.map((word) => (
            <li
              key={word.word}
              class="cloud-word"
              style={{ fontSize: `${size(word.count).toFixed(2)}rem` }}
              data-testid="cloud-word"
              data-word={word.word}
              data-count={word.count}
            >
              {word.word}
              <span class="visually-hidden"> ({t("results.wordCount", { count: word.count })})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Every answer as written, fetched when a manager asks (never pushed). */
function Answers({ poll, round }: { poll: PollView; round: RoundView | null }) {
  const [answers, setAnswers] = useState<readonly { roomId: RoomId | null; text: string }[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    const outcome = await fetchAnswers(poll.pollId);
    setBusy(false);
    if (outcome?.ok) setAnswers(outcome.data.answers);
  }

  const everyRoom = poll.definition.scope.kind === "everyRoom";
  return (
    <div class="answers">
      <SmallButton testId="poll-show-answers" disabled={busy} onClick={() => void load()}>
        {answers === null ? t("results.showAnswers") : t("results.refreshAnswers")}
      </SmallButton>
      {answers !== null ? (
        answers.length === 0 ? (
          <p class="muted">{t("results.noAnswers")}</p>
        ) : (
          <ul class="answer-list" data-testid="poll-answers" aria-label={t("results.answersLabel")}>
            {answers.map((answer, index) => (
              <li key={index} data-testid="poll-answer">
                {everyRoom && answer.roomId ? (
                  <span class="answer-room">{roomName(answer.roomId, round)}: </span>
                ) : null}
                {answer.text}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
