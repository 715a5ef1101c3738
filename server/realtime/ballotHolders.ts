import type { ParticipantId, WorkshopId } from "../../shared/ids.js";
import type { PollId, PollView } from "../../shared/poll.js";
import type { BallotChange, VoterRef } from "../store/polls/port.js";

/** How the node finds out whether a person has a ballot: derive their key, read once. */
export interface BallotLookup {
  ballotKeyOf(workshopId: WorkshopId, participantId: ParticipantId, poll: PollView): Promise<VoterRef | null>;
  hasBallot(workshopId: WorkshopId, voter: VoterRef): Promise<boolean>;
}

/** What this node knows of one local socket's person's ballot in one poll. */
interface Holding {
  /** The key their ballot is kept under, once derived: ballot notices are matched by it. */
  voterKey: string | null;
  held: boolean;
  /** Bumped by every notice or ack heard for this socket: a read that started before one is outdated. */
  heard: number;
}

/**
 * Which of this node's sockets belong to a person who has a ballot in a poll whose results wait
 * for one ("results after voting"), kept in this node's memory only, per socket, for the
 * sockets of one workshop. Nothing is written anywhere: what it knows comes from
 *
 * - the store, once per socket and poll (`watch`): the person's ballot key derived in memory
 *   (the one their vote would use) and one read of whether a ballot is kept under it (the same
 *   read `poll:mine` makes);
 * - every ballot notice of the store, on every node (`heard`): it names the key a ballot was kept
 *   under (the ballot script received it anyway), so a vote or a retraction made in another tab,
 *   on another node, reaches this socket in the same notice that moves the tally;
 * - the acks of this socket's own votes and retractions (`acked`), which may change nothing in
 *   the store (the same ballot again) and so send no notice.
 *
 * The key is found before the read is made, so a ballot cast after the read is heard, and one
 * cast before it is read. A read that answers after a notice for the same socket is dropped: the
 * notice is newer or as new, and every later change sends its own.
 */
export class BallotHolders {
  private readonly holdings = new Map<PollId, Map<string, Holding>>();
  /** Per poll, voter key -> the local sockets of the person it belongs to. */
  private readonly byKey = new Map<PollId, Map<string, Set<string>>>();

  constructor(
    private readonly workshopId: WorkshopId,
    private readonly lookup: BallotLookup,
    /** A socket's person was found to hold a ballot (results may be sent to it now). */
    private readonly onHeld: (pollId: PollId, socketId: string) => void,
    /** The read failed: the socket stays without results until the next tick watches it again. */
    private readonly onFailed: (error: unknown) => void,
  ) {}

  /** Whether the socket's person holds a ballot in the poll, as far as this node knows. */
  holds(pollId: PollId, socketId: string): boolean {
    return this.holdings.get(pollId)?.get(socketId)?.held ?? false;
  }

  /** Starts finding out whether the socket's person holds a ballot in the poll (once per socket and poll). */
  watch(poll: PollView, socketId: string, participantId: ParticipantId): void {
    if (this.holdings.get(poll.pollId)?.has(socketId)) return;
    this.start(poll, socketId, participantId, { voterKey: null, held: false, heard: 0 });
  }

  /** The socket's own vote (held) or retraction (not held) was acknowledged. */
  acked(poll: PollView, socketId: string, participantId: ParticipantId, held: boolean): void {
    const holding = this.holdings.get(poll.pollId)?.get(socketId);
    if (holding) {
      holding.heard++;
      holding.held = held;
      return;
    }
    this.start(poll, socketId, participantId, { voterKey: null, held, heard: 1 });
  }

  /** A ballot notice of the store: the sockets of its voter that hold a ballot now and did not before. */
  heard(pollId: PollId, change: BallotChange): string[] {
    const sockets = this.byKey.get(pollId)?.get(change.voterKey);
    if (!sockets) return [];
    const newlyHeld: string[] = [];
    for (const socketId of sockets) {
      const holding = this.holdings.get(pollId)?.get(socketId);
      if (!holding) continue;
      holding.heard++;
      if (change.voted && !holding.held) newlyHeld.push(socketId);
      holding.held = change.voted;
    }
    return newlyHeld;
  }

  /** Forgets sockets that left and polls that are gone. */
  retain(isSocket: (socketId: string) => boolean, isPoll: (pollId: PollId) => boolean): void {
    for (const [pollId, holdings] of this.holdings) {
      if (!isPoll(pollId)) {
        this.holdings.delete(pollId);
        this.byKey.delete(pollId);
        continue;
      }
      for (const [socketId, holding] of holdings) if (!isSocket(socketId)) this.drop(pollId, socketId, holding);
    }
  }

  private start(poll: PollView, socketId: string, participantId: ParticipantId, holding: Holding): void {
    let holdings = this.holdings.get(poll.pollId);
    if (!holdings) {
      holdings = new Map();
      this.holdings.set(poll.pollId, holdings);
    }
    holdings.set(socketId, holding);
    this.find(poll, socketId, participantId, holding).catch((error: unknown) => {
      // Forgotten, so that the next tick that would send this socket the results asks again.
      if (this.holdings.get(poll.pollId)?.get(socketId) === holding) this.drop(poll.pollId, socketId, holding);
      this.onFailed(error);
    });
  }

  private async find(poll: PollView, socketId: string, participantId: ParticipantId, holding: Holding): Promise<void> {
    const voter = await this.lookup.ballotKeyOf(this.workshopId, participantId, poll);
    // Null: the workshop ended, its polls are closed and their results seen without a ballot.
    if (!voter || this.holdings.get(poll.pollId)?.get(socketId) !== holding) return;
    holding.voterKey = voter.voterKey;
    let keys = this.byKey.get(poll.pollId);
    if (!keys) {
      keys = new Map();
      this.byKey.set(poll.pollId, keys);
    }
    const sockets = keys.get(voter.voterKey);
    if (sockets) sockets.add(socketId);
    else keys.set(voter.voterKey, new Set([socketId]));
    const heard = holding.heard;
    const held = await this.lookup.hasBallot(this.workshopId, voter);
    if (this.holdings.get(poll.pollId)?.get(socketId) !== holding || holding.heard !== heard) return;
    if (held && !holding.held) {
      holding.held = true;
      this.onHeld(poll.pollId, socketId);
    }
  }

  private drop(pollId: PollId, socketId: string, holding: Holding): void {
    this.holdings.get(pollId)?.delete(socketId);
    if (holding.voterKey === null) return;
    const keys = this.byKey.get(pollId);
    const sockets = keys?.get(holding.voterKey);
    sockets?.delete(socketId);
    if (sockets?.size === 0) keys?.delete(holding.voterKey);
  }
}
