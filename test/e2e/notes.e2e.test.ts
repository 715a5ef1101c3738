import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  assignAutomatically,
  type BrowserPerson,
  joinByLink,
  notesEditorText,
  openPerson,
  openRound,
  planRooms,
  useBrowser,
  workshopWithPeople,
} from "../helpers/browser.js";

const browser = useBrowser();
type Person = BrowserPerson;

/** The notes panel of one document (a room's id, or "plenary"). */
function notesPanel(page: Page, docId: string) {
  return page.locator(`[data-testid="notes-panel"][data-doc-id="${docId}"]`);
}

async function waitForText(page: Page, docId: string, ...parts: string[]): Promise<void> {
  await expect
    .poll(() => notesEditorText(page, docId), { timeout: 30_000 })
    .toSatisfy((text: string) => parts.every((part) => text.includes(part)));
}

/** The sync state shown next to the editor. */
async function syncState(page: Page, docId: string): Promise<{ state: string | null; unsynced: number; text: string }> {
  const status = notesPanel(page, docId).getByTestId("notes-sync-state");
  return {
    state: await status.getAttribute("data-state"),
    unsynced: Number(await status.getAttribute("data-unsynced")),
    text: (await status.textContent()) ?? "",
  };
}

/** Puts the cursor at the end of the person's notes and types there. */
async function typeAtEnd(page: Page, docId: string, text: string): Promise<void> {
  await notesPanel(page, docId).locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** Promotes someone to note-taker from the facilitator's participant list. */
async function makeNoteTaker(host: Page, person: Person): Promise<void> {
  const row = host.locator(`[data-testid="participant-row"][data-name="${person.name}"]`);
  await row.getByTestId("role-select").selectOption("note-taker");
  await host.locator(`[data-testid="participant-row"][data-name="${person.name}"][data-role="note-taker"]`).waitFor();
  await expect.poll(() => person.page.locator(".me").textContent()).toContain("note-taker");
}

/** The workshop id: the routing prefix of the session token the tab keeps. */
function workshopIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (sessionStorage.getItem("workshop.sessionToken") ?? "").split(".")[0] ?? "");
}

/** How many Yjs updates the device's database holds for a document (y-indexeddb's `updates` store). */
function storedUpdates(page: Page, docId: string): Promise<number> {
  return page.evaluate(async (docId) => {
    const name = (await indexedDB.databases())
      .map((db) => db.name ?? "")
      .find((dbName) => dbName.endsWith(`:${docId}`));
    if (!name) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction("updates").objectStore("updates").count();
        request.onsuccess = () => {
          resolve(request.result);
          open.result.close();
        };
        request.onerror = () => reject(request.error);
      };
    });
  }, docId);
}

/** A browser that was offline on purpose logs its failed reconnect attempts: those are expected. */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter((problem) => !problem.includes("ERR_INTERNET_DISCONNECTED"));
}

