/**
 * One watch of a load generator: what every participant's own state must come to show (a banner,
 * its room, a final tally...) and when each one first did. Shared by the generators of
 * bench/assign.ts and bench/forum.ts (through bench/lib/participantCrowd.ts): the orchestrator
 * arms a watch just before it sends what is watched for, `evaluate` runs after every change of
 * a participant's state, and
 * the summary goes back once every live participant met it (or was excluded, or dropped), or at
 * the timeout.
 */

/** How a watch reads one participant. */
export interface WatchRules<P> {
  /** Connected with its session, not dropped. */
  live(participant: P): boolean;
  participantId(participant: P): string | null;
  /** Epoch ms at which the participant meets the condition (often: now), or 0: not (yet). */
  metAt(participant: P): number;
  /**
   * A second step after the condition (the room's people fetched): its epoch ms, "refused" (it
   * never comes), or null (not yet). Absent: the condition is all.
   */
  secondStep?(participant: P): number | "refused" | null;
}

export interface WatchSummary {
  id: string;
  /** Per live participant not excluded that met the condition: when. */
  times: number[];
  /** Per such participant whose second step came: when. */
  fetchedTimes: number[];
  /** Live, not excluded, and not complete when the watch ended. */
  missing: number;
  /** Second steps refused. */
  refused: number;
  excluded: number;
}

interface Progress {
  metAt: number;
  fetchedAt: number;
  complete: boolean;
  refused: boolean;
}

export class ParticipantWatch<P> {
  private readonly progress = new Map<P, Progress>();
  private readonly excludedIds = new Set<string>();
  private remaining = 0;
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly id: string,
    private readonly participants: readonly P[],
    private readonly rules: WatchRules<P>,
    timeoutMs: number,
    private readonly report: (summary: WatchSummary) => void,
  ) {
    for (const participant of participants) {
      this.progress.set(participant, { metAt: 0, fetchedAt: 0, complete: false, refused: false });
      if (rules.live(participant)) this.remaining++;
    }
    this.timer = setTimeout(() => this.finish(), timeoutMs);
    for (const participant of participants) this.evaluate(participant);
    this.finishIfDone();
  }

  /** After every change of a participant's state: records the first time it meets the watch. */
  evaluate(participant: P): void {
    const progress = this.progress.get(participant);
    if (this.done || !progress || progress.complete || !this.rules.live(participant)) return;
    const id = this.rules.participantId(participant);
    if (id === null || this.excludedIds.has(id)) return;
    if (progress.metAt === 0) progress.metAt = this.rules.metAt(participant);
    if (progress.metAt === 0) return;
    if (this.rules.secondStep) {
      const step = this.rules.secondStep(participant);
      if (step === null) return;
      if (step === "refused") progress.refused = true;
      else progress.fetchedAt = step;
    }
    progress.complete = true;
    this.remaining--;
    this.finishIfDone();
  }

  /** The participant's connection dropped: it will not meet the watch. */
  dropped(participant: P): void {
    const progress = this.progress.get(participant);
    if (this.done || !progress || progress.complete) return;
    this.remaining--;
    this.finishIfDone();
  }

  /** These participants are not expected to meet the watch (e.g. left unassigned). */
  exclude(ids: readonly string[]): void {
    if (this.done) return;
    const wanted = new Set(ids);
    for (const participant of this.participants) {
      const id = this.rules.participantId(participant);
      if (!this.rules.live(participant) || !id || !wanted.has(id) || this.excludedIds.has(id)) continue;
      this.excludedIds.add(id);
      if (!this.progress.get(participant)?.complete) this.remaining--;
    }
    this.finishIfDone();
  }

  /** Ends the watch now (the timeout, or a newer watch) and reports it; a second call does nothing. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    const summary: WatchSummary = { id: this.id, times: [], fetchedTimes: [], missing: 0, refused: 0, excluded: 0 };
    for (const participant of this.participants) {
      if (!this.rules.live(participant)) continue;
      if (this.excludedIds.has(this.rules.participantId(participant) ?? "")) {
        summary.excluded++;
        continue;
      }
      const progress = this.progress.get(participant);
      if (!progress) continue;
      if (progress.metAt > 0) summary.times.push(progress.metAt);
      if (progress.fetchedAt > 0) summary.fetchedTimes.push(progress.fetchedAt);
      if (!progress.complete) summary.missing++;
      if (progress.refused) summary.refused++;
    }
    this.report(summary);
  }

  private finishIfDone(): void {
    if (!this.done && this.remaining <= 0) this.finish();
  }
}
