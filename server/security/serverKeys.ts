import { createHmac, createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import type { ParticipantId, WorkshopId } from "../../shared/ids.js";

/** Shortest ANONYMITY_KEY accepted: 32 characters (e.g. `openssl rand -base64 32` gives 44). */
export const ANONYMITY_KEY_MIN_LENGTH = 32;

/**
 * The server's own key material, derived from ANONYMITY_KEY, which lives in the configuration
 * of every node and never in Redis (docs/SECURITY.md). Everything that could tie a person to
 * what they did anonymously, or to a command they sent, is a keyed hash under it: someone
 * holding a copy of Redis (a dump, an AOF, a backup, a replica) cannot recompute any of them,
 * even knowing every participant id.
 *
 * Each use has its own subkey, so a hash made for one purpose can never be matched against
 * another's. Hashes are cut to 128 bits: far beyond any collision at a forum's size.
 */
export class ServerKeys {
  private readonly commandKey: KeyObject;
  private readonly voterRootKey: KeyObject;
  private readonly addressKey: KeyObject;

  constructor(secret: string) {
    if (secret.length < ANONYMITY_KEY_MIN_LENGTH) {
      throw new Error(`ANONYMITY_KEY must be at least ${ANONYMITY_KEY_MIN_LENGTH} characters`);
    }
    const root = createSecretKey(Buffer.from(secret, "utf8"));
    this.commandKey = derive(root, "command records v1");
    this.voterRootKey = derive(root, "anonymous voters v1");
    this.addressKey = derive(root, "client addresses v1");
  }

  /** A one-process key (the in-memory store, tests): nothing outside this process could use it anyway. */
  static random(): ServerKeys {
    return new ServerKeys(randomBytes(32).toString("base64url"));
  }

  /**
   * The id a write's first result is kept under for retries. Not the person's id: a record of
   * an anonymous vote or question must not say whose it is, and no record should.
   */
  commandRecordId(workshopId: WorkshopId, actorId: string, commandId: string): string {
    return mac(this.commandKey, `${workshopId}|${actorId}|${commandId}`);
  }

  /**
   * The keys of one workshop's anonymous voters, from its salt (random, stored in Redis, deleted
   * when the workshop ends) and this server key (never stored). Without both nobody can find
   * whose an anonymous ballot or upvote is; once the salt is gone, nobody ever can.
   */
  voterKeys(workshopId: WorkshopId, salt: string): VoterKeys {
    return new VoterKeys(derive(this.voterRootKey, `${workshopId}|${salt}`));
  }

  /** A client address as rate limits count it: never the address itself (it is personal data). */
  addressId(address: string): string {
    return mac(this.addressKey, address);
  }
}

/** One workshop's anonymous voter keys (see ServerKeys.voterKeys). */
export class VoterKeys {
  constructor(private readonly key: KeyObject) {}

  /** Where an anonymous poll keeps a person's ballot: one per person per poll, and only they can find it. */
  ballot(pollId: string, participantId: ParticipantId): string {
    return mac(this.key, `ballot|${pollId}|${participantId}`);
  }

  /** Who upvoted a question, as a key only the server can recompute while the workshop runs. */
  upvote(questionId: string, participantId: ParticipantId): string {
    return mac(this.key, `upvote|${questionId}|${participantId}`);
  }
}

/**
 * Keys are KeyObjects, made once: given a Buffer, createHmac makes a key object from it on every
 * call, which measured 15 µs per hash against 1.7 µs (Node 24), and every vote hashes two or three
 * times (its command record, its voter key).
 */
function derive(key: KeyObject, label: string): KeyObject {
  return createSecretKey(createHmac("sha256", key).update(label).digest());
}

function mac(key: KeyObject, message: string): string {
  return createHmac("sha256", key).update(message).digest("hex").slice(0, 32);
}
