import type { HandsService } from "../services/handsService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";
import type { ReactionsFeed } from "./reactionsFeed.js";

/** Hands in the plenary (raise, lower, call, the queue) and quick reactions. */
export function handsHandlers(hands: HandsService, reactions: ReactionsFeed): DefinedHandler[] {
  return [
    defineHandler("hands:raise", ({ who, command }) => hands.raise(who, command)),
    defineHandler("hands:lower", ({ who, command, payload }) => hands.lower(who, command, payload)),
    defineHandler("hands:call", ({ who, command, payload }) => hands.call(who, command, payload)),
    defineHandler("hands:queue", ({ who }) => hands.view(who)),
    defineHandler("reactions:send", async ({ who, payload, socket }) => {
      reactions.add(who.workshopId, socket, payload.kind);
      return {};
    }),
  ];
}
