import type { WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import type { WorkshopService } from "./workshopService.js";

/**
 * THE rule for downloads (poll results, questions, the outcome report): a facilitator's or
 * note-taker's session of that very workshop. An ended workshop stays downloadable; a removed
 * or departed person's token does not.
 */
export async function exporterContext(workshops: WorkshopService, sessionToken: string, workshopId: WorkshopId) {
  const context = await workshops.contextOfToken(sessionToken);
  if (context.actor.status !== "active" || context.workshop.workshopId !== workshopId) {
    throw new DomainError("UNAUTHORIZED", "session not recognised");
  }
  if (context.actor.role !== "facilitator" && context.actor.role !== "note-taker") {
    throw new DomainError("FORBIDDEN", "only facilitators and note-takers download results and reports");
  }
  return context;
}
