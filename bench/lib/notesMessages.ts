import { z } from "zod";
import { CloseMessageSchema, FatalMessageSchema, ReadyMessageSchema } from "./loaderIpc.js";

/**
 * What the notes-editing bench (bench/notes.ts) and its load generators (bench/notesClient.ts)
 * say to each other over the child-process IPC channel. Parsed on arrival, like every other
 * input here.
 */

export const NotesEditorPlanSchema = z.object({
  /** Global editor index: its name, its marker in the text, and who counts its updates. */
  index: z.number().int().nonnegative(),
  /** Index into `targets`: the node this editor connects to. */
  node: z.number().int().nonnegative(),
});
export type NotesEditorPlan = z.infer<typeof NotesEditorPlanSchema>;

export const NotesJoinConfigSchema = z.object({
  targets: z.array(z.string()).min(1),
  joinCode: z.string(),
  /** The editors this generator runs. */
  editors: z.array(NotesEditorPlanSchema),
  /** Editor k of this generator starts joining at startAt + k × 1000 / joinRate (epoch ms). */
  joinRate: z.number().positive(),
  startAt: z.number(),
  namePrefix: z.string(),
});
export type NotesJoinConfig = z.infer<typeof NotesJoinConfigSchema>;

export const NotesTypeConfigSchema = z.object({
  /** Epoch ms of the first tick of the phase. */
  startAt: z.number(),
  /** Updates per second per editor. */
  rate: z.number().positive(),
  /** Updates each editor sends. */
  updatesPerEditor: z.number().int().positive(),
  /** Editors in the phase: editor i's ticks are offset by i / editors of an interval, so sends are spread evenly. */
  editors: z.number().int().positive(),
  /** Longest wait for one ack, ms (one attempt: a timed-out update is counted, not resent). */
  ackTimeoutMs: z.number().int().positive(),
  /** The node (index into the join targets) of every editor of the phase, by editor index. */
  nodeOf: z.array(z.number().int()),
});
export type NotesTypeConfig = z.infer<typeof NotesTypeConfigSchema>;

export const NotesParentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("join"), config: NotesJoinConfigSchema }),
  /** Each listed editor opens its document (`notes:open` with its state vector) and follows it. */
  z.object({ type: z.literal("open"), docs: z.array(z.tuple([z.number().int(), z.string()])) }),
  z.object({ type: z.literal("type"), config: NotesTypeConfigSchema }),
  /**
   * Acknowledged updates per document over every generator: an editor is complete once it has
   * received that many minus its own. Answered with "delivered" when all are, or at the timeout.
   */
  z.object({ type: z.literal("expect"), acked: z.record(z.string(), z.number().int()), timeoutMs: z.number() }),
  z.object({ type: z.literal("report") }),
  /** Every editor's text now (hash, length, lines). */
  z.object({ type: z.literal("texts") }),
  /** Every editor reopens its document as the sync engine does on a reconnect (state vectors both ways). */
  z.object({ type: z.literal("resync") }),
  CloseMessageSchema,
]);
export type NotesParentMessage = z.infer<typeof NotesParentMessageSchema>;

export const NotesEditorTextSchema = z.object({
  index: z.number().int(),
  docId: z.string(),
  sha1: z.string(),
  length: z.number().int(),
  /** Updates stuck in Yjs's pending queue (their dependencies never arrived). */
  pending: z.boolean(),
});
export type NotesEditorText = z.infer<typeof NotesEditorTextSchema>;

