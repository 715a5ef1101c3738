import type { StoredBallot } from "../../domain/polls/records.js";

/**
 * What stays of a ballot taken back in a poll that does not allow changing a vote: no answer,
 * no counters, only that this voter has voted (so taking back is no way to vote again).
 */
export const RETRACTED_BALLOT = "-";

/** Stored ballots as a list: taken-back marks are not ballots. */
export function decodeBallots(encoded: readonly string[]): StoredBallot[] {
  return encoded.filter((json) => json !== RETRACTED_BALLOT).map((json) => JSON.parse(json) as StoredBallot);
}

/** The stored form of a ballot, identical in both stores so a re-sent equal ballot compares equal. */
export function encodeBallot(ballot: StoredBallot): string {
  return JSON.stringify({ roomId: ballot.roomId, ballot: ballot.ballot, counters: ballot.counters });
}
