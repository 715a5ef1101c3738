import type { ZodError } from "zod";
import {
  type CommandName,
  type CommandResult,
  commands,
  isCommandName,
  type ParsedPayload,
} from "../../shared/events.js";
import type { Ack, ErrorBody } from "../../shared/protocol.js";
import type { Actor, CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { type AuthorizedInService, isAuthorizedInService, policy } from "../domain/policy.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { commandAnswered, commandStarted } from "./inflight.js";
import type { WorkshopSocket } from "./types.js";

/**
 * What a command handler gets: who sent it, already authorized by the policy table for this very
 * command (the actor and workshop read fresh), the write's identity when it writes, and the parsed
 * payload. A command its service authorizes itself (the vote's fast path) gets only who sent it.
 */
export interface HandlerInput<C extends CommandName> {
  who: C extends AuthorizedInService ? Actor : CommandContext;
  command: CommandRef;
  payload: ParsedPayload<C>;
  socket: WorkshopSocket;
}

export type CommandHandler<C extends CommandName> = (input: HandlerInput<C>) => Promise<CommandResult<C>>;

export interface DefinedHandler {
  name: CommandName;
  /** Runs one incoming command (`args`: the payload and the ack callback as sent) and answers it exactly once. */
  handle(socket: WorkshopSocket, args: unknown[], context: HandlerContext): Promise<void>;
}

export interface HandlerContext {
  logger: Logger;
  metrics: Metrics;
  /** Refuses floods per connection before any work is done. */
  allowCommand(socket: WorkshopSocket): boolean;
  /** The policy table's decision for a command, with the actor and workshop read fresh (Authorizer). */
  authorize(command: CommandName, who: Actor): Promise<CommandContext>;
  /** A write command succeeded in this workshop (its retention idle clock starts again). */
  activity?(workshopId: string): void;
  /**
   * The most a command may take before its ack, all its store round trips together
   * (REDIS_COMMAND_TIMEOUT_MS): past it the ack is UNAVAILABLE and the client may retry with
   * the same commandId (a write that still lands is applied once).
   */
  deadlineMs: number;
}

type AckFn = (response: Ack<unknown>) => void;

/**
 * The one path every command takes: payload shape, zod parse, rate limit, the handler
 * (which authorizes through the policy table), and exactly one ack. Nothing a client sends
 * can crash the process: a missing or malformed ack callback, junk payloads and thrown
 * errors all end here.
 */
export function defineHandler<C extends CommandName>(name: C, run: CommandHandler<C>): DefinedHandler {
  return {
    name,
    async handle(socket, args, context) {
      const ack = takeAck(args);
      if (!ack) {
        // Without a callback nobody could learn the outcome: refuse to act, quietly.
        context.metrics.commands.inc({ command: name, outcome: "NO_ACK" });
        return;
      }
      const stopTimer = context.metrics.commandSeconds.startTimer({ command: name });
      commandStarted(socket);
      let response: Awaited<ReturnType<typeof runCommand>>;
      try {
        response = await runCommand(name, run, socket, args, context);
      } catch (error) {
        commandAnswered(socket);
        throw error;
      }
      stopTimer();
      const outcome = response.ok ? "ok" : response.error.code;
      // Activity is a write only a running workshop accepts: nothing after its end (or its
      // deletion) can postpone the retention clock.
      if (response.ok && commands[name].write && !policy[name].allowedWhenEnded) {
        context.activity?.(socket.data.workshopId);
      }
      context.metrics.commands.inc({ command: name, outcome });
      context.logger.debug(
        // No participant id: "who ran qna:ask when" would tie a person to an anonymous question.
        { command: name, outcome, workshopId: socket.data.workshopId },
        "command",
      );
      ack(response);
      // After the ack: a revoke waiting for this socket's answers may disconnect it now.
      commandAnswered(socket);
    },
  };
}

/** Every command's handler by name, built once per server and shared by every socket. */
export type CommandTable = ReadonlyMap<string, DefinedHandler>;

export function commandTable(handlers: readonly DefinedHandler[]): CommandTable {
  const table = new Map<string, DefinedHandler>();
  for (const handler of handlers) {
    if (table.has(handler.name)) throw new Error(`two handlers for ${handler.name}`);
    table.set(handler.name, handler);
  }
  // A command in the protocol without a handler would answer UNKNOWN_EVENT: refuse to start instead.
  const missing = Object.keys(commands).filter((name) => !table.has(name));
  if (missing.length > 0) throw new Error(`no handler for ${missing.join(", ")}`);
  return table;
}

/**
 * One listener per socket routes every incoming event through the shared table: a listener per
 * command per socket was about a hundred closures and an event map per connection (kilobytes
 * each, thousands of connections per node). Events outside the command table get
 * UNKNOWN_EVENT (when they brought a callback).
 */
export function attachCommands(socket: WorkshopSocket, table: CommandTable, context: HandlerContext): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const handler = typeof event === "string" && isCommandName(event) ? table.get(event) : undefined;
    if (handler) {
      // handle() answers every failure itself; what escapes is a bug, reported the way Socket.IO would.
      handler.handle(socket, args, context).catch((error: unknown) => {
        context.logger.error({ err: error instanceof Error ? error.message : String(error) }, "command failed");
      });
      return;
    }
    context.metrics.commands.inc({ command: "unknown", outcome: "UNKNOWN_EVENT" });
    takeAck(args)?.({ ok: false, error: { code: "UNKNOWN_EVENT", message: "no such command" } });
  });
}

