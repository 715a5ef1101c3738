import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { NOTES_TEXT } from "../../shared/notes.js";
import { currentRoomOf } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { converged, openEditor } from "../helpers/notes.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis", env: { NOTES_COMPACT_AFTER: "20", NOTES_DOC_MAX_BYTES: "65536" } });
});
afterAll(() => server.close());

async function noteTakers(count: number) {
  const world = await workshopWithPeople([server.url], count + 1);
  const takers = world.people.slice(0, count);
  for (const taker of takers) {
    await world.host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: taker.session.participantId,
      role: "note-taker",
    });
  }
  return { ...world, takers, reader: world.people[count] as TestClient };
}

describe("shared notes", () => {
  it("a cursor's name is the sender's own, whatever the client claims; junk awareness is refused", async () => {
    const { host, people, takers } = await noteTakers(1);
    const nadia = takers[0] as TestClient;
    await Promise.all([openEditor(host), openEditor(nadia)]);
    const heard = new Promise<Uint8Array>((resolve) =>
      host.socket.on("notes:awareness", (message) => resolve(new Uint8Array(message.update))),
    );
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name: "Host", color: "#112233" }, cursor: null });
    const claim = encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(await nadia.send("notes:awareness", { docId: "plenary", update: claim })).toEqual({ ok: true, data: {} });
    const other = new Awareness(new Y.Doc());
    applyAwarenessUpdate(other, await heard, "remote");
    expect(other.getStates().get(doc.clientID)).toEqual({
      user: { name: nadia.session.displayName, color: "#112233" },
      cursor: null,
    });
    const junk = await nadia.send("notes:awareness", { docId: "plenary", update: new Uint8Array([9, 9, 9]) });
    expect(junk).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    closeAll([host, ...people]);
  });

  it("note-takers edit together; a late reader gets the full text; everything acknowledged is stored", async () => {
    const { host, people, takers, reader } = await noteTakers(2);
    const [a, b] = await Promise.all(takers.map((taker) => openEditor(taker)));
    if (!a || !b) throw new Error("no editors");
    a.insert(0, "# Outcomes\n");
    b.insert(0, "Decision: more shelters\n");
    await Promise.all([a.saved(), b.saved()]);
    const text = await converged([a, b]);
    expect(text).toContain("# Outcomes");
    expect(text).toContain("Decision: more shelters");
    const late = await openEditor(reader);
    expect(late.text()).toBe(text);
    expect(late.sync.current.canEdit).toBe(false);
    closeAll([host, ...people]);
  });

  it("a participant's crafted update to read-only notes is refused and changes nothing", async () => {
    const { host, people, takers, reader } = await noteTakers(1);
    const editor = await openEditor(takers[0] as TestClient);
    editor.insert(0, "Only note-takers write here.");
    await editor.saved();
    const crafted = new Y.Doc();
    crafted.getText(NOTES_TEXT).insert(0, "INJECTED ");
    const answer = await reader.send("notes:update", {
      commandId: newCommandId(),
      docId: "plenary",
      update: Y.encodeStateAsUpdate(crafted),
    });
    expect(answer).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const again = await openEditor(host);
    expect(again.text()).toBe("Only note-takers write here.");
    // Opening the notes to everyone lets the same person write.
    await host.send("notes:setAccess", { commandId: newCommandId(), docId: "plenary", openToAll: true });
    const now = await openEditor(reader);
    expect(now.sync.current.canEdit).toBe(true);
    closeAll([host, ...people]);
  });

  it("hostile input: malformed and oversized updates are refused while other edits keep flowing", async () => {
    const { host, people, takers } = await noteTakers(2);
    const [a, b] = await Promise.all(takers.map((taker) => openEditor(taker)));
    if (!a || !b) throw new Error("no editors");
    // Small malformed (checked inline), larger malformed (checked in the worker), oversized.
    const junk = [
      new Uint8Array([1, 200, 255, 255, 255, 255, 15, 3, 7]),
      new Uint8Array(8 * 1024).fill(255),
      new Uint8Array(60 * 1024).fill(7),
    ];
    const refusals = junk.map((update) =>
      (takers[0] as TestClient).send("notes:update", { commandId: newCommandId(), docId: "plenary", update }),
    );
    b.insert(0, "still flowing");
    const [bad, badInWorker, big] = await Promise.all(refusals);
    expect(bad).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(badInWorker).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(big, JSON.stringify(big)).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
    await b.saved();
    expect(await converged([a, b])).toBe("still flowing");
    closeAll([host, ...people]);
  });

  it("compaction keeps the stored form short; the document size limit refuses more", async () => {
    const { host, people, takers } = await noteTakers(1);
    const editor = await openEditor(takers[0] as TestClient);
    for (let i = 0; i < 60; i++) {
      editor.insert(editor.text().length, `line ${i}\n`);
      await editor.saved();
    }
    const stored = await server.stores.notes.noteUpdates(host.session.workshopId, "plenary");
    expect(stored.length).toBeLessThanOrEqual(21);
    const fresh = await openEditor(host);
    expect(fresh.text()).toBe(editor.text());
    // Past NOTES_DOC_MAX_BYTES (64 KiB here): refused, and the editor says so.
    editor.insert(0, "x".repeat(30_000));
    await editor.saved();
    editor.insert(0, "y".repeat(30_000));
    await editor.saved();
    editor.insert(0, "z".repeat(30_000));
    await expect.poll(() => editor.sync.current.status).toBe("error");
    expect(editor.sync.current.errorCode).toBe("PAYLOAD_TOO_LARGE");
    closeAll([host, ...people]);
  });

  it("snapshots: named, listed, viewed and restored as a new edit everyone receives", async () => {
    const { host, people, takers } = await noteTakers(2);
    const [a, b] = await Promise.all(takers.map((taker) => openEditor(taker)));
    if (!a || !b) throw new Error("no editors");
    a.insert(0, "Round 1 notes");
    await a.saved();
    const snapshot = await (takers[0] as TestClient).send("notes:snapshot", {
      commandId: newCommandId(),
      docId: "plenary",
      name: "end of round 1",
    });
    if (!snapshot.ok) throw new Error(snapshot.error.code);
    a.insert(a.text().length, " and later changes");
    await a.saved();
    expect(await host.send("notes:snapshots", { docId: "plenary" })).toMatchObject({
      ok: true,
      data: { snapshots: [{ name: "end of round 1" }] },
    });
    const restored = await host.send("notes:restore", {
      commandId: newCommandId(),
      docId: "plenary",
      snapshotId: snapshot.data.snapshotId,
    });
    expect(restored.ok).toBe(true);
    await expect.poll(() => [a.text(), b.text()]).toEqual(["Round 1 notes", "Round 1 notes"]);
    closeAll([host, ...people]);
  });

  it("room notes: its people read them, others cannot; moving out of the room stops the live updates", async () => {
    const { host, people, takers } = await noteTakers(1);
    const participants = people.filter((person) => !takers.includes(person));
    const round = await planRound(host, [{ name: "One" }, { name: "Two" }]);
    const [one, two] = round.rooms as [(typeof round.rooms)[0], (typeof round.rooms)[0]];
    const [mover] = participants as [TestClient];
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [mover.session.participantId],
      roomId: one.roomId,
    });
    await openRound(host, round);
    await mover.mirror.until((state) => currentRoomOf(state, mover.session.participantId) === one.roomId);
    expect(await mover.send("notes:open", { docId: two.roomId, stateVector: new Uint8Array([0]) })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    const reader = await openEditor(mover, one.roomId);
    expect(reader.sync.current.canEdit).toBe(false);
    const writer = await openEditor(takers[0] as TestClient, one.roomId);
    writer.insert(0, "seen ");
    await writer.saved();
    await expect.poll(() => reader.text()).toBe("seen ");
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [mover.session.participantId],
      roomId: two.roomId,
    });
    await mover.mirror.until((state) => currentRoomOf(state, mover.session.participantId) === two.roomId);
    // After the move has gone out, a later edit in room one does not reach the mover.
    const marker = await openEditor(host, one.roomId);
    await expect.poll(() => marker.text()).toBe("seen ");
    writer.insert(writer.text().length, "after the move");
    await writer.saved();
    await expect.poll(() => marker.text()).toBe("seen after the move");
    expect(reader.text()).toBe("seen ");
    closeAll([host, ...people]);
  });
});
