import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResult,
  ServerToClientEvents,
} from "../../shared/events.js";
import type { Ack } from "../../shared/protocol.js";
import type { HandshakeAuth, RoomAnswer, SessionView } from "../../shared/workshop.js";
import {
  applyCounts,
  applyEventBatch,
  applyRoomState,
  applySyncResult,
  currentRoomOf,
  emptyWorkshopState,
  type WorkshopState,
} from "../../shared/workshopState.js";
import { kindOf, packetBytes } from "./packets.js";
import type { ClientStatsSummary } from "./participantMessages.js";

/**
 * One bench client that behaves like the browser (client/src/net/resync.ts, roomFetch.ts and
 * client/src/state/workshopState.ts) in everything that costs the server or the network: it
 * keeps its own copy of the workshop with the shared rules (shared/workshopState.ts), resyncs
 * on a version gap holding the batches that arrive meanwhile, applies head-counts, and when
 * the rules flag that its own room changed (`roomChanged`) fetches `breakout:room` once (two
 * attempts, 10 s each), spreading the fetch over up to 1 s only when the room was not a move
 * (the browser's ROOM_FETCH_SPREAD_MS rule). No reconnection: a dropped client is counted.
 */

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventBatch = Parameters<ServerToClientEvents["workshop:events"]>[0];

/** socket.io's emitWithAck, seen through the command table (as client/src/net/commands.ts does). */
type CommandEmitter = {
  emitWithAck<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<Ack<CommandResult<C>>>;
};

export type CommandOutcome<C extends CommandName> =
  | { ok: true; data: CommandResult<C> }
  | { ok: false; code: string; message: string };

const ROOM_FETCH_SPREAD_MS = 1000;
/** The browser's "not now" refusals of a room fetch, asked again after 1-4 s (client/src/net/roomFetch.ts). */
const RETRYABLE_ROOM_REFUSALS: ReadonlySet<string> = new Set(["UNAVAILABLE", "RATE_LIMITED", "CONFLICT", "INTERNAL"]);
const ROOM_RETRY_MIN_MS = 1000;
/** An answer older than the copy, asked again after this long (as the browser does), counted under this code. */
const STALE_ROOM_RETRY_MS = 300;
const STALE_ROOM_ANSWER = "older than the copy";

export const epochNow = () => performance.timeOrigin + performance.now();

/** Counters shared by every client of one process. */
export class ClientStats {
  gaps = 0;
  resyncs = 0;
  snapshotResyncs = 0;
  roomFetches = 0;
  roomFetchFailures = new Map<string, number>();
  roomFetchMs: number[] = [];
  byKind = new Map<string, { messages: number; bytes: number }>();

  countPacket(kind: string, bytes: number): void {
    const total = this.byKind.get(kind) ?? { messages: 0, bytes: 0 };
    total.messages++;
    total.bytes += bytes;
    this.byKind.set(kind, total);
  }

  failFetch(code: string): void {
    this.roomFetchFailures.set(code, (this.roomFetchFailures.get(code) ?? 0) + 1);
  }

  /** The counters as a load generator reports them to its orchestrator. */
  summary(): ClientStatsSummary {
    return {
      roomFetches: this.roomFetches,
      roomFetchFailures: Object.fromEntries(this.roomFetchFailures),
      gaps: this.gaps,
      resyncs: this.resyncs,
      snapshotResyncs: this.snapshotResyncs,
    };
  }
}

let commandCounter = 0;
/** A command id unique in this process (the server keys it by actor, so this is enough). */
export function newCommandId(): string {
  commandCounter++;
  return `b${process.pid.toString(36)}x${commandCounter.toString(36)}x${Math.random().toString(36).slice(2, 10)}`;
}

