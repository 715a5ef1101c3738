import type { Ballot, BallotOf, PollDefinition, PollDefinitionOf, PollKind, PollOption } from "../../../shared/poll.js";
import { freeText } from "../../../shared/text.js";
import { DomainError } from "../errors.js";

/**
 * Checks a parsed ballot against its poll and returns it in canonical form: multiple-choice
 * selections in the poll's option order, text trimmed and NFC. Equal choices give equal
 * ballots, so a store can compare a re-sent ballot with the stored one.
 * Throws DomainError("BAD_REQUEST") for anything the poll does not allow.
 */
export function validateBallot<K extends PollKind>(definition: PollDefinitionOf<K>, ballot: Ballot): BallotOf<K>;
export function validateBallot(definition: PollDefinition, ballot: Ballot): Ballot {
  switch (definition.kind) {
    case "single": {
      const { optionId } = ofKind(ballot, "single");
      requireKnown(definition.options, [optionId]);
      return { kind: "single", optionId };
    }
    case "multiple": {
      const { optionIds } = ofKind(ballot, "multiple");
      requireKnown(definition.options, optionIds);
      requireDistinct(optionIds);
      const max = definition.maxSelections ?? definition.options.length;
      if (optionIds.length < definition.minSelections) {
        throw refuse(`choose at least ${definition.minSelections}`);
      }
      if (optionIds.length > max) throw refuse(`choose at most ${max}`);
      const chosen = new Set(optionIds);
      return {
        kind: "multiple",
        optionIds: definition.options.filter((option) => chosen.has(option.optionId)).map((option) => option.optionId),
      };
    }
    case "rating": {
      const { value } = ofKind(ballot, "rating");
      if (!Number.isInteger(value) || value < 1 || value > definition.scale) {
        throw refuse(`the rating must be a whole number from 1 to ${definition.scale}`);
      }
      return { kind: "rating", value };
    }
    case "text": {
      const parsed = freeText(definition.maxLength).safeParse(ofKind(ballot, "text").text);
      if (!parsed.success) throw refuse(`answer ${parsed.error.issues[0]?.message ?? "is not valid text"}`);
      if (parsed.data.length === 0) throw refuse("the answer is empty");
      return { kind: "text", text: parsed.data };
    }
    case "ranking": {
      const { order } = ofKind(ballot, "ranking");
      requireKnown(definition.options, order);
      requireDistinct(order);
      if (order.length !== definition.options.length) {
        throw refuse(`rank all ${definition.options.length} options`);
      }
      return { kind: "ranking", order: [...order] };
    }
    default: {
      const unreachable: never = definition;
      throw refuse(`unknown poll kind ${String((unreachable as { kind: unknown }).kind)}`);
    }
  }
}

function ofKind<K extends PollKind>(ballot: Ballot, kind: K): BallotOf<K> {
  if (ballot.kind !== kind) throw refuse(`a ${ballot.kind} ballot does not fit a ${kind} poll`);
  return ballot as BallotOf<K>;
}

function refuse(message: string): DomainError {
  return new DomainError("BAD_REQUEST", message);
}

function requireKnown(options: readonly PollOption[], optionIds: readonly string[]): void {
  const known = new Set(options.map((option) => option.optionId));
  for (const optionId of optionIds) {
    if (!known.has(optionId)) throw refuse(`no option ${optionId} in this poll`);
  }
}

function requireDistinct(optionIds: readonly string[]): void {
  if (new Set(optionIds).size !== optionIds.length) throw refuse("an option is chosen more than once");
}
