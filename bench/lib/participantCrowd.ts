import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { SessionView } from "../../shared/workshop.js";
import { connectErrorReason } from "./connectError.js";
import type { ParticipantShare } from "./participantMessages.js";
import { ParticipantWatch, type WatchRules, type WatchSummary } from "./participantWatch.js";
import { onSchedule } from "./schedule.js";
import { type ClientStats, WorkshopClient } from "./workshopClient.js";

/**
 * A load generator's participants (bench/assignClient.ts, bench/forumClient.ts): how they join
 * and the watch over them. The generator's share of the workshop joins on schedule, one
 * WorkshopClient per try, a try given up after 30 s without `session:ready`, and a refused or
 * dropped try tried again 2 s later, as a person would, with the same joinId (a retried join
 * resumes the person it made, as the browser's does), until the tries run out; the crowd counts
 * how the joins went and says when every participant has joined or given up. The orchestrator's
 * watches (bench/lib/participantWatch.ts) look at every participant after each change of its
 * state and hear of every drop.
 */

const RETRY_DELAY_MS = 2000;
const JOIN_TIMEOUT_MS = 30_000;

/** What the join keeps of a participant; each generator's participant adds its own. */
export interface JoiningParticipant {
  index: number;
  /** One per person, kept across tries. */
  joinId: string;
  /** The current try's client (the last one's, once the tries ran out). */
  client: WorkshopClient | null;
  attempts: number;
  /** To `session:ready`, ms (see CrowdHooks.readyFrom); null: not joined (yet). */
  readyMs: number | null;
  /** Joined, then its connection dropped. */
  lost: boolean;
}

/** Joined and still connected. */
export function live<P extends JoiningParticipant>(participant: P): participant is P & { client: WorkshopClient } {
  return participant.client !== null && participant.readyMs !== null && !participant.lost;
}

/** What a generator adds to the joins. */
export interface CrowdHooks<P extends JoiningParticipant> {
  /**
   * Where readyMs counts from: the first try's start (a storm, where the retries are part of the
   * join) or this try's (where the join is only the setup of what is measured).
   */
  readyFrom: "first try" | "this try";
  /** Each try's new client, before it connects (options, listeners of the bench's own events). */
  tried?(participant: P, client: WorkshopClient): void;
  /** After anything changed the participant's state; without it, the watch looks again (a generator that has its own calls evaluate). */
  changed?(participant: P): void;
  /** Joined: what must happen before the participant counts as settled (e.g. its tags set). */
  ready?(participant: P, client: WorkshopClient, session: SessionView): Promise<void> | void;
  /** Every participant has joined (its ready step done) or run out of tries. */
  allSettled(): void;
}

/** A load generator's participants, how their joins went, and the current watch over them. */
export class ParticipantCrowd<P extends JoiningParticipant> {
  readonly participants: P[] = [];
  /** Tries started, and those of them beyond a participant's first. */
  tries = 0;
  retries = 0;
  /** Out of tries, by the last one's reason; joined then dropped, by reason. */
  readonly failures = new Map<string, number>();
  readonly disconnects = new Map<string, number>();
  /** Worst delay between a join's scheduled start and its actual start (generator overload). */
  maxStartLagMs = 0;
  private closing = false;
  private readonly settled = new Set<P>();
  private current: ParticipantWatch<P> | null = null;

  constructor(
    private readonly stats: ClientStats,
    private readonly hooks: CrowdHooks<P>,
  ) {}

  /**
   * Makes this generator's participants (i with i % loaderCount === loaderIndex), each with
   * `more(i)`, and starts participant i's join at share.startAt + offsetMs(i).
   */
  start(
    share: ParticipantShare,
    more: (index: number) => Omit<P, keyof JoiningParticipant>,
    offsetMs: (index: number) => number,
  ): void {
    for (let index = share.loaderIndex; index < share.totalClients; index += share.loaderCount) {
      const joining: JoiningParticipant = {
        index,
        joinId: randomUUID(),
        client: null,
        attempts: 0,
        readyMs: null,
        lost: false,
      };
      this.participants.push({ ...joining, ...more(index) } as P);
    }
    onSchedule(
      this.participants,
      share.startAt,
      (participant) => offsetMs(participant.index),
      (participant) => this.join(participant, share),
      (lateMs) => {
        this.maxStartLagMs = Math.max(this.maxStartLagMs, lateMs);
      },
    );
  }

