import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../../shared/ids.js";
import type { UnversionedEvent } from "../../../shared/workshop.js";
import type { CommandRef } from "../../domain/commands.js";
import { type MemoryCore, mapIn, WorkshopSlices } from "../memory/core.js";
import { fillMoveResult, peopleMoved, planMoves } from "./moves.js";
import type { BreakoutStore, MoveOutcome, MoveRequest } from "./port.js";

interface BreakoutSlice {
  assignments: Map<RoundId, Map<ParticipantId, RoomId>>;
  counts: Map<RoundId, Map<RoomId, number>>;
}

/** Breakout rooms in this process: assignments and head counts per round; rounds, helps, banners and tags from commits. */
export class MemoryBreakoutStore implements BreakoutStore {
  private readonly slices: WorkshopSlices<BreakoutSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({ assignments: new Map(), counts: new Map() }));
  }

  async moveParticipants<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    request: MoveRequest,
  ): Promise<MoveOutcome<T>> {
    const earlier = this.core.priorResult<T>(workshopId, command);
    if (earlier !== null) return { status: "duplicate", result: earlier };
    const state = this.core.require(workshopId);
    const { roundId } = request;
    const slice = this.slices.slice(workshopId);
    const assignments = mapIn(slice.assignments, roundId, () => new Map<ParticipantId, RoomId>());
    const counts = mapIn(slice.counts, roundId, () => new Map<RoomId, number>());
    const plan = planMoves(
      request.moves,
      (participantId) => assignments.get(participantId) ?? null,
      (roomId) => counts.get(roomId) ?? 0,
    );
    if (request.allOrNothing && plan.refused.length > 0) return { status: "full", refused: plan.refused };
    const events: UnversionedEvent[] = [];
    for (const move of plan.applied) {
      if (move.from) counts.set(move.from, (counts.get(move.from) ?? 1) - 1);
      if (move.to) {
        counts.set(move.to, (counts.get(move.to) ?? 0) + 1);
        assignments.set(move.participantId, move.to);
      } else {
        assignments.delete(move.participantId);
      }
      const { participantId, to: roomId, from: fromRoomId } = move;
      events.push({ type: "breakout:assigned", roundId, participantId, roomId, fromRoomId });
    }
    const version = events.length > 0 ? this.core.append(state, events) : state.version;
    const moved = peopleMoved(plan.applied);
    const json = fillMoveResult(request.resultTemplate, moved, plan.refused);
    this.core.remember(workshopId, command, json);
    return { status: "applied", version, result: JSON.parse(json) as T, moved, refused: plan.refused };
  }

  /** A round's assignments as they are now (the full snapshot reads them in the same step). */
  assignmentsOf(workshopId: WorkshopId, roundId: RoundId): Map<ParticipantId, RoomId> {
    return new Map(this.slices.peek(workshopId)?.assignments.get(roundId) ?? []);
  }

  countsOf(workshopId: WorkshopId, roundId: RoundId): Record<string, number> {
    return Object.fromEntries(this.slices.peek(workshopId)?.counts.get(roundId) ?? []);
  }

  tagsOf(workshopId: WorkshopId): Map<ParticipantId, Tags> {
    const tags = this.core.recordsOf(workshopId, "tags") ?? new Map<string, string>();
    return new Map([...tags].map(([participantId, json]) => [participantId, JSON.parse(json) as Tags]));
  }

  broadcastsOf(workshopId: WorkshopId): BroadcastView[] {
    return this.core.parsedAll<BroadcastView>(workshopId, "broadcast").sort((a, b) => a.sentAt - b.sentAt);
  }

  async getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null> {
    return this.core.parsed<RoundView>(workshopId, "round", roundId);
  }

  async listRounds(workshopId: WorkshopId): Promise<RoundView[]> {
    return this.core.parsedAll<RoundView>(workshopId, "round").sort((a, b) => a.number - b.number);
  }

  async getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>> {
    return this.assignmentsOf(workshopId, roundId);
  }

  async getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null> {
    return this.slices.peek(workshopId)?.assignments.get(roundId)?.get(participantId) ?? null;
  }

  async getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>> {
    return this.countsOf(workshopId, roundId);
  }

  async getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]> {
    const assignments = this.slices.peek(workshopId)?.assignments.get(roundId) ?? new Map<ParticipantId, RoomId>();
    return [...assignments].filter(([, room]) => room === roomId).map(([participantId]) => participantId);
  }

  async listHelps(workshopId: WorkshopId): Promise<HelpView[]> {
    return this.core.parsedAll<HelpView>(workshopId, "help");
  }

  async getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null> {
    return this.core.parsed<HelpView>(workshopId, "help", helpId);
  }

  async listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]> {
    return this.broadcastsOf(workshopId);
  }

  async getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>> {
    return this.tagsOf(workshopId);
  }
}