/**
 * The command's answer, or UNAVAILABLE once `deadlineMs` has passed, however many store round
 * trips it was waiting on. The work itself is not cancelled: a write that lands later is
 * recorded under its commandId, and the client's retry gets its first result.
 */
async function withinDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DomainError("UNAVAILABLE", "the server could not finish this in time; try again")),
      deadlineMs,
    );
  });
  // Settled after the deadline answered: nobody waits for it any more.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCommand<C extends CommandName>(
  name: C,
  run: CommandHandler<C>,
  socket: WorkshopSocket,
  args: unknown[],
  context: HandlerContext,
): Promise<Ack<unknown>> {
  try {
    if (!context.allowCommand(socket)) {
      return failure({ code: "RATE_LIMITED", message: "too many commands, slow down" });
    }
    if (args.length !== 1) return failure({ code: "BAD_REQUEST", message: "expected exactly one payload argument" });
    const parsed = commands[name].payload.safeParse(args[0]);
    if (!parsed.success) return failure(describeInvalid(parsed.error));
    const payload = parsed.data as ParsedPayload<C>;
    const actor: Actor = { workshopId: socket.data.workshopId, participantId: socket.data.participantId };
    const work = (async () => {
      // Every command is authorized here, as the command it is: role, state, the actor still in.
      const who = (
        isAuthorizedInService(name) ? actor : await context.authorize(name, actor)
      ) as HandlerInput<C>["who"];
      const commandId = "commandId" in payload && typeof payload.commandId === "string" ? payload.commandId : "";
      return run({ who, command: { actorId: actor.participantId, commandId }, payload, socket });
    })();
    const data = await withinDeadline(work, context.deadlineMs);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "SESSION_REVOKED") setImmediate(() => socket.disconnect(true));
      return failure({ code: error.code, message: error.message });
    }
    context.logger.error(
      { command: name, err: error instanceof Error ? error.message : String(error) },
      "command failed unexpectedly",
    );
    return failure({ code: "INTERNAL", message: "something went wrong on the server" });
  }
}

function takeAck(args: unknown[]): AckFn | null {
  const last = args[args.length - 1];
  if (typeof last !== "function") return null;
  args.pop();
  let answered = false;
  return (response) => {
    if (answered) return;
    answered = true;
    (last as AckFn)(response);
  };
}

function failure(error: ErrorBody): Ack<never> {
  return { ok: false, error };
}

/** Names the first offending field without echoing what was sent (it may be personal text). */
function describeInvalid(error: ZodError): ErrorBody {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "payload";
  return { code: "BAD_REQUEST", message: `invalid ${where}: ${issue?.message ?? "malformed"}` };
}
