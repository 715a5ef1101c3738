import type { HandChange } from "../../../shared/hands.js";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { RedisCore } from "../redis/core.js";
import type { HandOutcome, HandsStore, StoredHands } from "./port.js";
import { handsStepScript } from "./scripts.js";

type Action = "raise" | "lower" | "call";

/** The speaker queue in Redis: two sorted sets (waiting by raise seq, called by call seq) and the seq. */
export class RedisHandsStore implements HandsStore {
  constructor(private readonly core: RedisCore) {}

  raise(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome> {
    return this.step(workshopId, command, "raise", participantId);
  }

  lower(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId): Promise<HandOutcome> {
    return this.step(workshopId, command, "lower", participantId);
  }

  call(workshopId: WorkshopId, command: CommandRef, participantId: ParticipantId | null): Promise<HandOutcome> {
    return this.step(workshopId, command, "call", participantId ?? "");
  }

  async drop(workshopId: WorkshopId, participantId: ParticipantId): Promise<boolean> {
    return (await this.step(workshopId, null, "lower", participantId)).status === "applied";
  }

  async hands(workshopId: WorkshopId): Promise<StoredHands> {
    const keys = this.core.keys(workshopId);
    const [called, waiting, seq] = (await this.core.bounded(
      this.core.client
        .multi()
        .zRange(keys.handsCalled, 0, -1)
        .zRange(keys.handsWaiting, 0, -1)
        .get(keys.handsSeq)
        .exec(),
    )) as unknown as [string[], string[], string | null];
    return { version: Number(seq ?? 0), called, waiting };
  }

  subscribeHands(workshopId: WorkshopId, onChange: (version: number) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).hands, (message) => onChange(Number(message)));
  }

  private async step(
    workshopId: WorkshopId,
    command: CommandRef | null,
    action: Action,
    participantId: string,
  ): Promise<HandOutcome> {
    const keys = this.core.keys(workshopId);
    // A drop has no command: its record keys are passed (same slot) but not touched.
    const record = command
      ? this.core.commandRecord(workshopId, command)
      : { keys: [keys.commandRecords(0), keys.commandRecords(0)], id: "", expiresAt: 0 };
    const reply = (await this.core.run(
      handsStepScript,
      [keys.meta, ...record.keys, keys.handsWaiting, keys.handsCalled, keys.handsSeq],
      [keys.hands, record.id, record.expiresAt, action, participantId],
    )) as [string, string?];
    const [status, json] = reply;
    if (status === "none") return { status: "none" };
    return {
      status: status as "applied" | "unchanged" | "duplicate",
      change: JSON.parse(json ?? "null") as HandChange,
    };
  }
}
