import type { WorkshopId } from "../../shared/ids.js";
import type { ServerKeys, VoterKeys } from "../security/serverKeys.js";
import type { WorkshopStore } from "../store/workshop/port.js";

/** How long a node trusts its copy of a workshop's voter keys before asking the store again. */
const MAX_AGE_MS = 60_000;

/**
 * This node's copy of each workshop's anonymous voter keys (ServerKeys.voterKeys of the
 * workshop's salt): a vote or an upvote must not cost an extra store round trip. The salt is
 * read (made, while the workshop runs) once; the copy is dropped when the workshop ends (the
 * end destroys the salt in the store, and then no node should hold what it unlocked) and
 * after a minute, in case this node missed the end.
 */
export class VoterKeyring {
  private readonly copies = new Map<WorkshopId, { keys: Promise<VoterKeys | null>; readAt: number }>();

  constructor(
    private readonly store: WorkshopStore,
    private readonly serverKeys: ServerKeys,
    private readonly now: () => number = Date.now,
  ) {}

  /** The workshop's voter keys, or null once it ended (nobody can find an anonymous ballot's voter any more). */
  keysFor(workshopId: WorkshopId): Promise<VoterKeys | null> {
    const copy = this.copies.get(workshopId);
    if (copy && this.now() - copy.readAt < MAX_AGE_MS) return copy.keys;
    const keys = this.store
      .voterSalt(workshopId)
      .then((salt) => (salt === null ? null : this.serverKeys.voterKeys(workshopId, salt)));
    const entry = { keys, readAt: this.now() };
    this.copies.set(workshopId, entry);
    // A failed read (store away) or an ended workshop is not kept: ask again next time.
    keys.then(
      (found) => {
        if (found === null && this.copies.get(workshopId) === entry) this.copies.delete(workshopId);
      },
      () => {
        if (this.copies.get(workshopId) === entry) this.copies.delete(workshopId);
      },
    );
    return keys;
  }

  forget(workshopId: WorkshopId): void {
    this.copies.delete(workshopId);
  }
}
