import type { BroadcastView, HelpView, RoundView, Tags } from "../../../shared/breakout.js";
import type { HelpId, ParticipantId, RoomId, RoundId, WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import { parseOrNull, type RedisCore } from "../redis/core.js";
import { EVENT_LOG_CAP } from "../workshop/port.js";
import type { BreakoutStore, MoveOutcome, MoveRequest } from "./port.js";
import { moveScript } from "./scripts.js";

/** Breakout rooms in Redis: a hash of assignments per round with head counts beside it, one move script. */
export class RedisBreakoutStore implements BreakoutStore {
  constructor(private readonly core: RedisCore) {}

  async moveParticipants<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    request: MoveRequest,
  ): Promise<MoveOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const { roundId } = request;
    const record = this.core.commandRecord(workshopId, command);
    const reply = (await this.core.run(
      moveScript,
      [keys.meta, keys.version, keys.log, ...record.keys, keys.assignments(roundId), keys.counts(roundId)],
      [
        keys.changes,
        EVENT_LOG_CAP,
        record.id,
        record.expiresAt,
        request.resultTemplate,
        roundId,
        request.allOrNothing ? "1" : "0",
        keys.roomMembers(roundId, "%ROOM%"),
        ...request.moves.flatMap((move) => [move.participantId, move.roomId ?? "", move.capacity ?? -1]),
      ],
    )) as string[];
    switch (reply[0]) {
      case "duplicate":
        return { status: "duplicate", result: JSON.parse(reply[1] ?? "null") as T };
      case "full":
        return { status: "full", refused: JSON.parse(reply[1] ?? "[]") as string[] };
      default:
        return {
          status: "applied",
          version: Number(reply[1]),
          moved: Number(reply[2]),
          refused: JSON.parse(reply[3] ?? "[]") as string[],
          result: JSON.parse(reply[4] ?? "null") as T,
        };
    }
  }

  async getRound(workshopId: WorkshopId, roundId: RoundId): Promise<RoundView | null> {
    return parseOrNull<RoundView>(
      await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).rounds, roundId)),
    );
  }

  async listRounds(workshopId: WorkshopId): Promise<RoundView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).rounds));
    return all.map((json) => JSON.parse(json) as RoundView).sort((a, b) => a.number - b.number);
  }

  async getAssignments(workshopId: WorkshopId, roundId: RoundId): Promise<Map<ParticipantId, RoomId>> {
    const key = this.core.keys(workshopId).assignments(roundId);
    return new Map(Object.entries(await this.core.bounded(this.core.client.hGetAll(key))));
  }

  async getAssignment(workshopId: WorkshopId, roundId: RoundId, participantId: ParticipantId): Promise<RoomId | null> {
    const key = this.core.keys(workshopId).assignments(roundId);
    return (await this.core.bounded(this.core.client.hGet(key, participantId))) ?? null;
  }

  async getCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>> {
    return countsFrom(await this.core.bounded(this.core.client.hGetAll(this.core.keys(workshopId).counts(roundId))));
  }

  async getRoomMembers(workshopId: WorkshopId, roundId: RoundId, roomId: RoomId): Promise<ParticipantId[]> {
    return this.core.bounded(this.core.client.sMembers(this.core.keys(workshopId).roomMembers(roundId, roomId)));
  }

  async listHelps(workshopId: WorkshopId): Promise<HelpView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).helps));
    return all.map((json) => JSON.parse(json) as HelpView);
  }

  async getHelp(workshopId: WorkshopId, helpId: HelpId): Promise<HelpView | null> {
    return parseOrNull<HelpView>(
      await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).helps, helpId)),
    );
  }

  async listBroadcasts(workshopId: WorkshopId): Promise<BroadcastView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).broadcasts));
    return all.map((json) => JSON.parse(json) as BroadcastView).sort((a, b) => a.sentAt - b.sentAt);
  }

  async getTags(workshopId: WorkshopId): Promise<Map<ParticipantId, Tags>> {
    return tagsFrom(await this.core.bounded(this.core.client.hGetAll(this.core.keys(workshopId).tags)));
  }
}

export function countsFrom(raw: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(raw).map(([roomId, count]) => [roomId, Number(count)]));
}

export function tagsFrom(raw: Record<string, string>): Map<ParticipantId, Tags> {
  return new Map(Object.entries(raw).map(([participantId, json]) => [participantId, JSON.parse(json) as Tags]));
}
