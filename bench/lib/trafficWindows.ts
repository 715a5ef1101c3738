import type { ELDHistogram } from "node:perf_hooks";
import { loopDelayHistogram } from "./loopDelay.js";
import type { KindCount } from "./packets.js";
import type { ClientStats, WorkshopClient } from "./workshopClient.js";

/**
 * What a load generator's participants received between two marks of its orchestrator (one
 * window a phase), and how late the generator's own event loop ran meanwhile: a busy generator
 * adds to every time it measures, so each window says so. Shared by bench/assignClient.ts and
 * bench/forumClient.ts; each reports the per-participant counts its own way (per live
 * participant, or summed).
 */

/** One window, from its mark to the next one (the last: to the report). */
export interface TrafficWindow {
  name: string;
  /**
   * Per participant, in the generator's order: Socket.IO packets and Engine.IO payload bytes
   * received in the window (by its current client: a retried join starts again from 0).
   */
  messages: number[];
  bytes: number[];
  /** Over every participant, the kinds that grew in the window. */
  byKind: Record<string, KindCount>;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

interface Mark {
  name: string;
  messages: number[];
  bytes: number[];
  byKind: Map<string, KindCount>;
}

export class TrafficWindows {
  private readonly marks: Mark[] = [];
  /** Loop delay of every window but the last (still open). */
  private readonly delays: Array<{ p99: number; max: number }> = [];
  private readonly loopDelay: ELDHistogram = loopDelayHistogram();

  constructor(
    private readonly stats: ClientStats,
    /** The generator's participants' current clients, always in the same order (null: none yet). */
    private readonly clients: () => ReadonlyArray<WorkshopClient | null>,
    /**
     * How this bench reads a loop-delay histogram value (ns) as ms: its reports were written
     * with one rule (the raw value, or the delay beyond the sampling interval) and keep it.
     */
    private readonly delayMs: (nanoseconds: number) => number,
  ) {}

  /** Closes the current window (if any) and opens one named `name`. */
  mark(name: string): void {
    if (this.marks.length > 0) this.delays.push(this.currentDelay());
    this.loopDelay.reset();
    this.loopDelay.enable();
    this.marks.push(this.snapshot(name));
  }

  /** Every window so far, the last one up to now. */
  windows(): TrafficWindow[] {
    const now = this.snapshot("now");
    const delays = [...this.delays, this.currentDelay()];
    return this.marks.map((from, index) => {
      const to = this.marks[index + 1] ?? now;
      const byKind: Record<string, KindCount> = {};
      for (const [kind, count] of to.byKind) {
        const before = from.byKind.get(kind) ?? { messages: 0, bytes: 0 };
        if (count.messages > before.messages) {
          byKind[kind] = { messages: count.messages - before.messages, bytes: count.bytes - before.bytes };
        }
      }
      const delay = delays[index] ?? { p99: Number.NaN, max: Number.NaN };
      return {
        name: from.name,
        messages: to.messages.map((count, at) => count - (from.messages[at] ?? 0)),
        bytes: to.bytes.map((count, at) => count - (from.bytes[at] ?? 0)),
        byKind,
        loopDelayP99Ms: delay.p99,
        loopDelayMaxMs: delay.max,
      };
    });
  }

  private currentDelay(): { p99: number; max: number } {
    return { p99: this.delayMs(this.loopDelay.percentile(99)), max: this.delayMs(this.loopDelay.max) };
  }

  private snapshot(name: string): Mark {
    const clients = this.clients();
    return {
      name,
      messages: clients.map((client) => client?.messages ?? 0),
      bytes: clients.map((client) => client?.bytes ?? 0),
      byKind: new Map([...this.stats.byKind].map(([kind, count]) => [kind, { ...count }])),
    };
  }
}
