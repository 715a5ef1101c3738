import type { CommandName, CommandPayload, CommandResult } from "../../../shared/events.js";
import type { Ack } from "../../../shared/protocol.js";
import type { ClientErrorCode } from "../state/session.js";
import type { AppSocket } from "./socket.js";

export type CommandOutcome<C extends CommandName> =
  | { ok: true; data: CommandResult<C> }
  | { ok: false; error: { code: ClientErrorCode; message: string } };

/** Random id of one write; reused on retry so the server applies the write once. */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** socket.io's emitWithAck, seen through our command table (its own generic typing does not follow a generic C). */
type CommandEmitter = {
  emitWithAck<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<Ack<CommandResult<C>>>;
};

export type SendOptions = { timeoutMs?: number; attempts?: number };

/**
 * Sends one command and waits for its ack. A timeout is retried with the very same payload
 * (hence the same commandId), so a write that did reach the server is not applied twice.
 */
export async function sendCommand<C extends CommandName>(
  socket: AppSocket,
  name: C,
  payload: CommandPayload<C>,
  { timeoutMs = 10_000, attempts = 3 }: SendOptions = {},
): Promise<CommandOutcome<C>> {
  let lastCode: ClientErrorCode = "timeout";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const emitter = socket.timeout(timeoutMs) as unknown as CommandEmitter;
    try {
      return await emitter.emitWithAck(name, payload);
    } catch {
      // Timed out, or the socket dropped before the ack: socket.io buffers the retry until it reconnects.
      lastCode = socket.connected ? "timeout" : "network";
    }
  }
  return { ok: false, error: { code: lastCode, message: lastCode } };
}
