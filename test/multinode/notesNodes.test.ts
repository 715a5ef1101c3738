import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { converged, openEditor, type TestEditor } from "../helpers/notes.js";

const cluster = useTwoNodes();

/** A workshop on both nodes whose people are all note-takers (so all of them edit). */
async function editorsOnTwoNodes(urls: string[], count: number) {
  const world = await workshopWithPeople(urls, count);
  cluster.track(world.host, ...world.people);
  for (const person of world.people) {
    await world.host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: person.session.participantId,
      role: "note-taker",
    });
  }
  return world;
}

describe("shared notes on two nodes", () => {
  it("10 editors on two nodes edit at once: all end with the same text holding every acknowledged insertion", async () => {
    const { a, b } = await cluster.start({ NOTES_COMPACT_AFTER: "25" });
    const world = await editorsOnTwoNodes([a.url, b.url], 10);
    const editors = await Promise.all(world.people.map((person) => openEditor(person)));
    const marks: string[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 8; round++) {
      editors.forEach((editor, index) => {
        const mark = `<${index}.${round}>`;
        marks.push(mark);
        // Between marks, never inside one, so each insertion stays a readable whole.
        const current = editor.text();
        const boundaries = [0, ...[...current].flatMap((char, at) => (char === ">" || char === " " ? [at + 1] : []))];
        editor.insert(boundaries[Math.floor(random() * boundaries.length)] ?? 0, mark);
        if (round % 3 === 2 && editor.text().length > 10) {
          // Deletions too, of text without marks in it (spaces added below), so every mark survives.
          editor.insert(0, "   ");
          editor.doc.getText("notes").delete(0, 2);
        }
      });
      await Promise.all(editors.map((editor) => editor.saved()));
    }
    const text = await converged(editors);
    for (const mark of marks) expect(text).toContain(mark);
  });

  it("offline merge: A goes offline, both edit, A reloads while offline, reconnects; all edits are there", async () => {
    const { a, b } = await cluster.start();
    const world = await editorsOnTwoNodes([a.url, b.url], 2);
    const [personA, personB] = world.people as [TestClient, TestClient];
    const editorA = await openEditor(personA);
    const editorB = await openEditor(personB);
    editorA.insert(0, "shared start. ");
    await editorA.saved();
    await converged([editorA, editorB]);
    // A goes offline and keeps typing; B types online.
    personA.socket.io.reconnection(false);
    personA.socket.disconnect();
    editorA.insert(editorA.text().length, "A offline 1. ");
    editorA.insert(0, "A offline 0. ");
    expect(editorA.sync.current).toMatchObject({ status: "offline", unsynced: 2 });
    editorB.insert(editorB.text().length, "B online. ");
    await editorB.saved();
    // "Reload" while offline: a new document from what the browser kept (IndexedDB holds the state).
    const kept = Y.encodeStateAsUpdate(editorA.doc);
    editorA.sync.destroy();
    const reloadedDoc = new Y.Doc();
    Y.applyUpdate(reloadedDoc, kept);
    const reconnected = await connectClient(b.url, { sessionToken: personA.session.sessionToken });
    cluster.track(reconnected);
    const reloaded: TestEditor = await openEditor(reconnected, "plenary", reloadedDoc);
    await reloaded.saved();
    const text = await converged([reloaded, editorB]);
    for (const part of ["shared start.", "A offline 1.", "A offline 0.", "B online."]) expect(text).toContain(part);
  });

  it("restart every node: the document comes back complete, and compaction kept it short", async () => {
    const { a, b, stores } = await cluster.start({ NOTES_COMPACT_AFTER: "10" });
    const world = await editorsOnTwoNodes([a.url, b.url], 2);
    const editors = await Promise.all(world.people.map((person) => openEditor(person)));
    for (let i = 0; i < 30; i++) {
      const editor = editors[i % 2] as TestEditor;
      editor.insert(editor.text().length, `line ${i}\n`);
      await editor.saved();
    }
    const before = await converged(editors);
    expect((await stores.notes.noteUpdates(world.host.session.workshopId, "plenary")).length).toBeLessThanOrEqual(11);
    await Promise.all([a.kill(), b.kill()]);
    const c = await cluster.another();
    const reader = await connectClient(c.url, { sessionToken: world.host.session.sessionToken });
    cluster.track(reader);
    const fresh = await openEditor(reader);
    expect(fresh.text()).toBe(before);
    for (let i = 0; i < 30; i++) expect(fresh.text()).toContain(`line ${i}\n`);
  });
});
