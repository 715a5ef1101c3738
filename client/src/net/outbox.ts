import { signal } from "@preact/signals";
import type { CommandName, CommandPayload, CommandResult } from "../../../shared/events.js";
import { qnaState } from "../state/qnaState.js";
import { type ClientErrorCode, notice, socketStatus } from "../state/session.js";
import { applySupportRequest } from "../state/supportState.js";
import { workshopState } from "../state/workshopState.js";
import { type CommandOutcome, sendCommand } from "./commands.js";
import { followConnection } from "./connectionFollowers.js";
import { connection } from "./connectionState.js";

/**
 * What a person does while offline is kept, not lost: votes, questions, upvotes, help and support
 * requests and support messages wait here (in the tab's sessionStorage, so a reload offline keeps
 * them) with their command ids, and are sent when the session is back; the server applies each
 * command id once, so an entry sent twice (a reload raced an ack) still counts once. A refusal
 * (the poll closed meanwhile) is shown like any other. Anything else a person does needs the
 * connection and says so.
 */
const QUEUED = ["poll:vote", "qna:ask", "qna:upvote", "help:request", "support:request", "support:message"] as const;
export type QueuedCommand = (typeof QUEUED)[number];

const KEY = "workshop.outbox";
/** Sent more than a day ago and still not answered: the moment has passed, the entry is dropped. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A connected socket that did not answer in time is asked again after this pause. */
const RETRY_MS = 2000;

interface Entry {
  name: QueuedCommand;
  payload: CommandPayload<QueuedCommand>;
  queuedAt: number;
}

/** How many commands wait to be sent (the offline banner says so). */
export const waitingToSend = signal(0);
/** Command ids being sent by this page now (a reload's flush must not send them a second time meanwhile). */
const inFlight = new Set<string>();

export function isQueued(name: CommandName): name is QueuedCommand {
  return (QUEUED as readonly string[]).includes(name);
}

/** Sends a command through the outbox: kept until it is answered, however long the connection is away. */
export async function sendQueued<C extends QueuedCommand>(
  name: C,
  payload: CommandPayload<C>,
): Promise<CommandOutcome<C> | null> {
  const entry: Entry = { name, payload, queuedAt: Date.now() };
  write([...read().filter((known) => idOf(known) !== idOf(entry)), entry]);
  return deliver(entry) as Promise<CommandOutcome<C> | null>;
}

/** After every `session:ready`: sends what an earlier page of this tab left waiting, applying the answers here. */
export function startOutbox(): () => void {
  waitingToSend.value = read().length;
  return followConnection({
    ready: () => {
      for (const entry of read()) {
        if (inFlight.has(idOf(entry))) continue;
        void deliver(entry).then((outcome) => {
          if (outcome?.ok) applyReplayed(entry, outcome.data);
          // Nobody is waiting for this answer on the page: a refusal is said in the workshop's notice.
          else if (outcome) notice.value = outcome.error.code;
        });
      }
    },
    lost: () => {},
    event: () => {},
  });
}

async function deliver(entry: Entry): Promise<CommandOutcome<QueuedCommand> | null> {
  const id = idOf(entry);
  inFlight.add(id);
  try {
    for (;;) {
      if (connection.stopped || Date.now() - entry.queuedAt > MAX_AGE_MS) {
        forget(id);
        return null;
      }
      await whenConnected();
      const socket = connection.socket;
      if (!socket) continue;
      const outcome = await sendCommand(socket, entry.name, entry.payload as never, { attempts: 1 });
      if (outcome.ok || !isTransient(outcome.error.code)) {
        forget(id);
        return outcome as CommandOutcome<QueuedCommand>;
      }
      if (socket.connected) await pause(RETRY_MS);
    }
  } finally {
    inFlight.delete(id);
  }
}

function isTransient(code: ClientErrorCode): boolean {
  return code === "network" || code === "timeout" || code === "UNAVAILABLE";
}

/** Resolves once the session is connected (at once when it is). */
function whenConnected(): Promise<void> {
  if (socketStatus.peek() === "connected" && connection.socket?.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = socketStatus.subscribe((status) => {
      if (status !== "connected") return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/** What the page that sent it would have done with the answer, for entries a reload left behind. */
function applyReplayed(entry: Entry, data: CommandResult<QueuedCommand>): void {
  switch (entry.name) {
    case "poll:vote": {
      const vote = data as CommandResult<"poll:vote">;
      workshopState.recordBallot(vote.pollId, vote.ballot);
      break;
    }
    case "qna:ask":
      qnaState.addOwn((data as CommandResult<"qna:ask">).question, (entry.payload as CommandPayload<"qna:ask">).secret);
      break;
    case "qna:upvote": {
      const upvote = data as CommandResult<"qna:upvote">;
      qnaState.recordVote(upvote.questionId, upvote.up, upvote.votes);
      break;
    }
    case "support:request":
    case "support:message":
      applySupportRequest(data as CommandResult<"support:request">);
      break;
    case "help:request":
      break;
  }
}

function idOf(entry: Entry): string {
  return entry.payload.commandId;
}

function forget(id: string): void {
  write(read().filter((entry) => idOf(entry) !== id));
}

function read(): Entry[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function write(entries: readonly Entry[]): void {
  waitingToSend.value = entries.length;
  try {
    if (entries.length === 0) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage refused: the entries still go out from this page; only a reload would lose them.
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<Entry>;
  return (
    typeof entry.name === "string" &&
    (QUEUED as readonly string[]).includes(entry.name) &&
    typeof entry.queuedAt === "number" &&
    typeof entry.payload === "object" &&
    entry.payload !== null &&
    typeof (entry.payload as { commandId?: unknown }).commandId === "string"
  );
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
