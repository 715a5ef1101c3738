import type { WorkshopId } from "../../shared/ids.js";
import { DomainError } from "../domain/errors.js";
import { authorizeDownload } from "../domain/policy.js";
import type { WorkshopService } from "./workshopService.js";

/**
 * THE rule for downloads (poll results, questions, the outcome report): a session of that very
 * workshop whose role the policy's download table allows (`downloadPolicy.results`: facilitators
 * and note-takers). An ended workshop stays downloadable; a removed or departed person's token
 * does not.
 */
export async function exporterContext(workshops: WorkshopService, sessionToken: string, workshopId: WorkshopId) {
  const context = await workshops.contextOfToken(sessionToken);
  if (context.actor.status !== "active" || context.workshop.workshopId !== workshopId) {
    throw new DomainError("UNAUTHORIZED", "session not recognised");
  }
  authorizeDownload("results", context.actor.role);
  return context;
}
