import type { RoundView } from "../../shared/breakout.js";
import type { CommandName } from "../../shared/events.js";
import { roomLedBy } from "../domain/breakout/rounds.js";
import type { Actor, CommandContext } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { type Authority, authorize, policy } from "../domain/policy.js";
import type { ParticipantRecord, WorkshopRecord } from "../domain/records.js";
import type { Stores } from "../store/stores.js";

/**
 * The one place a command is authorized: the person and the workshop read fresh (so a removal or a
 * role change holds on every node at once), the current round when room leads may run the command,
 * and the policy table's role × command × state rule. The command wrapper (defineHandler) calls it
 * for every command before its handler runs.
 */
export class Authorizer {
  constructor(private readonly stores: Pick<Stores, "workshops" | "breakout">) {}

  async authorize(command: CommandName, who: Actor): Promise<CommandContext> {
    const { actor, workshop } = await this.loadContext(who);
    const leadMayRun = "roomLead" in policy[command];
    const round =
      leadMayRun && workshop.currentRoundId
        ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId)
        : null;
    const authority = this.authorizeWith(command, actor, workshop, round);
    return { workshopId: who.workshopId, participantId: who.participantId, actor, workshop, authority, round };
  }

  /**
   * The same policy decision from records the caller already holds (a node's copy that the store
   * re-checks by version: PollService.vote, the one command authorized in its service, and REST
   * routes that hold a session token). `round`: the workshop's current round.
   */
  authorizeWith(
    command: CommandName,
    actor: ParticipantRecord | null,
    workshop: WorkshopRecord,
    round: RoundView | null,
  ): Authority {
    const leadsARoom =
      actor !== null && "roomLead" in policy[command] && roomLedBy(round, actor.participantId) !== null;
    return authorize(command, actor, workshop, leadsARoom);
  }

  /** The actor and the workshop read fresh; a person no longer in the workshop is refused. */
  async loadContext(who: Actor): Promise<{ actor: ParticipantRecord; workshop: WorkshopRecord }> {
    const [actor, workshop] = await Promise.all([
      this.stores.workshops.getParticipant(who.workshopId, who.participantId),
      this.stores.workshops.getWorkshop(who.workshopId),
    ]);
    if (!workshop) throw new DomainError("NOT_FOUND", "no such workshop");
    if (!actor) throw new DomainError("SESSION_REVOKED", "your session has ended");
    return { actor, workshop };
  }
}
