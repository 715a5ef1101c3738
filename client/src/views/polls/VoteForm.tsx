import { useEffect, useRef, useState } from "preact/hooks";
import type {
  Ballot,
  PollDefinitionOf,
  PollOption,
  PollOptionId,
  PollView,
  RankingBallot,
} from "../../../../shared/poll.js";
import { formatNumber, t } from "../../i18n/index.js";
import { selectionHint } from "./model.js";

type VoteFormProps = {
  poll: PollView;
  /** The ballot being changed, to start from. */
  initial: Ballot | undefined;
  busy: boolean;
  onSubmit: (ballot: Ballot) => void;
  onCancel?: (() => void) | undefined;
};

/** The inputs of one poll, by kind; submits a ballot. What the server refuses is shown by the card. */
export function VoteForm({ poll, initial, busy, onSubmit, onCancel }: VoteFormProps) {
  const { definition } = poll;
  switch (definition.kind) {
    case "single":
      return (
        <ChoiceForm
          poll={poll}
          definition={definition}
          initial={initial?.kind === "single" ? [initial.optionId] : []}
          busy={busy}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      );
    case "multiple":
      return (
        <ChoiceForm
          poll={poll}
          definition={definition}
          initial={initial?.kind === "multiple" ? initial.optionIds : []}
          busy={busy}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      );
    case "rating":
      return (
        <RatingForm
          poll={poll}
          definition={definition}
          initial={initial?.kind === "rating" ? initial.value : null}
          busy={busy}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      );
    case "text":
      return (
        <TextForm
          poll={poll}
          definition={definition}
          initial={initial?.kind === "text" ? initial.text : ""}
          busy={busy}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      );
    case "ranking":
      return (
        <RankingForm
          poll={poll}
          definition={definition}
          initial={initial?.kind === "ranking" ? initial : null}
          busy={busy}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      );
  }
}

type FormProps<K extends "single" | "multiple" | "rating" | "text" | "ranking", I> = {
  poll: PollView;
  definition: PollDefinitionOf<K>;
  initial: I;
  busy: boolean;
  onSubmit: (ballot: Ballot) => void;
  onCancel?: (() => void) | undefined;
};

function Actions({
  busy,
  onCancel,
  disabled = false,
}: {
  busy: boolean;
  onCancel?: (() => void) | undefined;
  disabled?: boolean;
}) {
  return (
    <div class="button-row">
      <button type="submit" class="button primary vote-submit" data-testid="vote-submit" disabled={busy || disabled}>
        {busy ? t("vote.sending") : t("vote.submit")}
      </button>
      {onCancel ? (
        <button type="button" class="button secondary" data-testid="vote-cancel" onClick={onCancel}>
          {t("vote.keep")}
        </button>
      ) : null}
    </div>
  );
}

function FormProblem({ id, text }: { id: string; text: string | null }) {
  return (
    <p class="field-error" id={id} role="alert" hidden={text === null}>
      {text ?? ""}
    </p>
  );
}