  connected(): Array<P & { client: WorkshopClient }> {
    return this.participants.filter(live);
  }

  /**
   * Arms a watch of every participant (ending the current one, which reports first): a live one
   * meets it at `metAt` (epoch ms; 0: not yet); with `roomFetched`, it is complete only once
   * its room's people list is fetched (or refused for good) too.
   */
  watch(
    id: string,
    timeoutMs: number,
    metAt: (participant: P & { client: WorkshopClient }) => number,
    roomFetched: boolean,
    report: (summary: WatchSummary) => void,
  ): void {
    this.current?.finish();
    const rules: WatchRules<P> = {
      live,
      participantId: (participant: P) => participant.client?.participantId ?? null,
      metAt: (participant: P) => (live(participant) ? metAt(participant) : 0),
      ...(roomFetched ? { secondStep: (participant: P) => participant.client?.roomFetchOutcome() ?? null } : {}),
    };
    this.current = new ParticipantWatch(id, this.participants, rules, timeoutMs, report);
  }

  /** After a change of the participant's state: the current watch looks again. */
  evaluate(participant: P): void {
    this.current?.evaluate(participant);
  }

  /** These participants are not expected to meet the current watch (e.g. left unassigned). */
  exclude(participantIds: readonly string[]): void {
    this.current?.exclude(participantIds);
  }

  /** The generator is closing: every connection ends, no failed try is tried again, no drop is counted. */
  close(): void {
    this.closing = true;
    for (const participant of this.participants) participant.client?.socket.close();
  }

  private settle(participant: P): void {
    if (this.settled.has(participant)) return;
    this.settled.add(participant);
    if (this.settled.size === this.participants.length) this.hooks.allSettled();
  }

  /** One try (the first: no firstTriedAt yet); a failed one starts the next 2 s later while tries are left. */
  private join(participant: P, share: ParticipantShare, firstTriedAt?: number): void {
    const { hooks } = this;
    const triedAt = performance.now();
    const firstAt = firstTriedAt ?? triedAt;
    participant.attempts++;
    this.tries++;
    if (participant.attempts > 1) this.retries++;
    const client = new WorkshopClient(
      share.targets[participant.index % share.targets.length] ?? "",
      {
        joinCode: share.joinCode,
        displayName: `${share.namePrefix}${participant.index}`,
        joinId: participant.joinId,
        protocol: PROTOCOL_VERSION,
      },
      this.stats,
      () => (hooks.changed ? hooks.changed(participant) : this.evaluate(participant)),
    );
    participant.client = client;
    hooks.tried?.(participant, client);
    let over = false;
    let joined = false;
    const giveUp = (reason: string) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      client.socket.close();
      if (participant.attempts < share.joinAttempts && !this.closing) {
        setTimeout(() => this.join(participant, share, firstAt), RETRY_DELAY_MS);
        return;
      }
      bump(this.failures, reason);
      this.settle(participant);
    };
    const timer = setTimeout(() => giveUp(`no session within ${JOIN_TIMEOUT_MS / 1000} s`), JOIN_TIMEOUT_MS);
    client.socket.on("connect_error", (error) => giveUp(connectErrorReason(error)));
    client.socket.once("session:ready", ({ session }) => {
      if (over) return;
      over = true;
      joined = true;
      clearTimeout(timer);
      participant.readyMs = performance.now() - (hooks.readyFrom === "first try" ? firstAt : triedAt);
      const step = hooks.ready?.(participant, client, session);
      if (step) void step.then(() => this.settle(participant));
      else this.settle(participant);
    });
    client.socket.on("disconnect", (reason) => {
      if (this.closing) return;
      if (!over) {
        giveUp(`disconnected before ready: ${reason}`);
        return;
      }
      if (!joined || participant.lost) return;
      participant.lost = true;
      bump(this.disconnects, reason);
      this.current?.dropped(participant);
    });
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
