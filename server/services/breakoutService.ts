import type { AssignConstraints, RoundView, Tags } from "../../shared/breakout.js";
import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import type { ParticipantId, RoundId, WorkshopId } from "../../shared/ids.js";
import { type RoomAnswer, type RosterEntry, rosterEntry } from "../../shared/workshop.js";
import { assignBalanced } from "../domain/breakout/assignment.js";
import { parsePreassignList } from "../domain/breakout/preassign.js";
import { answerNamesRoommates, roomAnswerOf, visibleMembers } from "../domain/breakout/roomAnswer.js";
import {
  advanceRound,
  closeRoom,
  endRound,
  extendRound,
  isRunning,
  nextTransitionAt,
  openRound,
  planRound,
  requireAssignable,
  requireEnterableRoom,
  requireRound,
  roomLedBy,
  roundChangeEvent,
  setLead,
} from "../domain/breakout/rounds.js";
import { callEvents, callsForRound, roomCallLink } from "../domain/calls.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { requireSession } from "../domain/programme.js";
import { toParticipantView, type WorkshopRecord } from "../domain/records.js";
import { viewerOf } from "../domain/visibility.js";
import { newCallSlug, newRoomId, newRoundId } from "../security/ids.js";
import type { RoomMove } from "../store/breakout/port.js";
import type { Stores } from "../store/stores.js";
import { decideAndCommit } from "./commit.js";
import type { WorkshopService } from "./workshopService.js";