function ChoiceForm({
  poll,
  definition,
  initial,
  busy,
  onSubmit,
  onCancel,
}: FormProps<"single" | "multiple", readonly PollOptionId[]>) {
  const [chosen, setChosen] = useState<ReadonlySet<PollOptionId>>(() => new Set(initial));
  const [problem, setProblem] = useState<string | null>(null);
  const multiple = definition.kind === "multiple";
  const min = definition.kind === "multiple" ? definition.minSelections : 1;
  const max = definition.kind === "multiple" ? (definition.maxSelections ?? definition.options.length) : 1;
  const hintId = `vote-hint-${poll.pollId}`;
  const problemId = `vote-problem-${poll.pollId}`;
  const hint = multiple ? selectionHint(min, max, definition.options.length) : null;

  function toggle(optionId: PollOptionId, checked: boolean) {
    setProblem(null);
    if (!multiple) {
      setChosen(new Set([optionId]));
      return;
    }
    const next = new Set(chosen);
    if (checked) next.add(optionId);
    else next.delete(optionId);
    setChosen(next);
  }

  function submit(event: Event) {
    event.preventDefault();
    if (chosen.size < min || chosen.size > max) {
      setProblem(multiple ? (hint ?? "") : t("vote.chooseOne"));
      return;
    }
    const ordered = definition.options.filter((option) => chosen.has(option.optionId)).map((option) => option.optionId);
    if (!multiple) onSubmit({ kind: "single", optionId: ordered[0] ?? "" });
    else onSubmit({ kind: "multiple", optionIds: ordered });
  }

  return (
    <form class="vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      <fieldset
        class="vote-choices"
        aria-describedby={[hint ? hintId : "", problem ? problemId : ""].filter(Boolean).join(" ") || undefined}
      >
        <legend class="visually-hidden">{definition.question}</legend>
        {hint ? (
          <p class="hint" id={hintId} data-testid="vote-hint">
            {hint}
          </p>
        ) : null}
        {definition.options.map((option) => {
          const inputId = `vote-${poll.pollId}-${option.optionId}`;
          return (
            <div class="choice" key={option.optionId}>
              <input
                id={inputId}
                type={multiple ? "checkbox" : "radio"}
                name={`vote-${poll.pollId}`}
                value={option.optionId}
                checked={chosen.has(option.optionId)}
                disabled={
                  multiple && !chosen.has(option.optionId) && chosen.size >= max && max < definition.options.length
                }
                data-testid="vote-option"
                data-option-id={option.optionId}
                onChange={(event) => toggle(option.optionId, event.currentTarget.checked)}
              />
              <label for={inputId}>{option.label}</label>
            </div>
          );
        })}
      </fieldset>
      <FormProblem id={problemId} text={problem} />
      <Actions busy={busy} onCancel={onCancel} />
    </form>
  );
}

function RatingForm({ poll, definition, initial, busy, onSubmit, onCancel }: FormProps<"rating", number | null>) {
  const [value, setValue] = useState<number | null>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const values = Array.from({ length: definition.scale }, (_, index) => index + 1);
  const problemId = `vote-problem-${poll.pollId}`;

  function submit(event: Event) {
    event.preventDefault();
    if (value === null) {
      setProblem(t("vote.chooseRating"));
      return;
    }
    onSubmit({ kind: "rating", value });
  }

  return (
    <form class="vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      <fieldset class={`rating-buttons rating-${definition.scale}`} aria-describedby={problem ? problemId : undefined}>
        <legend class="visually-hidden">{t("vote.ratingGroup", { scale: definition.scale })}</legend>
        {values.map((number) => {
          const end =
            number === 1 && definition.lowLabel
              ? definition.lowLabel
              : number === definition.scale && definition.highLabel
                ? definition.highLabel
                : null;
          return (
            <button
              type="button"
              key={number}
              class={`rating-button${value === number ? " rating-chosen" : ""}`}
              aria-pressed={value === number}
              aria-label={end ? t("vote.ratingWithLabel", { value: number, label: end }) : undefined}
              data-testid="vote-option"
              data-option-id={String(number)}
              onClick={() => {
                setValue(number);
                setProblem(null);
              }}
            >
              {formatNumber(number)}
            </button>
          );
        })}
      </fieldset>
      {definition.lowLabel || definition.highLabel ? (
        <p class="rating-ends" aria-hidden="true">
          <span>{definition.lowLabel ? `1 = ${definition.lowLabel}` : ""}</span>
          <span>{definition.highLabel ? `${definition.scale} = ${definition.highLabel}` : ""}</span>
        </p>
      ) : null}
      <FormProblem id={problemId} text={problem} />
      <Actions busy={busy} onCancel={onCancel} />
    </form>
  );
}

