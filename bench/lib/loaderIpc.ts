import type { z } from "zod";

/**
 * The load generator's side of the IPC channel with its orchestrator (bench/run.ts,
 * bench/assign.ts, bench/votes.ts): every message from the orchestrator is parsed before it is
 * handled (an unreadable one is reported as fatal), and the generator stops when the
 * orchestrator goes away (crash, timeout), as there is nobody left to report to.
 */
export function orchestratorChannel<P extends { type: string }, M extends { type: string }>(
  schema: z.ZodType<P>,
  handlers: {
    handle(message: Exclude<P, { type: "close" }>): void;
    /** On "close": end every connection; the process exits 200 ms later. */
    close(): void;
  },
): (message: M) => void {
  const send = (message: M | { type: "fatal"; message: string }) => {
    process.send?.(message);
  };
  process.on("message", (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      send({ type: "fatal", message: `bad message from the orchestrator: ${parsed.error.message}` });
      return;
    }
    const message = parsed.data;
    if (message.type !== "close") {
      handlers.handle(message as Exclude<P, { type: "close" }>);
      return;
    }
    handlers.close();
    setTimeout(() => process.exit(0), 200);
  });
  process.on("disconnect", () => process.exit(0));
  return send;
}
