import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import * as Y from "yjs";

/**
 * Decodes Yjs updates off the main thread, each within a time budget. Decoding crafted input
 * can take very long; here a hostile update costs one worker (terminated and replaced when
 * over budget), never the event loop that serves every other room.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Y = require(workerData.yjsPath);
parentPort.postMessage({ ready: true });
parentPort.on("message", ({ id, update }) => {
  try {
    Y.decodeUpdate(update);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false });
  }
});
`;

/** Updates up to this size are decoded inline (typing); larger ones in the worker. */
const INLINE_MAX_BYTES = 2048;

function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

interface Job {
  id: number;
  update: Uint8Array;
  resolve: (valid: boolean) => void;
}

export class UpdateValidator {
  private worker: Worker | null = null;
  /** The worker has loaded Yjs: only from then on does a job's time budget run (start-up is not the input's fault). */
  private ready = false;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout; extended: boolean } | null = null;
  private nextId = 1;
  private closed = false;
  private readonly yjsPath = createRequire(import.meta.url).resolve("yjs");

  constructor(private readonly budgetMs: number) {
    // Started now, so the first edit does not wait for Yjs to load.
    this.ensureWorker();
  }

  /** True when the update decodes within the budget; false when it is malformed or too costly. */
  validate(update: Uint8Array): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    // A keystroke's update is a few dozen bytes: decoding it costs microseconds and its cost is
    // bounded by its size, so it is checked here; only bigger ones go to the worker's queue.
    if (update.byteLength <= INLINE_MAX_BYTES) return Promise.resolve(decodes(update));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, update, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(false);
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.resolve(false);
      this.current = null;
    }
    await this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const worker = this.ensureWorker();
    if (!this.ready) return;
    const job = this.queue.shift();
    if (!job) return;
    const postedAt = Date.now();
    const overBudget = () => {
      // The timer runs on this thread: if this thread itself stalled, the worker may have
      // answered on time. Give it the budget again rather than refuse a valid edit.
      if (Date.now() - postedAt > this.budgetMs * 1.5 && this.current?.job === job && !this.current.extended) {
        this.current.extended = true;
        this.current.timer = setTimeout(overBudget, this.budgetMs);
        return;
      }
      // Over budget: this input is hostile or absurd. Refuse it and start a fresh worker.
      this.finish(job.id, false);
      void worker.terminate();
      if (this.worker === worker) {
        this.worker = null;
        this.ready = false;
      }
      this.pump();
    };
    const timer = setTimeout(overBudget, this.budgetMs);
    this.current = { job, timer, extended: false };
    worker.postMessage({ id: job.id, update: job.update });
  }

  private finish(id: number, valid: boolean): void {
    if (!this.current || this.current.job.id !== id) return;
    clearTimeout(this.current.timer);
    this.current.job.resolve(valid);
    this.current = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjsPath: this.yjsPath } });
    worker.unref();
    worker.on("message", (message: { id: number; ok: boolean } | { ready: true }) => {
      if ("ready" in message) {
        if (this.worker === worker) this.ready = true;
      } else {
        this.finish(message.id, message.ok);
      }
      this.pump();
    });
    worker.on("error", () => {
      const wasReady = this.ready;
      if (this.current) this.finish(this.current.job.id, false);
      if (this.worker === worker) {
        this.worker = null;
        this.ready = false;
      }
      // A worker that cannot even start would fail forever: refuse what waits instead of hanging it.
      if (!wasReady) for (const job of this.queue.splice(0)) job.resolve(false);
      this.pump();
    });
    this.worker = worker;
    return worker;
  }
}
