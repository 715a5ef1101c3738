import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type ParticipantId, type WorkshopId } from "../../shared/ids.js";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newWorkshopId = (): WorkshopId => `w${randomString(ID_ALPHABET, 15)}`;
export const newParticipantId = (): ParticipantId => `p${randomString(ID_ALPHABET, 15)}`;
export const newJoinCode = (): string => randomString(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/** 256 random bits. The workshop id in front routes lookups to the workshop's keys; it is not secret. */
export const newSessionToken = (workshopId: WorkshopId): string =>
  `${workshopId}.${randomBytes(32).toString("base64url")}`;
export const newFacilitatorKey = (workshopId: WorkshopId): string =>
  `fk.${workshopId}.${randomBytes(32).toString("base64url")}`;

/** Secrets are stored only as this hash. They carry 256 random bits, so a fast hash is enough. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

export function secretMatchesHash(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
