import { Decoder, Encoder, type Packet, PacketType } from "socket.io-parser";
import type { ServerEventName } from "../../shared/events.js";

/**
 * Events whose payloads are JSON by construction (zod objects of strings, numbers, booleans):
 * never a Uint8Array. Notes events and command acks carry binary and are not listed.
 */
const JSON_ONLY_EVENTS: ReadonlySet<string> = new Set<ServerEventName>([
  "session:ready",
  "workshop:events",
  "breakout:counts",
  "poll:results",
  "qna:changed",
]);

/** The parent's string encoding (same wire format), which TypeScript marks private. */
type StringEncoder = { encodeAsString(packet: Packet): string };

/**
 * Socket.IO's own encoder minus one walk: before it stringifies an event it searches the whole
 * payload for binary. For the big JSON-only events (a newcomer's snapshot of every participant,
 * the event batches everyone receives) that walk finds nothing and cost ~11 % of a node's CPU in
 * the join storm (docs/PERFORMANCE.md). Those are encoded as strings at once; everything else
 * (notes updates, acks) goes the standard way. Same wire format, same decoder: clients unchanged.
 */
export class JsonEventEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Buffer | ArrayBuffer> {
    const event = packet.type === PacketType.EVENT && Array.isArray(packet.data) ? packet.data[0] : undefined;
    if (typeof event === "string" && JSON_ONLY_EVENTS.has(event)) {
      return [(this as unknown as StringEncoder).encodeAsString(packet)];
    }
    return super.encode(packet);
  }
}

/** The `parser` option of the Socket.IO server. */
export const jsonEventParser = { Encoder: JsonEventEncoder, Decoder };