/** Breakout rounds: planning, assignment, seats, clocks, leads. Help requests and banners: RoomSupportService. */
export class BreakoutService {
  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * A room's state read from the store (the node answers from its own copy when it can:
   * EventFeed.roomAnswer; this is for a round the copy does not hold yet, or a refusal).
   */
  async room(who: CommandContext, payload: ParsedPayload<"breakout:room">): Promise<RoomAnswer> {
    // Everyone asks at once when a round opens: read only what this answer needs.
    const { actor, workshop } = who;
    const round = requireRound(await this.stores.breakout.getRound(who.workshopId, payload.roundId));
    if (actor.role !== "facilitator") {
      const ownRoom = await this.stores.breakout.getAssignment(who.workshopId, round.roundId, who.participantId);
      const mine = workshop.currentRoundId === round.roundId && isRunning(round) && ownRoom === payload.roomId;
      if (!mine) throw new DomainError("FORBIDDEN", "that is not your room");
    }
    const [members, helps, broadcasts, polls, calls] = await Promise.all([
      this.stores.breakout.getRoomMembers(who.workshopId, round.roundId, payload.roomId),
      this.stores.breakout.listHelps(who.workshopId),
      this.stores.breakout.listBroadcasts(who.workshopId),
      this.stores.polls.listPolls(who.workshopId),
      this.stores.calls.getCalls(who.workshopId),
    ]);
    // A facilitator may look at any room; anyone else only at their own, while it runs (above).
    // Judged as not watching the people list: the answer then names the room's people to
    // everyone who may know them but is not sent every person (a watcher has them already).
    const viewer = viewerOf(actor, workshop, round, actor.role === "facilitator" ? null : payload.roomId, false);
    const seen = visibleMembers(viewer, payload.roomId, members);
    const people = answerNamesRoommates(viewer) ? await this.roommatesByName(who.workshopId, seen) : undefined;
    const call = roomCallLink(calls, round.roundId, payload.roomId);
    return roomAnswerOf(payload, seen, { members, helps, broadcasts, polls, call }, people);
  }

  /** The roster entries of a room's active people, read from the store. */
  private async roommatesByName(workshopId: WorkshopId, members: ParticipantId[]): Promise<RosterEntry[]> {
    const people = await Promise.all(
      members.map(async (participantId) => {
        const [record, connections] = await Promise.all([
          this.stores.workshops.getParticipant(workshopId, participantId),
          this.stores.presence.connectionCount(workshopId, participantId),
        ]);
        return record?.status === "active" ? rosterEntry(toParticipantView(record, connections > 0)) : null;
      }),
    );
    return people.filter((entry): entry is RosterEntry => entry !== null);
  }

  setTags(who: CommandContext, command: CommandRef, payload: ParsedPayload<"participant:setTags">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const { actor } = who;
      if (payload.participantId !== actor.participantId && actor.role !== "facilitator") {
        throw new DomainError("FORBIDDEN", "only facilitators set other people's tags");
      }
      const target = await this.stores.workshops.getParticipant(who.workshopId, payload.participantId);
      if (target?.status !== "active") throw new DomainError("NOT_FOUND", "no such participant");
      const current = (await this.stores.breakout.getTags(who.workshopId)).get(payload.participantId) ?? null;
      const tags: Tags = payload.tags;
      return {
        writes: [{ kind: "tags", participantId: payload.participantId, expected: current, next: tags }],
        events: [{ type: "participant:tagged", participantId: payload.participantId, tags }],
        result: { participantId: payload.participantId, tags },
      };
    });
  }

  async plan(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:plan">): Promise<RoundView> {
    const round = await decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      // Read again: the record is what this write replaces (compare-and-set).
      const workshop = await this.workshops.freshWorkshop(who.workshopId);
      const current = workshop.currentRoundId
        ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId)
        : null;
      const number = (workshop.roundCount ?? 0) + 1;
      if (payload.sessionId) {
        requireSession(await this.stores.programme.getSession(who.workshopId, payload.sessionId));
      }
      const next = planRound({
        roundId: newRoundId(),
        number,
        rooms: payload.rooms.map((room) => ({ ...room, roomId: newRoomId() })),
        durationSeconds: payload.durationSeconds,
        warningSeconds: payload.warningSeconds,
        selfSelect: payload.selfSelect,
        sessionId: payload.sessionId,
        now: this.now(),
        current,
      });
      const nextWorkshop: WorkshopRecord = { ...workshop, currentRoundId: next.roundId, roundCount: number };
      // The new rooms' call links (from the template), in the same step: a template changed
      // meanwhile makes this commit conflict and decide again.
      const calls = await this.stores.calls.getCalls(who.workshopId);
      const nextCalls = callsForRound(calls, next, newCallSlug);
      return {
        writes: [
          { kind: "workshop", expected: workshop, next: nextWorkshop },
          { kind: "round", expected: null, next },
          { kind: "calls", expected: calls, next: nextCalls },
        ],
        events: [{ type: "breakout:round", round: next }, ...callEvents(calls, nextCalls, next)],
        result: next,
      };
    });
    if (payload.reuseGroupsFrom) await this.reuseGroups(who, command, payload.reuseGroupsFrom, round);
    return round;
  }

  /** Room i of the new round gets the people of room i of the earlier one. */
  private async reuseGroups(
    who: CommandContext,
    command: CommandRef,
    fromRoundId: RoundId,
    round: RoundView,
  ): Promise<void> {
    const earlier = requireRound(await this.stores.breakout.getRound(who.workshopId, fromRoundId));
    const roomMap = new Map(earlier.rooms.map((room, index) => [room.roomId, round.rooms[index]]));
    const active = await this.activeIds(who.workshopId);
    const moves: RoomMove[] = [];
    for (const [participantId, roomId] of await this.stores.breakout.getAssignments(who.workshopId, fromRoundId)) {
      const target = roomMap.get(roomId);
      if (target && active.has(participantId)) {
        moves.push({ participantId, roomId: target.roomId, capacity: target.capacity });
      }
    }
    await this.stores.breakout.moveParticipants(
      who.workshopId,
      { ...command, commandId: `${command.commandId}-reuse` },
      {
        roundId: round.roundId,
        moves,
        allOrNothing: false,
        resultTemplate: '{"moved":"__MOVED__","refused":"__REFUSED__"}',
      },
    );
  }

  async assign(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"breakout:assign">,
  ): Promise<CommandResult<"breakout:assign">> {
    const earlier = await this.stores.workshops.commandResult<CommandResult<"breakout:assign">>(
      who.workshopId,
      command,
    );
    if (earlier) return earlier;
    const round = await this.assignableRound(who.workshopId, payload.roundId);
    const people = await this.stores.workshops.listParticipants(who.workshopId);
    const tags = await this.stores.breakout.getTags(who.workshopId);
    const current = await this.stores.breakout.getAssignments(who.workshopId, round.roundId);
    const constraints: AssignConstraints = payload.constraints ?? {};
    const candidates = people.filter(
      (person) => person.status === "active" && (person.role !== "facilitator" || constraints.leadPerRoom === true),
    );
    const openRooms = round.rooms.filter((room) => !room.closed);
    const fixed = new Map<string, string>();
    if (!payload.reshuffle) {
      for (const [participantId, roomId] of current) {
        if (openRooms.some((room) => room.roomId === roomId)) fixed.set(participantId, roomId);
      }
    }
    const outcome = assignBalanced({
      people: candidates.map((person) => ({
        participantId: person.participantId,
        isLead: person.role === "facilitator" || roomLedBy(round, person.participantId) !== null,
        tags: tags.get(person.participantId) ?? {},
      })),
      rooms: openRooms.map((room) => ({ roomId: room.roomId, capacity: room.capacity })),
      constraints,
      fixed,
      random: this.random,
    });
    const capacityOf = new Map(round.rooms.map((room) => [room.roomId, room.capacity]));
    // Leave first, then enter: a reshuffle frees seats before it fills them.
    const leaving: RoomMove[] = [];
    const entering: RoomMove[] = [];
    for (const person of candidates) {
      const target = outcome.placement.get(person.participantId) ?? null;
      if (target === (current.get(person.participantId) ?? null)) continue;
      if (current.has(person.participantId)) {
        leaving.push({ participantId: person.participantId, roomId: null, capacity: null });
      }
      if (target)
        entering.push({
          participantId: person.participantId,
          roomId: target,
          capacity: capacityOf.get(target) ?? null,
        });
    }
    const template = JSON.stringify({ moved: "__MOVED__", unassigned: "__REFUSED__", unmet: outcome.unmet });
    const moved = await this.stores.breakout.moveParticipants<CommandResult<"breakout:assign">>(
      who.workshopId,
      command,
      { roundId: round.roundId, moves: [...leaving, ...entering], allOrNothing: false, resultTemplate: template },
    );
    if (moved.status === "full") throw new DomainError("ROOM_FULL", "rooms are full");
    const result = moved.result;
    // People the algorithm could not seat are unassigned too.
    return { ...result, unassigned: [...new Set([...outcome.unassigned, ...result.unassigned])] };
  }

  async move(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:move">) {
    const round = await this.assignableRound(who.workshopId, payload.roundId);
    const room = payload.roomId ? requireEnterableRoom(round, payload.roomId) : null;
    await this.requireActive(who.workshopId, payload.participantIds);
    return this.applyMoves(
      who,
      command,
      round.roundId,
      payload.participantIds.map((participantId) => ({
        participantId,
        roomId: room?.roomId ?? null,
        capacity: room?.capacity ?? null,
      })),
    );
  }

  async swap(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:swap">) {
    const round = await this.assignableRound(who.workshopId, payload.roundId);
    const [a, b] = payload.participantIds;
    await this.requireActive(who.workshopId, [a, b]);
    const roomA = await this.stores.breakout.getAssignment(who.workshopId, round.roundId, a);
    const roomB = await this.stores.breakout.getAssignment(who.workshopId, round.roundId, b);
    // Counts stay the same, so capacity cannot be exceeded: leave first, then enter.
    return this.applyMoves(who, command, round.roundId, [
      { participantId: a, roomId: null, capacity: null },
      { participantId: b, roomId: roomA, capacity: null },
      { participantId: a, roomId: roomB, capacity: null },
    ]);
  }

  async preassign(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"breakout:preassign">,
  ): Promise<CommandResult<"breakout:preassign">> {
    const earlier = await this.stores.workshops.commandResult<CommandResult<"breakout:preassign">>(
      who.workshopId,
      command,
    );
    if (earlier) return earlier;
    const round = await this.assignableRound(who.workshopId, payload.roundId);
    const people = (await this.stores.workshops.listParticipants(who.workshopId)).filter(
      (person) => person.status === "active",
    );
    const openRooms = round.rooms.filter((room) => !room.closed);
    const parsed = parsePreassignList(payload.text, people, openRooms);
    const capacityOf = new Map(round.rooms.map((room) => [room.roomId, room.capacity]));
    const moves = [...parsed.placement].map(([participantId, roomId]) => ({
      participantId,
      roomId,
      capacity: capacityOf.get(roomId) ?? null,
    }));
    const lineOf = parsed.sourceLines;
    const template = JSON.stringify({ moved: "__MOVED__", unmatched: parsed.unmatched, refused: "__REFUSED__" });
    const outcome = await this.stores.breakout.moveParticipants<{
      moved: number;
      unmatched: CommandResult<"breakout:preassign">["unmatched"];
      refused: ParticipantId[];
    }>(who.workshopId, command, { roundId: round.roundId, moves, allOrNothing: false, resultTemplate: template });
    if (outcome.status === "full") throw new DomainError("ROOM_FULL", "rooms are full");
    const full = outcome.result.refused.map((participantId) => ({
      line: lineOf.get(participantId)?.line ?? 0,
      text: lineOf.get(participantId)?.text ?? participantId,
      reason: "room full" as const,
    }));
    return { moved: outcome.result.moved, unmatched: [...outcome.result.unmatched, ...full] };
  }

  async pick(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:pick">) {
    const round = await this.assignableRound(who.workshopId, payload.roundId);
    if (!round.selfSelect) throw new DomainError("FORBIDDEN", "this round does not let people choose rooms");
    const room = requireEnterableRoom(round, payload.roomId);
    await this.applyMoves(
      who,
      command,
      round.roundId,
      [{ participantId: who.participantId, roomId: room.roomId, capacity: room.capacity }],
      `{"roomId":"${room.roomId}"}`,
    );
    return { roomId: room.roomId };
  }

  async leaveRoom(who: CommandContext, command: CommandRef) {
    const { workshop } = who;
    const round = workshop.currentRoundId
      ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId)
      : null;
    if (!round || !isRunning(round)) throw new DomainError("INVALID_STATE", "no round is running");
    await this.applyMoves(
      who,
      command,
      round.roundId,
      [{ participantId: who.participantId, roomId: null, capacity: null }],
      "{}",
    );
    return {};
  }

  async visit(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:visit">) {
    const { workshop } = who;
    const round = workshop.currentRoundId
      ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId)
      : null;
    if (!round || !isRunning(round)) throw new DomainError("INVALID_STATE", "no round is running");
    if (payload.roomId) requireEnterableRoom(round, payload.roomId);
    // Facilitators visiting do not take a participant's seat: no capacity check.
    await this.applyMoves(
      who,
      command,
      round.roundId,
      [{ participantId: who.participantId, roomId: payload.roomId, capacity: null }],
      "{}",
    );
    return {};
  }

  open(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:open">) {
    return this.changeRound(who, command, payload.roundId, (round) => openRound(round, this.now()));
  }

  extend(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:extend">) {
    return this.changeRound(who, command, payload.roundId, (round) => extendRound(round, payload.seconds, this.now()));
  }

  end(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:end">) {
    return this.changeRound(who, command, payload.roundId, (round) =>
      endRound(round, this.now(), payload.immediate ?? false),
    );
  }

  setLead(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:setLead">) {
    return this.changeRound(who, command, payload.roundId, async (round) => {
      if (payload.participantId) await this.requireActive(who.workshopId, [payload.participantId]);
      return setLead(round, payload.roomId, payload.participantId);
    });
  }

  async closeRoom(who: CommandContext, command: CommandRef, payload: ParsedPayload<"breakout:closeRoom">) {
    const round = await this.changeRound(who, command, payload.roundId, (current) =>
      closeRoom(current, payload.roomId),
    );
    // Everyone in the room goes back to the plenary.
    const people = [...(await this.stores.breakout.getAssignments(who.workshopId, round.roundId))]
      .filter(([, roomId]) => roomId === payload.roomId)
      .map(([participantId]) => ({ participantId, roomId: null, capacity: null }));
    if (people.length > 0) {
      await this.stores.breakout.moveParticipants(
        who.workshopId,
        { ...command, commandId: `${command.commandId}-empty` },
        { roundId: round.roundId, moves: people, allOrNothing: false, resultTemplate: "{}" },
      );
    }
    return round;
  }

  /**
   * Moves the round's clock on when it is due. Any node may call this for any round at any
   * time: the write is compare-and-set on the round, so the round closes exactly once.
   */
  async advance(workshopId: WorkshopId, roundId: RoundId): Promise<void> {
    const round = await this.stores.breakout.getRound(workshopId, roundId);
    const next = round ? advanceRound(round, this.now()) : null;
    if (round && next) {
      await this.stores.workshops.commit(
        workshopId,
        { actorId: "clock", commandId: `advance-${roundId}-${next.status}-${next.endsAt ?? 0}` },
        {
          writes: [{ kind: "round", expected: round, next }],
          events: [roundChangeEvent(round, next)],
          result: null,
        },
      );
    }
    const latest = await this.stores.breakout.getRound(workshopId, roundId);
    const due = latest ? nextTransitionAt(latest) : null;
    if (due === null) await this.stores.timers.clearTimer(workshopId, roundId);
    else await this.stores.timers.scheduleTimer(workshopId, roundId, due, "exact");
  }

  private async changeRound(
    who: CommandContext,
    command: CommandRef,
    roundId: RoundId,
    change: (round: RoundView) => RoundView | Promise<RoundView>,
  ): Promise<RoundView> {
    const round = await decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const current = requireRound(await this.stores.breakout.getRound(who.workshopId, roundId));
      const next = await change(current);
      return {
        writes: [{ kind: "round", expected: current, next }],
        events: [roundChangeEvent(current, next)],
        result: next,
      };
    });
    const due = nextTransitionAt(round);
    // Only ever sooner: a racing command's later time must not delay the clock (it re-reads).
    if (due !== null) await this.stores.timers.scheduleTimer(who.workshopId, round.roundId, due, "earliest");
    return round;
  }

  private async applyMoves(
    who: CommandContext,
    command: CommandRef,
    roundId: RoundId,
    moves: RoomMove[],
    template = '{"moved":"__MOVED__"}',
  ): Promise<{ moved: number }> {
    const outcome = await this.stores.breakout.moveParticipants<{ moved: number }>(who.workshopId, command, {
      roundId,
      moves,
      allOrNothing: true,
      resultTemplate: template,
    });
    if (outcome.status === "full") throw new DomainError("ROOM_FULL", "this room is full");
    return outcome.result;
  }

  private async assignableRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView> {
    const round = requireRound(await this.stores.breakout.getRound(workshopId, roundId));
    requireAssignable(round);
    return round;
  }

  private async activeIds(workshopId: WorkshopId): Promise<Set<ParticipantId>> {
    const people = await this.stores.workshops.listParticipants(workshopId);
    return new Set(people.filter((person) => person.status === "active").map((person) => person.participantId));
  }

  private async requireActive(workshopId: WorkshopId, participantIds: readonly ParticipantId[]): Promise<void> {
    const active = await this.activeIds(workshopId);
    for (const participantId of participantIds) {
      if (!active.has(participantId)) throw new DomainError("NOT_FOUND", "no such participant");
    }
  }
}
