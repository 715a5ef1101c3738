import type { WorkshopId } from "../../../shared/ids.js";
import type { SupportRequestId, SupportRequestView, SupportSettings } from "../../../shared/support.js";
import type { CommandRef } from "../../domain/commands.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { commitOutcome, type RedisCore } from "../redis/core.js";
import type { CommitOutcome } from "../workshop/port.js";
import {
  changedBy,
  decodeSupportChanged,
  encodeSupportChanged,
  type SupportChange,
  type SupportChanged,
  type SupportStore,
} from "./port.js";
import { supportCommitScript } from "./scripts.js";

/** Support requests in Redis: a hash of requests, a settings string, one script for every change. */
export class RedisSupportStore implements SupportStore {
  constructor(private readonly core: RedisCore) {}

  async commitSupport<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    change: SupportChange<T>,
  ): Promise<CommitOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const record = this.core.commandRecord(workshopId, command);
    const writeKeys: string[] = [];
    const writeArgs: string[] = [];
    for (const write of change.writes) {
      writeKeys.push(write.kind === "request" ? keys.supportRequests : keys.supportSettings);
      writeArgs.push(
        write.kind === "request" ? write.requestId : "",
        write.expected === null ? "" : JSON.stringify(write.expected),
        JSON.stringify(write.next),
      );
    }
    const reply = (await this.core.run(
      supportCommitScript,
      [keys.meta, ...record.keys, ...writeKeys],
      [
        keys.support,
        record.id,
        record.expiresAt,
        JSON.stringify(change.result),
        change.writes.length,
        encodeSupportChanged(changedBy(change.writes)),
        ...writeArgs,
      ],
    )) as [string, string?];
    return commitOutcome(reply, change.result);
  }

  async getRequest(workshopId: WorkshopId, requestId: SupportRequestId): Promise<SupportRequestView | null> {
    const json = await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).supportRequests, requestId));
    return json ? (JSON.parse(json) as SupportRequestView) : null;
  }

  async listRequests(workshopId: WorkshopId): Promise<SupportRequestView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).supportRequests));
    return all.map((json) => JSON.parse(json) as SupportRequestView);
  }

  async getSettings(workshopId: WorkshopId): Promise<SupportSettings | null> {
    const json = await this.core.bounded(this.core.client.get(this.core.keys(workshopId).supportSettings));
    return json ? (JSON.parse(json) as SupportSettings) : null;
  }

  subscribeSupport(workshopId: WorkshopId, onChange: (changed: SupportChanged) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).support, (message) =>
      onChange(decodeSupportChanged(message)),
    );
  }
}