function TextForm({ poll, definition, initial, busy, onSubmit, onCancel }: FormProps<"text", string>) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const length = [...text.normalize("NFC").trim()].length;
  const inputId = `vote-text-${poll.pollId}`;
  const counterId = `vote-counter-${poll.pollId}`;
  const problemId = `vote-problem-${poll.pollId}`;
  const tooLong = length > definition.maxLength;

  function submit(event: Event) {
    event.preventDefault();
    if (length === 0) {
      setProblem(t("vote.textEmpty"));
      return;
    }
    if (tooLong) {
      setProblem(t("vote.textTooLong", { max: definition.maxLength }));
      return;
    }
    onSubmit({ kind: "text", text: text.normalize("NFC").trim() });
  }

  return (
    <form class="vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      <div class="field">
        <label for={inputId}>{t("vote.textLabel")}</label>
        <input
          id={inputId}
          type="text"
          value={text}
          maxLength={definition.maxLength * 2}
          autoComplete="off"
          aria-describedby={`${counterId}${problem ? ` ${problemId}` : ""}`}
          aria-invalid={tooLong || problem ? true : undefined}
          data-testid="vote-text"
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblem(null);
          }}
        />
        <p class={`hint${tooLong ? " over-limit" : ""}`} id={counterId} data-testid="vote-text-count">
          {t("vote.textCounter", { length: formatNumber(length), max: formatNumber(definition.maxLength) })}
        </p>
      </div>
      <FormProblem id={problemId} text={problem} />
      <Actions busy={busy} onCancel={onCancel} />
    </form>
  );
}

type FocusTarget = "grab" | "up" | "down";

function labelOf(options: readonly PollOption[], optionId: PollOptionId): string {
  return options.find((option) => option.optionId === optionId)?.label ?? optionId;
}

/**
 * Put every option in order. Three ways, all equal: drag an item by its handle (mouse, pen or
 * finger: pointer events, not HTML drag-and-drop, which phones lack), the Move up / Move down
 * buttons, or the arrow keys on a focused item. Every move is announced.
 */
