import type { Ballot, PollDefinitionInput, PollId } from "../../../shared/poll.js";
import type { ClientErrorCode } from "../state/session.js";
import { workshopState } from "../state/workshopState.js";
import { newCommandId } from "./commands.js";
import { downloadWorkshopFile, type ExportFormat, type ExportOutcome } from "./download.js";
import { type RunOptions, runCommand } from "./session.js";

/** The poll commands; every write carries its own commandId (a retry reuses it). */

export function createPoll(definition: PollDefinitionInput, open: boolean, options: RunOptions = {}) {
  return runCommand("poll:create", { commandId: newCommandId(), definition, open }, options);
}

export function updatePoll(pollId: PollId, definition: PollDefinitionInput, options: RunOptions = {}) {
  return runCommand("poll:update", { commandId: newCommandId(), pollId, definition }, options);
}

/** Opens a draft, or reopens a closed poll. */
export function openPoll(pollId: PollId) {
  return runCommand("poll:open", { commandId: newCommandId(), pollId });
}

export function closePoll(pollId: PollId) {
  return runCommand("poll:close", { commandId: newCommandId(), pollId });
}

export function duplicatePoll(pollId: PollId) {
  return runCommand("poll:duplicate", { commandId: newCommandId(), pollId });
}

export function deletePoll(pollId: PollId) {
  return runCommand("poll:delete", { commandId: newCommandId(), pollId });
}

/** Refusals a voting card explains next to the poll itself. */
const VOTE_QUIET: readonly ClientErrorCode[] = ["POLL_CLOSED", "ALREADY_VOTED", "BAD_REQUEST", "FORBIDDEN"];

/** Casts or changes the viewer's ballot; the ack's canonical ballot becomes "Your vote". */
export async function vote(pollId: PollId, ballot: Ballot) {
  const outcome = await runCommand("poll:vote", { commandId: newCommandId(), pollId, ballot }, { quiet: VOTE_QUIET });
  if (outcome?.ok) workshopState.recordBallot(outcome.data.pollId, outcome.data.ballot);
  return outcome;
}

/** Refusals a voting card explains when taking a ballot back. */
const RETRACT_QUIET: readonly ClientErrorCode[] = ["NOT_FOUND", "FORBIDDEN", "WORKSHOP_ENDED", "CONFLICT"];

/**
 * Takes the viewer's own ballot back (open or closed poll): it leaves the results, which come
 * back by `poll:results` as usual. `retracted: false` (there was none on the server): gone too.
 */
export async function retractVote(pollId: PollId) {
  const outcome = await runCommand("poll:retract", { commandId: newCommandId(), pollId }, { quiet: RETRACT_QUIET });
  if (outcome?.ok) workshopState.forgetBallot(outcome.data.pollId);
  return outcome;
}

/** Every open-text answer of a text poll (its managers only). */
export function fetchAnswers(pollId: PollId) {
  return runCommand("poll:answers", { pollId });
}

export { type ExportFormat, type ExportOutcome, filenameFromDisposition } from "./download.js";

/** Downloads a poll's results (facilitators and note-takers). */
export function exportPoll(pollId: PollId, format: ExportFormat): Promise<ExportOutcome> {
  return downloadWorkshopFile(
    `/polls/${encodeURIComponent(pollId)}/export?format=${format}`,
    `poll-${pollId}.${format}`,
  );
}
