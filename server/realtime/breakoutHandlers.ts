import type { BreakoutService } from "../services/breakoutService.js";
import type { RoomSupportService } from "../services/roomSupportService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";
import type { EventFeed } from "./eventFeed.js";

/** Breakout rounds, rooms, help requests and banners. */
export function breakoutHandlers(
  breakout: BreakoutService,
  support: RoomSupportService,
  copies: Pick<EventFeed, "roomAnswer">,
): DefinedHandler[] {
  return [
    defineHandler("participant:setTags", ({ who, command, payload }) => breakout.setTags(who, command, payload)),
    // From the node's copy when it holds the round (a round's opening brings everyone at once).
    defineHandler(
      "breakout:room",
      async ({ who, payload, socket }) =>
        copies.roomAnswer(who.workshopId, socket.id, who, payload) ?? breakout.room(who, payload),
    ),
    defineHandler("breakout:plan", ({ who, command, payload }) => breakout.plan(who, command, payload)),
    defineHandler("breakout:assign", ({ who, command, payload }) => breakout.assign(who, command, payload)),
    defineHandler("breakout:move", ({ who, command, payload }) => breakout.move(who, command, payload)),
    defineHandler("breakout:swap", ({ who, command, payload }) => breakout.swap(who, command, payload)),
    defineHandler("breakout:preassign", ({ who, command, payload }) => breakout.preassign(who, command, payload)),
    defineHandler("breakout:pick", ({ who, command, payload }) => breakout.pick(who, command, payload)),
    defineHandler("breakout:open", ({ who, command, payload }) => breakout.open(who, command, payload)),
    defineHandler("breakout:extend", ({ who, command, payload }) => breakout.extend(who, command, payload)),
    defineHandler("breakout:end", ({ who, command, payload }) => breakout.end(who, command, payload)),
    defineHandler("breakout:closeRoom", ({ who, command, payload }) => breakout.closeRoom(who, command, payload)),
    defineHandler("breakout:setLead", ({ who, command, payload }) => breakout.setLead(who, command, payload)),
    defineHandler("breakout:leaveRoom", ({ who, command }) => breakout.leaveRoom(who, command)),
    defineHandler("breakout:visit", ({ who, command, payload }) => breakout.visit(who, command, payload)),
    defineHandler("breakout:broadcast", ({ who, command, payload }) => support.broadcast(who, command, payload)),
    defineHandler("help:request", ({ who, command, payload }) => support.requestHelp(who, command, payload)),
    defineHandler("help:take", ({ who, command, payload }) => support.takeHelp(who, command, payload)),
    defineHandler("help:resolve", ({ who, command, payload }) => support.resolveHelp(who, command, payload)),
  ];
}
