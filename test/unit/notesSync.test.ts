import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { missingParts } from "../../client/src/notes/syncEngine.js";
import { NOTES_TEXT } from "../../shared/notes.js";

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText(NOTES_TEXT).insert(0, text);
  return doc;
}

describe("notes sync: what the server lacks", () => {
  it("is one update when it fits, nothing when the server has it all", () => {
    const doc = docWith("hello");
    expect(missingParts(doc, Y.encodeStateVector(new Y.Doc()), 48 * 1024)).toHaveLength(1);
    expect(missingParts(doc, Y.encodeStateVector(doc), 48 * 1024)).toEqual([]);
  });

  it("is split per editor when several people's offline edits exceed one message, and nothing is lost", () => {
    const merged = new Y.Doc();
    for (const letter of ["a", "b", "c"]) Y.applyUpdate(merged, Y.encodeStateAsUpdate(docWith(letter.repeat(30_000))));
    const parts = missingParts(merged, Y.encodeStateVector(new Y.Doc()), 48 * 1024);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.byteLength).toBeLessThanOrEqual(48 * 1024);
    const server = new Y.Doc();
    for (const part of parts) Y.applyUpdate(server, part);
    expect(server.getText(NOTES_TEXT).toString()).toBe(merged.getText(NOTES_TEXT).toString());
  });
});
