import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** A client announces its own cursor; y-protocols may batch a few. More is not an editor's message. */
const AWARENESS_ENTRIES_MAX = 16;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * An awareness message (y-protocols: a count, then per entry clientID, clock, JSON state) with
 * the name in every state set to the sender's own display name. The name beside a cursor is
 * what other editors trust to know who is writing; it comes from the session, never from the
 * client, so nobody can write under another person's name (a survivor's, a facilitator's).
 * Removals (null states) pass unchanged. Null when the message cannot be read.
 */
export function stampAwarenessName(update: Uint8Array, name: string): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(update);
    const encoder = encoding.createEncoder();
    const count = decoding.readVarUint(decoder);
    if (count > AWARENESS_ENTRIES_MAX) return null;
    encoding.writeVarUint(encoder, count);
    for (let index = 0; index < count; index++) {
      encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
      encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      const stamped = isRecord(state)
        ? { ...state, user: { ...(isRecord(state.user) ? state.user : {}), name } }
        : null;
      encoding.writeVarString(encoder, JSON.stringify(stamped));
    }
    if (decoding.hasContent(decoder)) return null;
    return encoding.toUint8Array(encoder);
  } catch {
    return null;
  }
}
