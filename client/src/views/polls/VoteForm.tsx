import type { ComponentChildren } from "preact";
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
import { IconButton } from "./buttons.js";
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
  const shared = { poll, busy, onSubmit, onCancel };
  switch (definition.kind) {
    case "single":
      return (
        <ChoiceForm
          {...shared}
          definition={definition}
          initial={initial?.kind === "single" ? [initial.optionId] : []}
        />
      );
    case "multiple":
      return (
        <ChoiceForm
          {...shared}
          definition={definition}
          initial={initial?.kind === "multiple" ? initial.optionIds : []}
        />
      );
    case "rating":
      return (
        <RatingForm {...shared} definition={definition} initial={initial?.kind === "rating" ? initial.value : null} />
      );
    case "text":
      return <TextForm {...shared} definition={definition} initial={initial?.kind === "text" ? initial.text : ""} />;
    case "ranking":
      return <RankingForm {...shared} definition={definition} initial={initial?.kind === "ranking" ? initial : null} />;
  }
}

type FormProps<K extends "single" | "multiple" | "rating" | "text" | "ranking", I> = Omit<VoteFormProps, "initial"> & {
  definition: PollDefinitionOf<K>;
  initial: I;
};

/** What is wrong with a form, in words (null: nothing), and the id of the line that says it. */
type Problem = { id: string; text: string | null; show: (text: string | null) => void };

function useProblem(poll: PollView): Problem {
  const [text, show] = useState<string | null>(null);
  return { id: `vote-problem-${poll.pollId}`, text, show };
}

type FrameProps = {
  busy: boolean;
  onSubmit: (ballot: Ballot) => void;
  onCancel?: (() => void) | undefined;
  /** On submit: the ballot the inputs make, or what is wrong with them (shown as the problem). */
  check: () => Ballot | { problem: string };
  problem?: Problem;
  children: ComponentChildren;
};

/** What every kind's form has around its inputs: the form, the line that says what is wrong, the buttons. */
function VoteFormFrame({ busy, onSubmit, onCancel, check, problem, children }: FrameProps) {
  function submit(event: Event) {
    event.preventDefault();
    const checked = check();
    if ("problem" in checked) problem?.show(checked.problem);
    else onSubmit(checked);
  }

  return (
    <form class="vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      {children}
      {problem ? (
        <p class="field-error" id={problem.id} role="alert" hidden={problem.text === null}>
          {problem.text ?? ""}
        </p>
      ) : null}
      <div class="button-row">
        <button type="submit" class="button primary vote-submit" data-testid="vote-submit" disabled={busy}>
          {busy ? t("vote.sending") : t("vote.submit")}
        </button>
        {onCancel ? (
          <button type="button" class="button secondary" data-testid="vote-cancel" onClick={onCancel}>
            {t("vote.keep")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ChoiceForm({
  poll,
  definition,
  initial,
  ...frame
}: FormProps<"single" | "multiple", readonly PollOptionId[]>) {
  const [chosen, setChosen] = useState<ReadonlySet<PollOptionId>>(() => new Set(initial));
  const problem = useProblem(poll);
  const multiple = definition.kind === "multiple";
  const min = definition.kind === "multiple" ? definition.minSelections : 1;
  const max = definition.kind === "multiple" ? (definition.maxSelections ?? definition.options.length) : 1;
  const hintId = `vote-hint-${poll.pollId}`;
  const hint = multiple ? selectionHint(min, max, definition.options.length) : null;

  function toggle(optionId: PollOptionId, checked: boolean) {
    problem.show(null);
    if (!multiple) {
      setChosen(new Set([optionId]));
      return;
    }
    const next = new Set(chosen);
    if (checked) next.add(optionId);
    else next.delete(optionId);
    setChosen(next);
  }

  function check(): Ballot | { problem: string } {
    if (chosen.size < min || chosen.size > max) return { problem: multiple ? (hint ?? "") : t("vote.chooseOne") };
    const ordered = definition.options.filter((option) => chosen.has(option.optionId)).map((option) => option.optionId);
    return multiple ? { kind: "multiple", optionIds: ordered } : { kind: "single", optionId: ordered[0] ?? "" };
  }

  return (
    <VoteFormFrame {...frame} check={check} problem={problem}>
      <fieldset
        class="vote-choices"
        aria-describedby={[hint ? hintId : "", problem.text ? problem.id : ""].filter(Boolean).join(" ") || undefined}
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
              <label for={inputId} dir="auto">
                {option.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    </VoteFormFrame>
  );
}

function RatingForm({ poll, definition, initial, ...frame }: FormProps<"rating", number | null>) {
  const [value, setValue] = useState<number | null>(initial);
  const problem = useProblem(poll);
  const values = Array.from({ length: definition.scale }, (_, index) => index + 1);

  return (
    <VoteFormFrame
      {...frame}
      check={() => (value === null ? { problem: t("vote.chooseRating") } : { kind: "rating", value })}
      problem={problem}
    >
      <fieldset
        class={`rating-buttons rating-${definition.scale}`}
        aria-describedby={problem.text ? problem.id : undefined}
      >
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
                problem.show(null);
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
    </VoteFormFrame>
  );
}

function TextForm({ poll, definition, initial, ...frame }: FormProps<"text", string>) {
  const [text, setText] = useState(initial);
  const problem = useProblem(poll);
  const length = [...text.normalize("NFC").trim()].length;
  const inputId = `vote-text-${poll.pollId}`;
  const counterId = `vote-counter-${poll.pollId}`;
  const tooLong = length > definition.maxLength;

  function check(): Ballot | { problem: string } {
    if (length === 0) return { problem: t("vote.textEmpty") };
    if (tooLong) return { problem: t("vote.textTooLong", { max: definition.maxLength }) };
    return { kind: "text", text: text.normalize("NFC").trim() };
  }

  return (
    <VoteFormFrame {...frame} check={check} problem={problem}>
      <div class="field">
        <label for={inputId}>{t("vote.textLabel")}</label>
        <input
          id={inputId}
          type="text"
          value={text}
          maxLength={definition.maxLength * 2}
          autoComplete="off"
          aria-describedby={`${counterId}${problem.text ? ` ${problem.id}` : ""}`}
          aria-invalid={tooLong || problem.text ? true : undefined}
          data-testid="vote-text"
          onInput={(event) => {
            setText(event.currentTarget.value);
            problem.show(null);
          }}
        />
        <p class={`hint${tooLong ? " over-limit" : ""}`} id={counterId} data-testid="vote-text-count">
          {t("vote.textCounter", { length, max: definition.maxLength })}
        </p>
      </div>
    </VoteFormFrame>
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
function RankingForm({ poll, definition, initial, ...frame }: FormProps<"ranking", RankingBallot | null>) {
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
    if (event.button !== 0 || frame.busy) return;
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

  return (
    <VoteFormFrame {...frame} check={() => ({ kind: "ranking", order: [...order] })}>
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
              <IconButton
                icon="↑"
                label={t("vote.rankUp", { label })}
                testId="rank-up"
                disabled={index === 0}
                onClick={() => moveBy(optionId, -1, "up")}
              />
              <IconButton
                icon="↓"
                label={t("vote.rankDown", { label })}
                testId="rank-down"
                disabled={index === order.length - 1}
                onClick={() => moveBy(optionId, 1, "down")}
              />
            </li>
          );
        })}
      </ol>
      <p class="visually-hidden" role="status" data-testid="rank-announcement">
        {announcement}
      </p>
    </VoteFormFrame>
  );
}
