import type { RoundView } from "../../../../shared/breakout.js";
import type { RoomId } from "../../../../shared/ids.js";
import {
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_TEXT_MAX,
  type PollDefinition,
  type PollKind,
  type PollResultsVisibility,
  type PollScope,
} from "../../../../shared/poll.js";

/*
 * The poll builder's form model: what the person has typed (numbers stay text until checkBuilderForm
 * reads them), how a draft fills it, and the edits to the list of options.
 */

export type OptionRow = { optionId: string; label: string };

export type BuilderForm = {
  kind: PollKind;
  question: string;
  options: OptionRow[];
  minSelections: string;
  maxSelections: string;
  scale: "5" | "10";
  lowLabel: string;
  highLabel: string;
  maxLength: string;
  /** A PollScope as a select's value: see scopeValue. */
  scope: string;
  /** The programme session a plenary poll belongs to; "": none (the forum's); null: not chosen, the one on now (SessionPicker). */
  sessionId: string | null;
  anonymous: boolean;
  visibility: PollResultsVisibility;
  allowVoteChange: boolean;
  autoClose: string;
  /** Empty: none. */
  contentNote: string;
};

/** A room lead's polls can only be for their own room. */
export type FixedRoom = { roomId: RoomId; name: string };

/** What each part of the builder gets: the form, a setter for one of its fields, and ids unique to this builder. */
export type BuilderPartProps = {
  form: BuilderForm;
  set: <K extends keyof BuilderForm>(key: K, value: BuilderForm[K]) => void;
  id: (name: string) => string;
};

/** Kinds whose voters choose among options the builder lists. */
export function hasOptions(kind: PollKind): boolean {
  return kind === "single" || kind === "multiple" || kind === "ranking";
}

/** `anonymousByDefault`: the workshop's setting, which a new poll starts from (an edited draft keeps its own). */
export function initialForm(
  editing: PollDefinition | undefined,
  fixedRoom: FixedRoom | undefined,
  anonymousByDefault: boolean,
): BuilderForm {
  const base: BuilderForm = {
    kind: "single",
    question: "",
    options: [
      { optionId: "a", label: "" },
      { optionId: "b", label: "" },
    ],
    minSelections: "1",
    maxSelections: "",
    scale: "5",
    lowLabel: "",
    highLabel: "",
    maxLength: String(POLL_TEXT_MAX),
    scope: fixedRoom ? `room:${fixedRoom.roomId}` : "plenary",
    // A new plenary poll belongs to the session on now unless the person chooses otherwise.
    sessionId: fixedRoom ? "" : null,
    anonymous: anonymousByDefault,
    // Results after voting: the first ballots' results do not steer everyone else's.
    visibility: "afterVoting",
    allowVoteChange: true,
    autoClose: "",
    contentNote: "",
  };
  if (!editing) return base;
  const form: BuilderForm = {
    ...base,
    kind: editing.kind,
    question: editing.question,
    scope: scopeValue(editing.scope),
    sessionId: editing.scope.kind === "plenary" ? (editing.scope.sessionId ?? "") : "",
    anonymous: editing.anonymous,
    visibility: editing.resultsVisibility,
    allowVoteChange: editing.allowVoteChange,
    autoClose: editing.autoCloseSeconds === undefined ? "" : String(editing.autoCloseSeconds),
    contentNote: editing.contentNote ?? "",
  };
  if ("options" in editing) form.options = editing.options.map((option) => ({ ...option }));
  if (editing.kind === "multiple") {
    form.minSelections = String(editing.minSelections);
    form.maxSelections = editing.maxSelections === undefined ? "" : String(editing.maxSelections);
  }
  if (editing.kind === "rating") {
    form.scale = editing.scale === 10 ? "10" : "5";
    form.lowLabel = editing.lowLabel ?? "";
    form.highLabel = editing.highLabel ?? "";
  }
  if (editing.kind === "text") form.maxLength = String(editing.maxLength);
  return form;
}

export function scopeValue(scope: PollScope): string {
  switch (scope.kind) {
    case "plenary":
      return "plenary";
    case "everyRoom":
      return `everyRoom:${scope.roundId}`;
    case "room":
      return `room:${scope.roomId}`;
  }
}

/** The scope a select's value stands for; a plenary poll carries its session when it has one. */
export function scopeOf(value: string, sessionId: string | null = null): PollScope {
  if (value.startsWith("everyRoom:")) return { kind: "everyRoom", roundId: value.slice("everyRoom:".length) };
  if (value.startsWith("room:")) return { kind: "room", roomId: value.slice("room:".length) };
  return sessionId ? { kind: "plenary", sessionId } : { kind: "plenary" };
}

/** A draft made for a room or round that is no longer the current one keeps its scope as an option. */
export function scopeMissing(value: string, round: RoundView | null): boolean {
  if (value === "plenary") return false;
  if (!round) return true;
  if (value === `everyRoom:${round.roundId}`) return false;
  return !round.rooms.some((room) => value === `room:${room.roomId}`);
}

export function withOptionLabel(form: BuilderForm, index: number, label: string): BuilderForm {
  return { ...form, options: form.options.map((option, at) => (at === index ? { ...option, label } : option)) };
}

export function withOptionMoved(form: BuilderForm, index: number, by: -1 | 1): BuilderForm {
  const target = index + by;
  if (target < 0 || target >= form.options.length) return form;
  const options = [...form.options];
  const [moved] = options.splice(index, 1);
  if (moved) options.splice(target, 0, moved);
  return { ...form, options };
}

export function withoutOption(form: BuilderForm, index: number): BuilderForm {
  return form.options.length <= POLL_OPTIONS_MIN
    ? form
    : { ...form, options: form.options.filter((_, at) => at !== index) };
}

export function withNewOption(form: BuilderForm): BuilderForm {
  return form.options.length >= POLL_OPTIONS_MAX
    ? form
    : { ...form, options: [...form.options, { optionId: freshOptionId(form.options), label: "" }] };
}

/** "a", "b", … "z", "aa", "ab", …: short ids, unique within the poll. */
function letterId(index: number): string {
  let id = "";
  let rest = index;
  do {
    id = String.fromCharCode(97 + (rest % 26)) + id;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return id;
}

function freshOptionId(rows: readonly OptionRow[]): string {
  const used = new Set(rows.map((row) => row.optionId));
  for (let index = 0; ; index++) {
    const id = letterId(index);
    if (!used.has(id)) return id;
  }
}
