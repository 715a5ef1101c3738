import { z } from "zod";

/** Socket.IO packets and payload bytes of one kind (see kindOf), summed: a cell of the bytes-by-kind tables. */
export const KindCountSchema = z.object({ messages: z.number(), bytes: z.number() });
export type KindCount = z.infer<typeof KindCountSchema>;

/** What an Engine.IO packet is, for the bytes-by-kind tables: Socket.IO event name or packet type. */
export function kindOf(type: string, data: unknown): string {
  if (type !== "message") return `engine:${type}`;
  if (typeof data !== "string") return "binary";
  switch (data[0]) {
    case "0":
      return "sio:connect";
    case "1":
      return "sio:disconnect";
    case "2":
      return /^2\d*\["([^"]{1,64})"/.exec(data.slice(0, 80))?.[1] ?? "sio:event";
    case "3":
      return "sio:ack";
    case "4":
      return "sio:connect_error";
    default:
      return "sio:other";
  }
}

/** Payload bytes of one WebSocket message: the Engine.IO type digit plus the encoded packet. */
export function packetBytes(data: unknown): number {
  if (typeof data === "string") return 1 + Buffer.byteLength(data);
  if (Buffer.isBuffer(data)) return data.length;
  if (data instanceof ArrayBuffer) return data.byteLength;
  return 1;
}
