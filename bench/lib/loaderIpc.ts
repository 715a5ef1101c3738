import { z } from "zod";

/**
 * The IPC channel between a bench's orchestrator and its load generators, and the three
 * messages the channel itself owns whatever the bench: "ready" (the generator listens),
 * "fatal" (it cannot go on) and "close" (stop now). Every bench's message schemas include
 * them, so both sides parse them as they parse the rest.
 */

export const ReadyMessageSchema = z.object({ type: z.literal("ready") });
export const FatalMessageSchema = z.object({ type: z.literal("fatal"), message: z.string() });
export const CloseMessageSchema = z.object({ type: z.literal("close") });

/**
 * One handler per message type the orchestrator sends, each given its own message (a type
 * without a handler does not compile), and `close` for "close".
 */
export type OrchestratorHandlers<P extends { type: string }> = {
  [T in Exclude<P["type"], "close">]: (message: Extract<P, { type: T }>) => void;
} & {
  /** On "close": end every connection; the process exits 200 ms later. */
  close(): void;
};

/**
 * The load generator's side of the channel (bench/loadClient.ts, assignClient.ts,
 * voteClient.ts, reactionClient.ts, notesClient.ts, forumClient.ts): every message from the
 * orchestrator is parsed, then handed to its type's handler (an unreadable one is reported as
 * fatal); "ready" goes out once the handlers are in place, and the generator stops when the
 * orchestrator goes away (crash, timeout), as there is nobody left to report to. Returns the
 * generator's `send`.
 */
export function orchestratorChannel<P extends { type: string }, M extends { type: string }>(
  schema: z.ZodType<P>,
  handlers: OrchestratorHandlers<P>,
): (message: M) => void {
  const send = (message: M | z.infer<typeof ReadyMessageSchema> | z.infer<typeof FatalMessageSchema>) => {
    process.send?.(message);
  };
  const handlerOf = handlers as unknown as Record<string, (message: P) => void>;
  process.on("message", (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      send({ type: "fatal", message: `bad message from the orchestrator: ${parsed.error.message}` });
      return;
    }
    const message = parsed.data;
    if (message.type !== "close") {
      handlerOf[message.type]?.(message);
      return;
    }
    handlers.close();
    setTimeout(() => process.exit(0), 200);
  });
  process.on("disconnect", () => process.exit(0));
  // Sent on the next turn: whatever the generator's module still sets up runs first.
  setImmediate(() => send({ type: "ready" }));
  return send;
}
