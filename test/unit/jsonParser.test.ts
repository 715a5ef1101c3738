import { Encoder, PacketType } from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { JsonEventEncoder } from "../../server/realtime/jsonParser.js";

const standard = new Encoder();
const ours = new JsonEventEncoder();

describe("the JSON event encoder", () => {
  it("encodes the JSON-only events exactly as Socket.IO's own encoder does", () => {
    const packets = [
      { type: PacketType.EVENT, nsp: "/", data: ["workshop:events", { fromVersion: 1, toVersion: 2, events: [] }] },
      { type: PacketType.EVENT, nsp: "/", data: ["session:ready", { protocol: 1, serverTime: 5, text: 'a"\\b€' }] },
      { type: PacketType.EVENT, nsp: "/", data: ["poll:results", { pollId: "o1", tallyVersion: 3 }] },
      { type: PacketType.EVENT, nsp: "/admin", data: ["qna:changed", { questions: [] }] },
      { type: PacketType.EVENT, nsp: "/", data: ["breakout:counts", { roundId: "r", counts: { a: 1 } }] },
    ];
    for (const packet of packets) expect(ours.encode(packet)).toEqual(standard.encode(packet));
  });

  it("leaves binary events and acks to the standard encoding", () => {
    const update = new Uint8Array([1, 2, 3]);
    const notes = { type: PacketType.EVENT, nsp: "/", data: ["notes:update", { docId: "d", update }] };
    const encoded = ours.encode(notes);
    expect(encoded).toEqual(standard.encode(notes));
    expect(encoded.length).toBe(2);
    const ack = { type: PacketType.ACK, nsp: "/", id: 7, data: [{ ok: true, data: { state: update } }] };
    expect(ours.encode(ack)).toEqual(standard.encode(ack));
    expect(ours.encode(ack).length).toBe(2);
  });
});
