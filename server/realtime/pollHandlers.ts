import type { PollService } from "../services/pollService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Live polls: lifecycle, votes, own ballots, open-text answers. */
export function pollHandlers(polls: PollService): DefinedHandler[] {
  return [
    defineHandler("poll:create", ({ who, command, payload }) => polls.create(who, command, payload)),
    defineHandler("poll:update", ({ who, command, payload }) => polls.update(who, command, payload)),
    defineHandler("poll:open", ({ who, command, payload }) => polls.open(who, command, payload)),
    defineHandler("poll:close", ({ who, command, payload }) => polls.close(who, command, payload)),
    defineHandler("poll:duplicate", ({ who, command, payload }) => polls.duplicate(who, command, payload)),
    defineHandler("poll:delete", ({ who, command, payload }) => polls.delete(who, command, payload)),
    defineHandler("poll:vote", ({ who, command, payload }) => polls.vote(who, command, payload)),
    defineHandler("poll:mine", ({ who }) => polls.mine(who)),
    defineHandler("poll:answers", ({ who, payload }) => polls.answers(who, payload)),
  ];
}