function RankingForm({
  poll,
  definition,
  initial,
  busy,
  onSubmit,
  onCancel,
}: FormProps<"ranking", RankingBallot | null>) {
  const [order, setOrder] = useState<PollOptionId[]>(() => {
    const known = new Set(definition.options.map((option) => option.optionId));
    const start = initial?.order.filter((optionId) => known.has(optionId)) ?? [];
    const rest = definition.options.map((option) => option.optionId).filter((optionId) => !start.includes(optionId));
    return [...start, ...rest];
  });
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<PollOptionId | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  /** Moving an item moves DOM nodes, which can drop focus: put it back where it was. */
  const focusAfterMove = useRef<{ optionId: PollOptionId; on: FocusTarget } | null>(null);
  const orderRef = useRef(order);
  orderRef.current = order;
  const instructionsId = `rank-help-${poll.pollId}`;

  useEffect(() => {
    const wanted = focusAfterMove.current;
    if (!wanted) return;
    focusAfterMove.current = null;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-option-id="${CSS.escape(wanted.optionId)}"]`);
    const button = item?.querySelector<HTMLButtonElement>(`[data-testid="rank-${wanted.on}"]`);
    // At the top or the bottom the pressed button is disabled: the item itself keeps the focus.
    if (button && !button.disabled) button.focus();
    else item?.querySelector<HTMLButtonElement>('[data-testid="rank-grab"]')?.focus();
  });

  function announce(optionId: PollOptionId, place: number) {
    setAnnouncement(
      t("vote.rankMoved", {
        label: labelOf(definition.options, optionId),
        place,
        total: definition.options.length,
      }),
    );
  }

  function moveTo(optionId: PollOptionId, target: number, focus: FocusTarget | null = null) {
    const current = orderRef.current;
    const from = current.indexOf(optionId);
    const to = Math.max(0, Math.min(current.length - 1, target));
    if (from < 0 || from === to) return false;
    const next = [...current];
    next.splice(from, 1);
    next.splice(to, 0, optionId);
    orderRef.current = next;
    setOrder(next);
    if (focus) focusAfterMove.current = { optionId, on: focus };
    return true;
  }

  function moveBy(optionId: PollOptionId, by: -1 | 1, focus: FocusTarget) {
    const from = orderRef.current.indexOf(optionId);
    if (moveTo(optionId, from + by, focus)) announce(optionId, from + by + 1);
  }

  function onItemKey(event: KeyboardEvent, optionId: PollOptionId) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      moveBy(optionId, event.key === "ArrowUp" ? -1 : 1, "grab");
    }
  }

  function startDrag(event: PointerEvent, optionId: PollOptionId) {
    if (event.button !== 0 || busy) return;
    event.preventDefault();
    setDragging(optionId);
    const list = listRef.current;
    const onMove = (move: PointerEvent) => {
      if (move.pointerId !== event.pointerId || !list) return;
      // The target place: how many of the other items have their middle above the pointer.
      let place = 0;
      for (const item of list.querySelectorAll<HTMLElement>("[data-option-id]")) {
        if (item.dataset.optionId === optionId) continue;
        const box = item.getBoundingClientRect();
        if (box.top + box.height / 2 < move.clientY) place++;
      }
      moveTo(optionId, place);
    };
    const onEnd = (end: PointerEvent) => {
      if (end.pointerId !== event.pointerId) return;
      removeEventListener("pointermove", onMove);
      removeEventListener("pointerup", onEnd);
      removeEventListener("pointercancel", onEnd);
      setDragging(null);
      announce(optionId, orderRef.current.indexOf(optionId) + 1);
    };
    addEventListener("pointermove", onMove);
    addEventListener("pointerup", onEnd);
    addEventListener("pointercancel", onEnd);
  }

  function submit(event: Event) {
    event.preventDefault();
    onSubmit({ kind: "ranking", order: [...order] });
  }

  return (
    <form class="vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      <p class="hint" id={instructionsId}>
        {t("vote.rankHelp")}
      </p>
      <ol class="rank-list" ref={listRef} data-testid="rank-list">
        {order.map((optionId, index) => {
          const label = labelOf(definition.options, optionId);
          const place = index + 1;
          return (
            <li
              key={optionId}
              class={`rank-item${dragging === optionId ? " rank-dragging" : ""}`}
              data-testid="rank-item"
              data-option-id={optionId}
            >
              <button
                type="button"
                class="rank-grab"
                aria-label={t("vote.rankItem", { place, total: order.length, label })}
                aria-describedby={instructionsId}
                data-testid="rank-grab"
                onKeyDown={(event) => onItemKey(event, optionId)}
              >
                <span class="rank-place" aria-hidden="true">
                  {formatNumber(place)}
                </span>
                <span class="rank-label" aria-hidden="true">
                  {label}
                </span>
              </button>
              <span
                class="rank-handle"
                aria-hidden="true"
                title={t("vote.rankDrag")}
                data-testid="rank-handle"
                onPointerDown={(event) => startDrag(event, optionId)}
              >
                ⠿
              </span>
              <button
                type="button"
                class="button small secondary icon-button"
                aria-label={t("vote.rankUp", { label })}
                data-testid="rank-up"
                disabled={index === 0}
                onClick={() => moveBy(optionId, -1, "up")}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                class="button small secondary icon-button"
                aria-label={t("vote.rankDown", { label })}
                data-testid="rank-down"
                disabled={index === order.length - 1}
                onClick={() => moveBy(optionId, 1, "down")}
              >
                <span aria-hidden="true">↓</span>
              </button>
            </li>
          );
        })}
      </ol>
      <p class="visually-hidden" role="status" data-testid="rank-announcement">
        {announcement}
      </p>
      <Actions busy={busy} onCancel={onCancel} />
    </form>
  );
}
