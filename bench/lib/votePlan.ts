import type { PollDefinitionInput, PollScope } from "../../shared/poll.js";

/**
 * The poll of the vote storm, the same in every phase: single choice, four options, results
 * live, not anonymous (so the ballot's script call names its voter, see bench/votes.ts). The
 * bare tally servers hold one such poll under fixed ids; the workshop phases create it.
 */
export const VOTE_OPTIONS = [
  { optionId: "a", label: "Keep the current plan" },
  { optionId: "b", label: "Move the deadline" },
  { optionId: "c", label: "Cut the scope" },
  { optionId: "d", label: "Add people" },
] as const;

export function votePoll(scope: PollScope): PollDefinitionInput {
  return {
    kind: "single",
    question: "What should the team do next?",
    options: VOTE_OPTIONS.map((option) => ({ ...option })),
    anonymous: false,
    resultsVisibility: "live",
    allowVoteChange: true,
    scope,
  };
}

/** The option voter i picks (the same in every phase, so the expected counts are known). */
export function optionOf(index: number, options: readonly string[]): string {
  return options[index % options.length] ?? "";
}

/** Ids of the bare tally servers' one poll, its round and rooms (the shapes of the workshop's ids). */
export const BARE_POLL_ID = "obenchpoll01";
export const BARE_ROUND_ID = "rbenchround1";
export const bareRoomId = (index: number) => `m${index.toString(36).padStart(11, "0")}`;
/** A bare voter's key; its room in a rooms run is index % rooms. */
export const bareVoterKey = (index: number) => `v${index}`;