describe("shared notes in a real browser", () => {
  it("two note-takers write a room's notes together, see each other's cursor, and one's offline edits merge on reconnect", {
    timeout: 180_000,
  }, async () => {
    const { facilitator, people } = await workshopWithPeople(browser(), {
      title: "Regional forum on safe migration",
      facilitator: "Fatima",
      // One note-taker on a small phone.
      people: [{ name: "Amal", width: 360 }, { name: "Bo" }],
      allOnline: true,
    });
    const [amal, bo] = people as [Person, Person];
    const host = facilitator.page;

    // The facilitator makes both note-takers, plans one room, assigns both to it and opens the round.
    await makeNoteTaker(host, amal);
    await makeNoteTaker(host, bo);
    await host.getByTestId("breakout-panel").waitFor();
    await planRooms(host, ["Shelters"]);
    await assignAutomatically(host, 2);
    await openRound(host);

    const roomId = (await amal.page.getByTestId("room-view").getAttribute("data-room-id")) ?? "";
    expect(roomId).not.toBe("");
    expect(await bo.page.getByTestId("room-view").getAttribute("data-room-id")).toBe(roomId);

    // Note-takers get the editor at once (loaded on demand), writable, saved.
    for (const { page } of [amal, bo]) {
      const panel = notesPanel(page, roomId);
      await panel.locator('[data-testid="notes-editor"][data-editable="true"]').waitFor();
      await panel.locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();
      expect(await panel.getByTestId("notes-readonly").count()).toBe(0);
    }

    // Both write; each sees the other's text and cursor (with the other's name).
    await typeAtEnd(amal.page, roomId, "Amal: open two more shelters.");
    await waitForText(bo.page, roomId, "Amal: open two more shelters.");
    await typeAtEnd(bo.page, roomId, " Bo: fund legal aid.");
    await waitForText(amal.page, roomId, "Amal: open two more shelters.", "Bo: fund legal aid.");
    for (const [viewer, other] of [
      [amal, bo],
      [bo, amal],
    ] as const) {
      const caret = notesPanel(viewer.page, roomId).locator(".cm-ySelectionCaret");
      await caret.first().waitFor();
      await expect.poll(() => caret.locator(".cm-ySelectionInfo").allTextContents()).toContain(other.name);
    }
    for (const { page } of [amal, bo]) {
      await notesPanel(page, roomId).locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();
    }

    // Bo loses the network and keeps writing: the edits stay on his device, counted (data-unsynced).
    const boContext = bo.page.context();
    await boContext.setOffline(true);
    await notesPanel(bo.page, roomId).locator('[data-testid="notes-sync-state"][data-state="offline"]').waitFor();
    await typeAtEnd(bo.page, roomId, " Offline: ask the ministry.");
    await expect.poll(async () => (await syncState(bo.page, roomId)).unsynced).toBeGreaterThan(0);
    const offline = await syncState(bo.page, roomId);
    expect(offline.state).toBe("offline");
    // Said as a writer needs it: unsaved since when, not how many keystrokes.
    expect(offline.text).toMatch(/^Offline — unsaved changes since \d{1,2}:\d{2}\s?(AM|PM)?$/);
    // Not saved for a while: a banner says where the edits are.
    const warning = notesPanel(bo.page, roomId).getByTestId("notes-offline-warning");
    await warning.waitFor();
    expect(await warning.getAttribute("role")).toBe("alert");
    expect(await warning.textContent()).toContain("kept on this device");

    // Meanwhile Amal writes too; Bo cannot see it yet.
    await typeAtEnd(amal.page, roomId, " Amal again.");
    await notesPanel(amal.page, roomId).locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();
    expect(await notesEditorText(bo.page, roomId)).not.toContain("Amal again.");
    expect(await notesEditorText(amal.page, roomId)).not.toContain("Offline: ask the ministry.");

    // Back online: Bo's edits are sent, both editors hold the same text with everyone's words.
    await boContext.setOffline(false);
    await notesPanel(bo.page, roomId).locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();
    expect((await syncState(bo.page, roomId)).unsynced).toBe(0);
    await warning.waitFor({ state: "detached" });
    const parts = ["Amal: open two more shelters.", "Bo: fund legal aid.", "Offline: ask the ministry.", "Amal again."];
    await waitForText(amal.page, roomId, ...parts);
    await waitForText(bo.page, roomId, ...parts);
    await expect
      .poll(async () => (await notesEditorText(amal.page, roomId)) === (await notesEditorText(bo.page, roomId)))
      .toBe(true);

    // Outcome markers: the button marks the cursor's line; the preview shows it as a labelled badge.
    await typeAtEnd(amal.page, roomId, "\nPilot the hotline @Bo due:2026-03-01");
    await notesPanel(amal.page, roomId).getByTestId("notes-marker-action").click();
    await waitForText(bo.page, roomId, "- [Action] Pilot the hotline @Bo due:2026-03-01");
    await notesPanel(bo.page, roomId).getByTestId("notes-preview-toggle").click();
    const outcome = notesPanel(bo.page, roomId).locator('[data-testid="notes-outcome"][data-kind="action"]');
    await outcome.waitFor();
    expect(await outcome.locator(".notes-badge").textContent()).toBe("Action");
    expect(await outcome.getByTestId("notes-outcome-owner").textContent()).toBe("Owner: Bo");
    expect(await outcome.getByTestId("notes-outcome-due").textContent()).toBe("Due: 2026-03-01");

    // History: a named snapshot is listed and viewable.
    const amalPanel = notesPanel(amal.page, roomId);
    await amalPanel.getByTestId("notes-history").click();
    await amalPanel.getByTestId("notes-snapshot-name").fill("end of round 1");
    await amalPanel.getByTestId("notes-snapshot-save").click();
    const item = amalPanel.locator('[data-testid="notes-snapshot-item"][data-name="end of round 1"]');
    await item.waitFor();
    await item.getByTestId("notes-snapshot-view").click();
    await expect
      .poll(() => amalPanel.getByTestId("notes-snapshot-text").textContent())
      .toContain("- [Action] Pilot the hotline @Bo due:2026-03-01");

    // Leave now: nothing of the notes stays on Amal's device (IndexedDB, localStorage).
    const stored = (page: Page) =>
      page.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((db) => db.name ?? "").filter((name) => name.startsWith("notes:")),
        keys: Object.keys(localStorage).filter((key) => key.startsWith("workshop.notes.")),
      }));
    expect((await stored(amal.page)).databases).toContain(`notes:${await workshopIdOf(amal.page)}:${roomId}`);
    await amal.page.getByTestId("leave-now").click();
    await amal.page.waitForURL("**/exit");
    await expect.poll(() => stored(amal.page)).toEqual({ databases: [], keys: [] });

    // Nothing went wrong in any page (Bo's failed reconnects while offline aside).
    for (const person of [facilitator, amal, bo]) expect(unexpected(person.problems)).toEqual([]);
  });

  it("edits made offline survive a reload and are sent when the connection is back", { timeout: 120_000 }, async () => {
    const { facilitator, link } = await workshopWithPeople(browser(), {
      title: "Regional forum on safe migration",
      facilitator: "Fatima",
      people: [],
    });
    const { page } = facilitator;
    const context = page.context();
    // The app shell's service worker keeps the page for offline use.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
    const panel = notesPanel(page, "plenary");
    await panel.locator('[data-testid="notes-editor"][data-editable="true"]').waitFor();
    await typeAtEnd(page, "plenary", "Written online.");
    await panel.locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();

    await context.setOffline(true);
    await panel.locator('[data-testid="notes-sync-state"][data-state="offline"]').waitFor();
    const storedBefore = await storedUpdates(page, "plenary");
    await typeAtEnd(page, "plenary", " Written offline.");
    await expect.poll(async () => (await syncState(page, "plenary")).unsynced).toBe(" Written offline.".length);
    // Every keystroke is in the device's database (written asynchronously) before the reload.
    await expect
      .poll(() => storedUpdates(page, "plenary"))
      .toBeGreaterThanOrEqual(storedBefore + " Written offline.".length);

    // The page reloads while still offline: the shell opens on the kept state and says so; the
    // notes wait on the device.
    await page.reload();
    await page.getByTestId("offline-banner").waitFor();
    const unsyncedKey = await page.evaluate(() =>
      Object.keys(localStorage).find((key) => key.startsWith("workshop.notes.") && key.endsWith(".plenary.unsynced")),
    );
    expect(unsyncedKey).toBeDefined();
    expect(await page.evaluate((key) => localStorage.getItem(key), unsyncedKey as string)).toBe(
      String(" Written offline.".length),
    );

    // Back online: the edits kept on the device reach the server; someone else reads them.
    await context.setOffline(false);
    await panel.locator('[data-testid="notes-sync-state"][data-state="saved"]').waitFor();
    await waitForText(page, "plenary", "Written online. Written offline.");
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), unsyncedKey as string)).toBeNull();
    const reader = await openPerson(browser(), "Rea", 360);
    await joinByLink(reader, link);
    // A participant reads the plenary notes on demand, read-only.
    await notesPanel(reader.page, "plenary").getByTestId("notes-show").click();
    await waitForText(reader.page, "plenary", "Written online. Written offline.");
    await notesPanel(reader.page, "plenary").getByTestId("notes-readonly").waitFor();
    expect(await notesPanel(reader.page, "plenary").getByTestId("notes-marker-decision").count()).toBe(0);
    // No sideways scroll on a 360 px phone.
    expect(await reader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    for (const person of [facilitator, reader]) expect(unexpected(person.problems)).toEqual([]);
  });
});
