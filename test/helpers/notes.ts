import * as Y from "yjs";
import { NotesSync } from "../../client/src/notes/syncEngine.js";
import { NOTES_TEXT, type NoteDocId } from "../../shared/notes.js";
import { newCommandId, type TestClient } from "./client.js";

/**
 * A notes editor in a test: a Yjs document kept in sync through a real socket with the same
 * engine the browser uses (client/src/notes/syncEngine.ts).
 */
export interface TestEditor {
  doc: Y.Doc;
  sync: NotesSync;
  text(): string;
  insert(index: number, content: string): void;
  /** Resolves when every local edit is acknowledged by the server. */
  saved(timeoutMs?: number): Promise<void>;
}

export async function openEditor(
  client: TestClient,
  docId: NoteDocId = "plenary",
  doc = new Y.Doc(),
): Promise<TestEditor> {
  const sync = new NotesSync(doc, {
    open: (stateVector) => client.send("notes:open", { docId, stateVector }),
    send: (update) => client.send("notes:update", { commandId: newCommandId(), docId, update }),
  });
  client.socket.on("notes:update", (message) => {
    if (message.docId === docId) sync.receive(new Uint8Array(message.update));
  });
  client.socket.on("disconnect", () => sync.disconnect());
  client.socket.on("session:ready", () => void sync.connect());
  await sync.connect();
  const text = doc.getText(NOTES_TEXT);
  return {
    doc,
    sync,
    text: () => text.toString(),
    insert: (index, content) => text.insert(Math.min(index, text.length), content),
    saved: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const done = () => sync.current.status === "saved" && sync.current.unsynced === 0;
        if (done()) return resolve();
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`not saved within ${timeoutMs} ms: ${JSON.stringify(sync.current)}`));
        }, timeoutMs);
        const stop = sync.onChange(() => {
          if (!done()) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      }),
  };
}

/** Resolves when every editor shows the same text. */
export async function converged(editors: readonly TestEditor[], timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = editors.map((editor) => editor.text());
    if (texts.every((text) => text === texts[0])) return texts[0] as string;
    if (Date.now() > deadline)
      throw new Error(`editors did not converge: ${JSON.stringify(texts.map((t) => t.length))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
