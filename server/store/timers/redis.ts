import type { WorkshopId } from "../../../shared/ids.js";
import type { TimerSubject } from "../../domain/timers.js";
import { globEscape, type RedisCore } from "../redis/core.js";
import { parseTimerMember, timerMember } from "./members.js";
import type { TimerMode, TimerStore } from "./port.js";

const ZADD_OPTIONS = {
  earliest: { comparison: "LT" },
  latest: { comparison: "GT" },
  ifAbsent: { condition: "NX" },
  exact: {},
} as const;

/** Shared timers in one Redis sorted set: member `<workshop>|<subject>`, score the due time. */
export class RedisTimerStore implements TimerStore {
  constructor(private readonly core: RedisCore) {}

  async scheduleTimer(workshopId: WorkshopId, subjectId: TimerSubject, dueAt: number, mode: TimerMode): Promise<void> {
    const member = { score: dueAt, value: timerMember(workshopId, subjectId) };
    await this.core.bounded(this.core.client.zAdd(this.core.global.timers, member, ZADD_OPTIONS[mode]));
  }

  async clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void> {
    await this.core.bounded(this.core.client.zRem(this.core.global.timers, timerMember(workshopId, subjectId)));
  }

  async dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>> {
    const members = await this.core.bounded(
      this.core.client.zRangeByScore(this.core.global.timers, 0, now, { LIMIT: { offset: 0, count: limit } }),
    );
    return members.map(parseTimerMember);
  }

  async clearWorkshopTimers(workshopId: WorkshopId): Promise<void> {
    const { client, global } = this.core;
    let cursor = "0";
    do {
      const page = await this.core.bounded(
        client.zScan(global.timers, cursor, { MATCH: `${globEscape(workshopId)}|*`, COUNT: 1000 }),
      );
      cursor = String(page.cursor);
      const members = page.members.map((entry) => entry.value);
      if (members.length > 0) await this.core.bounded(client.zRem(global.timers, members));
    } while (cursor !== "0");
  }
}