export const NotesLoaderResultSchema = z.object({
  editors: z.number().int(),
  connected: z.number().int(),
  sent: z.number().int(),
  acked: z.number().int(),
  /** [editor index, updates it sent]. */
  sentPerEditor: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Refused `notes:update` messages by error code ("timeout" / "network": no answer). */
  refused: z.record(z.string(), z.number().int()),
  /** [editor index, seq, last code] of every update never acknowledged (even after the resends). */
  notAcked: z.array(z.tuple([z.number().int(), z.number().int(), z.string()])),
  /** Messages that carried refused edits again (merged with the next edit, the sync engine's rule). */
  resends: z.number().int(),
  /** Edits acknowledged only as part of such a resend. */
  ackedAfterResend: z.number().int(),
  /** Markers received again by an editor that already had them (a resend of a stored update). */
  duplicates: z.number().int(),
  /** Emit → ack of every acknowledged `notes:update` message, ms. */
  ackMs: z.array(z.number()),
  /** The second of the typing (from its first tick) in which each of them was emitted. */
  ackSecond: z.array(z.number().int()),
  /** Sender's emit → a receiver's `notes:update` event, per (update, receiver), ms; split by whether both sit on one node. */
  sameNodeMs: z.array(z.number()),
  crossNodeMs: z.array(z.number()),
  /** The same for the updates emitted after the first 3 s of the typing (both nodes). */
  steadyMs: z.array(z.number()),
  /** Per update seen here: [sender, seq, latest arrival after the emit (ms), receivers here that got it]. */
  perUpdate: z.array(z.tuple([z.number().int(), z.number().int(), z.number(), z.number().int()])),
  /** Per editor connected: `notes:update` events, WebSocket messages (a binary event is 2) and payload bytes received in the typing window. */
  notesEvents: z.array(z.number().int()),
  wsMessages: z.array(z.number().int()),
  wsBytes: z.array(z.number()),
  /** Received `notes:update`s that carried no marker (not ours: should be 0). */
  unmarked: z.number().int(),
  /** How late the ticks fired against their schedule, ms (a busy generator sends late). */
  lateP99Ms: z.number(),
  lateMaxMs: z.number(),
  loopDelayP99Ms: z.number(),
  loopDelayMaxMs: z.number(),
  cpuSeconds: z.number(),
  disconnects: z.record(z.string(), z.number().int()),
  openFailures: z.record(z.string(), z.number().int()),
});
export type NotesLoaderResult = z.infer<typeof NotesLoaderResultSchema>;

export const NotesLoaderMessageSchema = z.discriminatedUnion("type", [
  ReadyMessageSchema,
  z.object({
    type: z.literal("joined"),
    /** [editor index, participant id] of every editor with a session. */
    participants: z.array(z.tuple([z.number().int(), z.string()])),
    failures: z.record(z.string(), z.number().int()),
  }),
  z.object({
    type: z.literal("opened"),
    editable: z.number().int(),
    readOnly: z.number().int(),
    failures: z.record(z.string(), z.number().int()),
  }),
  /** Every tick sent and every ack (or timeout) in; acked updates per document. */
  z.object({ type: z.literal("typed"), at: z.number(), acked: z.record(z.string(), z.number().int()) }),
  /** Epoch ms at which the last expected update arrived (or the timeout), and editors still missing some. */
  z.object({ type: z.literal("delivered"), at: z.number(), incomplete: z.number().int(), missing: z.number().int() }),
  z.object({ type: z.literal("result"), result: NotesLoaderResultSchema }),
  z.object({ type: z.literal("texts"), texts: z.array(NotesEditorTextSchema) }),
  z.object({ type: z.literal("resynced"), sentBack: z.number().int(), failures: z.number().int() }),
  FatalMessageSchema,
]);
export type NotesLoaderMessage = z.infer<typeof NotesLoaderMessageSchema>;

/** The line each update inserts: `[e<editor>.<seq>@<emit epoch ms>]`, found again in the raw update bytes. */
export const markerPattern = /\[e(\d+)\.(\d+)@(\d+\.\d+)\]/g;
export const markerLinePattern = /^\[e(\d+)\.(\d+)@(\d+\.\d+)\]$/;

export function markerLine(editor: number, seq: number, sentAt: number): string {
  return `[e${editor}.${seq}@${sentAt.toFixed(2)}]\n`;
}