export class WorkshopClient {
  readonly socket: AppSocket;
  state: WorkshopState = emptyWorkshopState();
  session: SessionView | null = null;
  /** Socket.IO packets and Engine.IO payload bytes received. */
  messages = 0;
  bytes = 0;
  /** Epoch ms at which each round/room key's `breakout:room` answer was applied. */
  readonly roomFetchedAt = new Map<string, number>();
  /**
   * Opt-in (bench/forumClient.ts): a "not now" refusal of the room fetch (UNAVAILABLE,
   * RATE_LIMITED, CONFLICT, INTERNAL) is asked again 1-4 s later, as the browser's roomFetch.ts
   * now does; off, every refusal is final until the next move (the rule the other benches ran with).
   */
  retryRoomRefusals = false;
  private syncing = false;
  private held: EventBatch[] = [];
  private pendingRoom: string | null = null;
  private fetchedRoom: string | null = null;
  private refusedRoom: string | null = null;

  constructor(
    url: string,
    auth: HandshakeAuth,
    private readonly stats: ClientStats,
    /** Called after anything changed this client's state. */
    private readonly onChange: (client: WorkshopClient) => void,
  ) {
    this.socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
    this.socket.io.engine.on("packet", (packet) => {
      const bytes = packetBytes(packet.data);
      this.stats.countPacket(kindOf(packet.type, packet.data), bytes);
      this.bytes += bytes;
      if (packet.type === "message") this.messages++;
    });
    this.socket.on("session:ready", ({ session, sync }) => {
      this.session = session;
      this.state = emptyWorkshopState(session.participantId);
      this.forgetRooms();
      this.syncing = false;
      this.held = [];
      if (applySyncResult(this.state, sync)) this.noteSnapshotRoom();
      else void this.catchUp(true);
      this.afterChange();
    });
    this.socket.on("workshop:events", (batch) => {
      if (this.syncing) this.held.push(batch);
      else this.applyBatch(batch);
    });
    this.socket.on("breakout:counts", (update) => {
      applyCounts(this.state, update);
    });
  }

  get participantId(): string | null {
    return this.session?.participantId ?? null;
  }

