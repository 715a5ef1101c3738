import * as Y from "yjs";

import { NOTES_TEXT } from "../../../shared/notes.js";

/**
 * An update that turns the document `current` into the text of `snapshot`, made by a fresh
 * client id as one ordinary edit, so everyone (offline editors included) merges onto it.
 */
export function restoreUpdate(current: Uint8Array, snapshot: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, current);
  const old = new Y.Doc();
  Y.applyUpdate(old, snapshot);
  const target = old.getText(NOTES_TEXT).toString();
  const before = Y.encodeStateVector(doc);
  const text = doc.getText(NOTES_TEXT);
  doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, target);
  });
  return Y.encodeStateAsUpdate(doc, before);
}
