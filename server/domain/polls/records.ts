import type { RoomId } from "../../../shared/ids.js";
import type { Ballot } from "../../../shared/poll.js";

/**
 * A ballot as stored. There is no participant id in it; for anonymous polls it is kept under a
 * keyed hash of the voter (which cannot be made again once the workshop ended), for named polls
 * under the participant id. No timestamp either.
 */
export interface StoredBallot {
  roomId: RoomId | null;
  ballot: Ballot;
  /** The counters this ballot added (domain/polls/counters.ts), so a change can take them back. */
  counters: string[];
}

/** A poll's counters and how many ballot changes produced them. */
export interface PollTally {
  tallyVersion: number;
  counters: Map<string, number>;
}
