import { DomainError } from "../domain/errors.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";
import type { EventFeed } from "./eventFeed.js";

/** The people list: who looks at it is sent every person of an open roster, live (shared/audience.ts). */
export function rosterHandlers(feed: EventFeed): DefinedHandler[] {
  return [
    defineHandler("roster:watch", async ({ who, payload, socket }) => {
      // Kept on the socket too: a snapshot or catch-up it asks for later is cut the same way.
      socket.data.watchesRoster = payload.watching;
      const answer = feed.watchRoster(who.workshopId, socket.id, payload.watching);
      if (!answer) throw new DomainError("UNAVAILABLE", "the connection is still starting; try again");
      return answer;
    }),
  ];
}
