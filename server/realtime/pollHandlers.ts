import type { WorkshopId } from "../../shared/ids.js";
import type { PollId } from "../../shared/poll.js";
import type { PollService } from "../services/pollService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/**
 * Hears which socket's ballot was counted at which tally version (the results feed writes it
 * first), and which socket's vote or retraction was acknowledged ("results after voting").
 */
export interface CountedBallots {
  ballotCounted(workshopId: WorkshopId, pollId: PollId, socketId: string, tallyVersion: number): void;
  ballotAcked(workshopId: WorkshopId, pollId: PollId, socketId: string, held: boolean): void;
}

/** Live polls: lifecycle, votes, own ballots, open-text answers. */
export function pollHandlers(polls: PollService, ballots: CountedBallots): DefinedHandler[] {
  return [
    defineHandler("poll:create", ({ who, command, payload }) => polls.create(who, command, payload)),
    defineHandler("poll:update", ({ who, command, payload }) => polls.update(who, command, payload)),
    defineHandler("poll:open", ({ who, command, payload }) => polls.open(who, command, payload)),
    defineHandler("poll:close", ({ who, command, payload }) => polls.close(who, command, payload)),
    defineHandler("poll:duplicate", ({ who, command, payload }) => polls.duplicate(who, command, payload)),
    defineHandler("poll:delete", ({ who, command, payload }) => polls.delete(who, command, payload)),
    defineHandler("poll:vote", async ({ who, command, payload, socket }) => {
      const result = await polls.vote(who, command, payload, (tallyVersion) =>
        ballots.ballotCounted(who.workshopId, payload.pollId, socket.id, tallyVersion),
      );
      ballots.ballotAcked(who.workshopId, payload.pollId, socket.id, true);
      return result;
    }),
    defineHandler("poll:retract", async ({ who, command, payload, socket }) => {
      const result = await polls.retract(who, command, payload);
      ballots.ballotAcked(who.workshopId, payload.pollId, socket.id, false);
      return result;
    }),
    defineHandler("poll:mine", ({ who }) => polls.mine(who)),
    defineHandler("poll:answers", ({ who, payload }) => polls.answers(who, payload)),
  ];
}
