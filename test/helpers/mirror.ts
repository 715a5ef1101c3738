import type { PollResultsUpdate } from "../../shared/poll.js";
import type { QnaChanged } from "../../shared/qna.js";
import { applyQnaChanged, emptyQnaCopy, type QnaCopy } from "../../shared/qnaState.js";
import type { RoomAnswer, RosterWatchAnswer, SyncResult } from "../../shared/workshop.js";
import {
  applyCounts,
  applyEventBatch,
  applyPollResults,
  applyRoomState,
  applyRosterWatch,
  applySyncResult,
  currentRoomOf,
  emptyWorkshopState,
  setWatchingRoster,
  type WorkshopState,
} from "../../shared/workshopState.js";
import type { TypedSocket } from "./client.js";

/** Keeps a WorkshopState from a socket exactly as the browser does, and counts what arrived. */
export class WorkshopMirror {
  readonly state: WorkshopState = emptyWorkshopState();
  resync: (sinceVersion?: number) => Promise<SyncResult | null> = async () => null;
  /** Fetches the viewer's new room (the browser does the same when roomChanged is set). */
  fetchRoom: (roundId: string, roomId: string) => Promise<RoomAnswer | null> = async () => null;
  /** Asks `roster:watch` (the browser does the same when needsRoster is set). */
  askRoster: (watching: boolean) => Promise<RosterWatchAnswer | null> = async () => null;
  /** `roster:watch {watching: true}` asked because the open list's copy lacked the whole roster. */
  rosterAsks = 0;
  private rosterInFlight = false;
  roomFetches = 0;
  /** Snapshots asked for because the viewer came to see everything (promoted to facilitator). */
  snapshotsAsked = 0;
  private snapshotInFlight = false;
  /** How many session:ready arrived: the first join plus one per reconnect. */
  sessions = 0;
  batches = 0;
  gaps = 0;
  revoked: string | null = null;
  /** The Q&A boards this client loaded (loadBoard) and the changes since. */
  readonly qna: QnaCopy = emptyQnaCopy();
  /** Every qna:changed payload received, in order. */
  readonly qnaChanges: QnaChanged[] = [];
  /** Every poll:results payload received, in order (visibility tests look at all of them). */
  readonly pollResults: PollResultsUpdate[] = [];
  /**
   * Test hook: drop this many incoming batches that carry something new, as a lossy path would.
   * A batch this state already holds (it may arrive after the snapshot that includes it) is not
   * a loss: it is applied (skipped) as usual and not counted.
   */
  dropBatches = 0;
  private waiters: Array<() => void> = [];
  private readonly listeners: Array<() => void> = [];

  get version(): number {
    return this.state.version;
  }

  attach(socket: TypedSocket): void {
    socket.on("session:ready", ({ session, sync }) => {
      this.sessions++;
      this.state.selfId = session.participantId;
      if (!applySyncResult(this.state, sync)) void this.catchUp();
      this.afterChange();
    });
    socket.on("breakout:counts", (update) => {
      applyCounts(this.state, update);
      this.changed();
    });
    socket.on("workshop:events", (batch) => {
      if (this.dropBatches > 0 && batch.toVersion > this.state.version) {
        this.dropBatches--;
        this.changed();
        return;
      }
      this.batches++;
      if (applyEventBatch(this.state, batch) === "gap") {
        this.gaps++;
        void this.catchUp();
      }
      this.afterChange();
    });
    socket.on("poll:results", (update) => {
      this.pollResults.push(update);
      applyPollResults(this.state, update);
      this.changed();
    });
    socket.on("qna:changed", (changed) => {
      this.qnaChanges.push(changed);
      applyQnaChanged(this.qna, changed);
      this.changed();
    });
    socket.on("session:revoked", ({ reason }) => {
      this.revoked = reason;
      this.changed();
    });
  }

  /** Resolves when `predicate` holds (checked after every change), or rejects after timeoutMs. */
  until(predicate: (state: WorkshopState) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.state)) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== onChange);
        reject(new Error(`condition not met within ${timeoutMs} ms (version ${this.state.version})`));
      }, timeoutMs);
      const onChange = () => {
        if (check()) this.waiters = this.waiters.filter((waiter) => waiter !== onChange);
      };
      if (!check()) this.waiters.push(onChange);
    });
  }

  private async catchUp(): Promise<void> {
    const sync = await this.resync(Math.max(this.state.version, 0));
    if (sync && !applySyncResult(this.state, sync)) {
      const full = await this.resync();
      if (full) applySyncResult(this.state, full);
    }
    this.afterChange();
  }

  /**
   * The same follow-up the browser does: a snapshot when the viewer came to see everything
   * (promoted), else the new room's state when the viewer's room changed.
   */
  private afterChange(): void {
    if (this.state.needsSnapshot) {
      // Only a snapshot applied clears the flag: a failed ask is asked again after the next batch.
      if (this.snapshotInFlight) return;
      this.snapshotInFlight = true;
      this.snapshotsAsked++;
      void this.resync().then((full) => {
        this.snapshotInFlight = false;
        if (!full) return this.changed();
        applySyncResult(this.state, full);
        this.afterChange();
      });
      return;
    }
    if (this.state.roomChanged) {
      const round = this.state.breakout.round;
      const roomId = currentRoomOf(this.state, this.state.selfId);
      this.state.roomChanged = false;
      if (round && roomId) {
        this.roomFetches++;
        void this.fetchRoom(round.roundId, roomId).then((room) => {
          // An answer older than this copy is not merged: ask again, as the browser does.
          if (room && !applyRoomState(this.state, room)) {
            this.state.roomChanged = true;
            setTimeout(() => this.afterChange(), 300);
          }
          this.changed();
        });
      }
    }
    this.fetchRoster();
    this.changed();
  }

  /**
   * Opens or closes the people list as the browser does (client/src/net/roster.ts): the copy
   * changes at once, the server is told; opening fetches the roster (afterChange).
   */
  async watchRoster(watching: boolean): Promise<void> {
    setWatchingRoster(this.state, watching);
    if (!watching) await this.askRoster(false);
    this.afterChange();
  }

  /** The open list's copy lacks the whole roster: ask until an answer fits the copy's version. */
  private fetchRoster(): void {
    if (this.rosterInFlight || !this.state.needsRoster) return;
    this.rosterInFlight = true;
    this.rosterAsks++;
    void this.askRoster(true).then((answer) => {
      this.rosterInFlight = false;
      if (answer) applyRosterWatch(this.state, answer);
      if (this.state.needsRoster) setTimeout(() => this.fetchRoster(), 50);
      this.changed();
    });
  }

  /** Calls `listener` after every change of the copy (a batch, a catch-up, a snapshot, a room). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
    for (const listener of this.listeners) listener();
  }
}
