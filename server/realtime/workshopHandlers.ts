import type { RetentionService } from "../services/retentionService.js";
import type { WorkshopService } from "../services/workshopService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Commands about the workshop itself, identity and roles, and its deletion. */
export function workshopHandlers(service: WorkshopService, retention: RetentionService): DefinedHandler[] {
  return [
    defineHandler("workshop:sync", ({ who, payload, socket }) =>
      service.sync(who, payload.sinceVersion, socket.data.watchesRoster),
    ),
    defineHandler("participant:setRole", ({ who, command, payload }) => service.setRole(who, command, payload)),
    defineHandler("participant:remove", ({ who, command, payload }) => service.remove(who, command, payload)),
    defineHandler("session:leave", ({ who, command }) => service.leave(who, command)),
    defineHandler("workshop:end", ({ who, command }) => service.end(who, command)),
    defineHandler("workshop:setAnonymityDefault", ({ who, command, payload }) =>
      service.setAnonymityDefault(who, command, payload),
    ),
    defineHandler("workshop:setRosterPrivacy", ({ who, command, payload }) =>
      service.setRosterPrivacy(who, command, payload),
    ),
    defineHandler("participant:setListed", ({ who, command, payload }) => service.setListed(who, command, payload)),
    defineHandler("workshop:delete", ({ who }) => retention.deleteNow(who)),
  ];
}