  /** Sends one command and waits for its ack; a timeout is retried with the same payload (same commandId). */
  async command<C extends CommandName>(
    name: C,
    payload: CommandPayload<C>,
    { timeoutMs = 10_000, attempts = 3 }: { timeoutMs?: number; attempts?: number } = {},
  ): Promise<CommandOutcome<C>> {
    let code = "timeout";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const emitter = this.socket.timeout(timeoutMs) as unknown as CommandEmitter;
      try {
        const ack = await emitter.emitWithAck(name, payload);
        return ack.ok ? { ok: true, data: ack.data } : { ok: false, code: ack.error.code, message: ack.error.message };
      } catch {
        code = this.socket.connected ? "timeout" : "network";
      }
    }
    return { ok: false, code, message: code };
  }

  private applyBatch(batch: EventBatch): void {
    if (applyEventBatch(this.state, batch) === "gap") {
      this.stats.gaps++;
      this.held.push(batch);
      void this.catchUp(false);
      return;
    }
    this.afterChange();
  }

  /** As the browser: the missed events (or everything when `full`), then the batches held meanwhile. */
  private async catchUp(full: boolean): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    this.stats.resyncs++;
    const payload = !full && this.state.version >= 0 ? { sinceVersion: this.state.version } : {};
    const outcome = await this.command("workshop:sync", payload, { attempts: 1 });
    this.syncing = false;
    if (!outcome.ok) {
      this.held = [];
      return;
    }
    if (!applySyncResult(this.state, outcome.data)) {
      await this.catchUp(true);
      return;
    }
    if (outcome.data.kind === "snapshot") {
      this.stats.snapshotResyncs++;
      this.noteSnapshotRoom();
    }
    const held = this.held;
    this.held = [];
    for (const batch of held) {
      if (this.syncing) this.held.push(batch);
      else this.applyBatch(batch);
    }
    this.afterChange();
  }

  private afterChange(): void {
    this.onChange(this);
    void this.fetchRoomIfMoved();
  }

  /** The viewer's current room as round/room, or null. */
  roomKey(): { key: string; roundId: string; roomId: string } | null {
    const round = this.state.breakout.round;
    const roomId = currentRoomOf(this.state, this.state.selfId);
    return round && roomId ? { key: `${round.roundId}/${roomId}`, roundId: round.roundId, roomId } : null;
  }

  /** The server refused the `breakout:room` fetch of the current room: the browser does not ask again until a move. */
  roomRefused(): boolean {
    return this.refusedRoom !== null && this.refusedRoom === this.roomKey()?.key;
  }

  /**
   * Where the people list of the current room stands: the epoch ms its `breakout:room` answer
   * was applied, "refused" (not asked again until a move), or null (not yet, or no room).
   */
  roomFetchOutcome(): number | "refused" | null {
    const room = this.roomKey();
    const fetchedAt = room ? this.roomFetchedAt.get(room.key) : undefined;
    if (fetchedAt !== undefined) return fetchedAt;
    return this.roomRefused() ? "refused" : null;
  }

  /** A snapshot already holds what the viewer may see of their own room. */
  private noteSnapshotRoom(): void {
    this.fetchedRoom = this.roomKey()?.key ?? null;
    if (this.fetchedRoom) this.roomFetchedAt.set(this.fetchedRoom, epochNow());
    this.refusedRoom = null;
  }

  private forgetRooms(): void {
    this.pendingRoom = null;
    this.fetchedRoom = null;
    this.refusedRoom = null;
  }

  private async fetchRoomIfMoved(): Promise<void> {
    if (this.syncing || !this.socket.connected) return;
    const room = this.roomKey();
    const moved = this.state.roomChanged;
    this.state.roomChanged = false;
    if (!room || room.key === this.pendingRoom) return;
    if (!moved && (room.key === this.fetchedRoom || room.key === this.refusedRoom)) return;
    this.pendingRoom = room.key;
    // Spread every ask, as the browser does (client/src/net/roomFetch.ts): a round's opening moves everyone at once.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ROOM_FETCH_SPREAD_MS));
    this.stats.roomFetches++;
    const sentAt = performance.now();
    const outcome = await this.command(
      "breakout:room",
      { roundId: room.roundId, roomId: room.roomId },
      { attempts: 2 },
    );
    this.stats.roomFetchMs.push(performance.now() - sentAt);
    if (this.pendingRoom === room.key) this.pendingRoom = null;
    if (!outcome.ok) {
      this.stats.failFetch(outcome.code);
      if (this.retryRoomRefusals && RETRYABLE_ROOM_REFUSALS.has(outcome.code)) {
        // Asked again like an unmoved room: spread over up to 1 s more, as the browser spreads every ask.
        setTimeout(() => void this.fetchRoomIfMoved(), ROOM_RETRY_MIN_MS + Math.random() * ROOM_FETCH_SPREAD_MS * 3);
        return;
      }
      // Like the browser: a refusal is final until the viewer moves; a timeout may be asked again by a later batch.
      if (outcome.code !== "network" && outcome.code !== "timeout") this.refusedRoom = room.key;
      this.onChange(this);
      return;
    }
    this.applyRoom(room.key, outcome.data);
  }

  /** Merges the answer unless the viewer moved on meanwhile; it is the room's whole list. */
  private applyRoom(key: string, room: RoomAnswer): void {
    if (this.roomKey()?.key !== key) return;
    if (!applyRoomState(this.state, room)) {
      // Older than this copy (as the browser does): ask again once the node caught up.
      this.stats.failFetch(STALE_ROOM_ANSWER);
      setTimeout(() => void this.fetchRoomIfMoved(), STALE_ROOM_RETRY_MS);
      return;
    }
    this.fetchedRoom = key;
    this.roomFetchedAt.set(key, epochNow());
    this.onChange(this);
  }
}
