import { z } from "zod";
import { BoardIdSchema } from "./qna.js";
import { nameText } from "./text.js";

/** One notes document in the plenary ("plenary") and one per breakout room (its room id). */
export const NoteDocIdSchema = BoardIdSchema;
export type NoteDocId = z.infer<typeof NoteDocIdSchema>;

/** The hard ceiling of one binary message; the server's NOTES_UPDATE_MAX_BYTES is the working limit. */
export const NOTES_BINARY_CEILING = 1024 * 1024;
export const SNAPSHOT_NAME_MAX = 80;
/** The Y.Text of a notes document that holds its Markdown; browser and server use this one name. */
export const NOTES_TEXT = "notes";

/** Yjs updates, state vectors and awareness messages travel as binary (Socket.IO keeps them binary). */
export const BinarySchema = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array && value.byteLength <= NOTES_BINARY_CEILING,
  { message: `expected binary data of at most ${NOTES_BINARY_CEILING} bytes` },
);

export const SnapshotIdSchema = z.string().regex(/^s[a-z0-9]{11}$/);
export type SnapshotId = z.infer<typeof SnapshotIdSchema>;

export const SnapshotViewSchema = z.object({
  snapshotId: SnapshotIdSchema,
  docId: NoteDocIdSchema,
  name: z.string(),
  /** Server clock (ms). */
  takenAt: z.number().int(),
});
export type SnapshotView = z.infer<typeof SnapshotViewSchema>;

export const NoteAccessSchema = z.object({
  docId: NoteDocIdSchema,
  /** Everyone in the room (everyone, for the plenary's notes) may edit, not only note-takers. */
  openToAll: z.boolean(),
});
export type NoteAccess = z.infer<typeof NoteAccessSchema>;

export const SnapshotNameSchema = nameText(SNAPSHOT_NAME_MAX);
