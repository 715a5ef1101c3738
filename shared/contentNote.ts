import { nameText } from "./text.js";

/**
 * A content note: a short warning a facilitator puts on content that deals with something
 * hard (e.g. "discusses sexual exploitation"), shown before the content itself. Whoever reads
 * it may skip the content; nothing about reading or skipping leaves the device.
 */
export const CONTENT_NOTE_MAX = 160;

export const ContentNoteSchema = nameText(CONTENT_NOTE_MAX);
