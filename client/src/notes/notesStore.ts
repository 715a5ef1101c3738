/**
 * What this device keeps of shared notes, and how it forgets it. Deliberately free of Yjs:
 * the session code imports this to wipe notes on "Leave now" without loading the editor.
 *
 * - IndexedDB: one database per document, `notes:<workshopId>:<docId>` (y-indexeddb), so
 *   edits made offline survive a reload and merge on reconnect.
 * - localStorage: per document, how many local edits the server has not acknowledged yet
 *   (the sync engine's `unsynced`, kept across a reload), and per workshop the list of
 *   databases this device created (so they can be deleted where `indexedDB.databases()` is
 *   missing).
 * Storage can throw (private modes, disabled storage): then notes work until a reload.
 */
const PREFIX = "workshop.notes.";
const DB_PREFIX = "notes:";

export function notesDatabaseName(workshopId: string, docId: string): string {
  return `${DB_PREFIX}${workshopId}:${docId}`;
}

function unsyncedKey(workshopId: string, docId: string): string {
  return `${PREFIX}${workshopId}.${docId}.unsynced`;
}

function databasesKey(workshopId: string): string {
  return `${PREFIX}${workshopId}.databases`;
}

/** Local edits of this document the server had not acknowledged when the page last saw it. */
export function readUnsynced(workshopId: string, docId: string): number {
  try {
    const value = Number(localStorage.getItem(unsyncedKey(workshopId, docId)));
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

export function writeUnsynced(workshopId: string, docId: string, unsynced: number): void {
  try {
    if (unsynced > 0) localStorage.setItem(unsyncedKey(workshopId, docId), String(unsynced));
    else localStorage.removeItem(unsyncedKey(workshopId, docId));
  } catch {
    // Not fatal: the count is kept in memory until the page reloads.
  }
}

function unsavedSinceKey(workshopId: string, docId: string): string {
  return `${PREFIX}${workshopId}.${docId}.unsavedSince`;
}

/** Since when this document has had local edits the server has not acknowledged (ms), kept across a reload. */
export function readUnsavedSince(workshopId: string, docId: string): number | null {
  try {
    const value = Number(localStorage.getItem(unsavedSinceKey(workshopId, docId)));
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export function writeUnsavedSince(workshopId: string, docId: string, since: number | null): void {
  try {
    if (since === null) localStorage.removeItem(unsavedSinceKey(workshopId, docId));
    else localStorage.setItem(unsavedSinceKey(workshopId, docId), String(since));
  } catch {
    // Not fatal: said from this page's memory until a reload.
  }
}

/** Notes that this device created a database for (called before the database is opened). */
export function rememberDatabase(workshopId: string, docId: string): void {
  try {
    const key = databasesKey(workshopId);
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    const names = Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
    const name = notesDatabaseName(workshopId, docId);
    if (!names.includes(name)) localStorage.setItem(key, JSON.stringify([...names, name]));
  } catch {
    // indexedDB.databases() still finds it when the device is wiped.
  }
}

/** Closes the documents open in this page (registered by the editor once it is loaded), so deleting is not blocked. */
let closeOpenDocuments: (workshopId?: string) => void = () => {};

export function setNotesCloser(closer: (workshopId?: string) => void): void {
  closeOpenDocuments = closer;
}

/**
 * Forgets every note this device holds (of one workshop, or of all): the open documents are
 * closed, their databases deleted and the stored counts removed. After a quick exit or the
 * end of the session nothing on the device should keep what was written. Local edits that
 * never reached the server are lost with it: that is the point of leaving at once.
 */
export function forgetNotesOnDevice(workshopId?: string): void {
  try {
    closeOpenDocuments(workshopId);
  } catch {
    // Deleting below still works once the page is gone.
  }
  const keyPrefix = workshopId ? `${PREFIX}${workshopId}.` : PREFIX;
  const dbPrefix = workshopId ? `${DB_PREFIX}${workshopId}:` : DB_PREFIX;
  const names = new Set<string>();
  try {
    const doomed: string[] = [];
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (!key?.startsWith(keyPrefix)) continue;
      doomed.push(key);
      if (key.endsWith(".databases")) {
        const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
        if (Array.isArray(parsed)) for (const name of parsed) if (typeof name === "string") names.add(name);
      }
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
  try {
    if (typeof indexedDB === "undefined") return;
    for (const name of names) if (name.startsWith(dbPrefix)) indexedDB.deleteDatabase(name);
    // Also those this list missed (storage cleared by hand, another tab): where the browser can list them.
    void indexedDB
      .databases?.()
      .then((all) => {
        for (const { name } of all) if (name?.startsWith(dbPrefix) && !names.has(name)) indexedDB.deleteDatabase(name);
      })
      .catch(() => {});
  } catch {
    // IndexedDB unavailable: nothing was stored in it.
  }
}
