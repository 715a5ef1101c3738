import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { stampAwarenessName } from "../../server/domain/notes/awareness.js";

/** What a browser editor sends: its own state, as y-protocols encodes it. */
function editorMessage(state: Record<string, unknown>): { update: Uint8Array; clientId: number; awareness: Awareness } {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  return { update: encodeAwarenessUpdate(awareness, [doc.clientID]), clientId: doc.clientID, awareness };
}

function received(update: Uint8Array, clientId: number): unknown {
  const other = new Awareness(new Y.Doc());
  applyAwarenessUpdate(other, update, "remote");
  return other.getStates().get(clientId) ?? null;
}

describe("awareness names come from the session", () => {
  it("every cursor carries the sender's own name; colour and cursor stay", () => {
    const cursor = { anchor: { type: null, tname: null, item: null, assoc: 0 }, head: null };
    const { update, clientId } = editorMessage({ user: { name: "Fatima (facilitator)", color: "#aa3355" }, cursor });
    const stamped = stampAwarenessName(update, "Nadia") as Uint8Array;
    expect(received(stamped, clientId)).toEqual({ user: { name: "Nadia", color: "#aa3355" }, cursor });
    // A state without a user gets one: the name is never missing or the client's.
    const bare = editorMessage({ cursor: null });
    expect(received(stampAwarenessName(bare.update, "Nadia") as Uint8Array, bare.clientId)).toEqual({
      cursor: null,
      user: { name: "Nadia" },
    });
  });

  it("a removal (leaving the document) passes unchanged", () => {
    const { awareness, clientId } = editorMessage({ user: { name: "Nadia" } });
    removeAwarenessStates(awareness, [clientId], "close");
    const removal = encodeAwarenessUpdate(awareness, [clientId]);
    expect(stampAwarenessName(removal, "Nadia")).toEqual(removal);
  });

  it("junk, trailing bytes and floods of entries are unreadable", () => {
    const { update } = editorMessage({ user: { name: "Nadia" } });
    const trailing = new Uint8Array([...update, 7]);
    const flood = encoding.createEncoder();
    encoding.writeVarUint(flood, 1000);
    for (const junk of [new Uint8Array([]), new Uint8Array([1, 2]), trailing, encoding.toUint8Array(flood)]) {
      expect(stampAwarenessName(junk, "Nadia")).toBeNull();
    }
  });
});
