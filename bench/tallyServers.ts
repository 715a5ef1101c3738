import type { IncomingMessage } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { countersOf, resultsFromCounters } from "../server/domain/polls/counters.js";
import type { RoomId } from "../shared/ids.js";
import { type PollDefinition, PollDefinitionSchema, type PollResultsUpdate } from "../shared/poll.js";
import { bareSocketIo, exitOnSignal, startHttp } from "./lib/bareHttp.js";
import { BARE_POLL_ID, BARE_ROUND_ID, bareRoomId, votePoll } from "./lib/votePlan.js";

/**
 * The vote storm's baselines: one process, one poll, the tally in memory. No auth, no store,
 * no validation beyond the option existing; the voter is whoever the connection says it is.
 * The results message is built by the workshop server's own counters code, so it has the
 * same shape and size as the workshop's `poll:results`.
 *
 * TALLY_MODE
 * - naive: Socket.IO; every counted vote is broadcast to every connection at once.
 * - reference: Socket.IO; the tally is broadcast at most once per TALLY_INTERVAL_MS (100), only
 *   when it changed (the workshop feed's rule: the first change after a quiet interval goes at once).
 * - ceiling: raw `ws`, the reference's coalesced loop with the message encoded and framed once
 *   and written to every socket.
 *
 * TALLY_ROOMS (0): with n > 0 the poll is an every-room poll over n rooms and voter `v<i>` is
 * in room i % n, so each message carries combined + byRoom like the workshop's.
 *
 * Routes for the orchestrator: /poll (ids and options), /order (the counting order, the tally,
 * what was sent), /reset (forget every ballot: after the warm-up).
 */

const mode = process.env.TALLY_MODE;
if (mode !== "naive" && mode !== "reference" && mode !== "ceiling") {
  console.error("tallyServers: set TALLY_MODE to naive, reference or ceiling");
  process.exit(1);
}
const intervalMs = Number(process.env.TALLY_INTERVAL_MS ?? 100);
const roomCount = Number(process.env.TALLY_ROOMS ?? 0);
const roomIds: RoomId[] = Array.from({ length: roomCount }, (_, index) => bareRoomId(index));
const definition: PollDefinition = PollDefinitionSchema.parse(
  votePoll(roomCount > 0 ? { kind: "everyRoom", roundId: BARE_ROUND_ID } : { kind: "plenary" }),
);
const optionIds = new Set(definition.kind === "single" ? definition.options.map((option) => option.optionId) : []);

let counters = new Map<string, number>();
let ballots = new Map<string, { optionId: string; counters: string[] }>();
let order: string[] = [];
let tallyVersion = 0;
let lastSentVersion = -1;
let lastFlushAt = 0;
let timer: NodeJS.Timeout | null = null;
/** Results messages written: one per receiving connection. */
let sent = 0;
let broadcasts = 0;

type VoteAck =
  | { ok: true; data: { pollId: string; ballot: { kind: "single"; optionId: string }; changed: boolean } }
  | { ok: false; error: { code: string; message: string } };

function refuse(code: string, message: string): VoteAck {
  return { ok: false, error: { code, message } };
}

function roomOf(voter: string): RoomId | null {
  if (roomCount === 0) return null;
  return roomIds[Number(voter.slice(1)) % roomCount] ?? null;
}

/** One ballot per voter, replaced when it changes; counters kept as the workshop keeps them. */
function vote(voter: string | null, payload: unknown): { ack: VoteAck; counted: boolean } {
  if (!voter) return { ack: refuse("UNAUTHORIZED", "no voter"), counted: false };
  const body = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
  const ballot =
    typeof body.ballot === "object" && body.ballot !== null ? (body.ballot as Record<string, unknown>) : {};
  const optionId = ballot.optionId;
  if (body.pollId !== BARE_POLL_ID) return { ack: refuse("NOT_FOUND", "no such poll"), counted: false };
  if (ballot.kind !== "single" || typeof optionId !== "string" || !optionIds.has(optionId)) {
    return { ack: refuse("BAD_REQUEST", "not a ballot of this poll"), counted: false };
  }
  const counted = { kind: "single" as const, optionId };
  const previous = ballots.get(voter);
  const data = { pollId: BARE_POLL_ID, ballot: counted };
  if (previous?.optionId === optionId) return { ack: { ok: true, data: { ...data, changed: false } }, counted: false };
  for (const name of previous?.counters ?? []) counters.set(name, (counters.get(name) ?? 0) - 1);
  const names = countersOf(definition, counted, roomOf(voter));
  for (const name of names) counters.set(name, (counters.get(name) ?? 0) + 1);
  ballots.set(voter, { optionId, counters: names });
  if (!previous) order.push(voter);
  tallyVersion++;
  return { ack: { ok: true, data: { ...data, changed: true } }, counted: true };
}

function update(): PollResultsUpdate {
  return { pollId: BARE_POLL_ID, tallyVersion, results: resultsFromCounters(definition, counters, roomIds) };
}

const httpServer = startHttp(`tallyServers (${mode})`, {
  "/poll": () => ({ pollId: BARE_POLL_ID, options: [...optionIds], rooms: roomCount }),
  "/order": () => ({ order, ...update(), sent, broadcasts }),
  "/reset": () => {
    counters = new Map();
    ballots = new Map();
    order = [];
    tallyVersion = 0;
    lastSentVersion = -1;
    sent = 0;
    broadcasts = 0;
    return { ok: true };
  },
});

/** Sends the current tally to every connection (however the mode does it). */
let broadcast: () => void = () => {};

/** At most one broadcast per interval, only when the tally moved; the first change after a quiet interval goes at once. */
function schedule(): void {
  if (timer) return;
  timer = setTimeout(
    () => {
      timer = null;
      lastFlushAt = Date.now();
      if (tallyVersion === lastSentVersion) return;
      lastSentVersion = tallyVersion;
      broadcast();
    },
    Math.max(0, lastFlushAt + intervalMs - Date.now()),
  );
}

if (mode === "ceiling") {
  const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
  const send = (socket: WebSocket, frame: Buffer) => {
    if (socket.readyState === socket.OPEN) socket.send(frame, { binary: false });
  };
  broadcast = () => {
    // Encoded once; `ws` frames the same buffer for every socket.
    const frame = Buffer.from(JSON.stringify(["poll:results", update()]));
    broadcasts++;
    for (const socket of wss.clients) {
      send(socket, frame);
      sent++;
    }
  };
  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const voter = new URL(request.url ?? "/", "http://localhost").searchParams.get("voter");
    send(socket, Buffer.from(JSON.stringify(["poll:results", update()])));
    socket.on("message", (raw) => {
      let message: unknown;
      try {
        message = JSON.parse(raw.toString());
      } catch {
        return;
      }
      // ["poll:vote", ackId, payload] -> [ackId, ack]
      if (!Array.isArray(message) || message[0] !== "poll:vote") return;
      const { ack, counted } = vote(voter, message[2]);
      socket.send(JSON.stringify([message[1], ack]));
      if (counted) schedule();
    });
  });
  exitOnSignal(httpServer, (done) => {
    for (const socket of wss.clients) socket.terminate();
    wss.close(() => done());
  });
} else {
  const io = bareSocketIo(httpServer);
  broadcast = () => {
    broadcasts++;
    sent += io.engine.clientsCount;
    io.emit("poll:results", update());
  };
  io.on("connection", (socket) => {
    const voter = typeof socket.handshake.auth.voterId === "string" ? socket.handshake.auth.voterId : null;
    socket.emit("poll:results", update());
    socket.on("poll:vote", (payload: unknown, respond: unknown) => {
      if (typeof respond !== "function") return;
      const { ack, counted } = vote(voter, payload);
      respond(ack);
      if (!counted) return;
      if (mode === "naive") {
        lastSentVersion = tallyVersion;
        broadcast();
      } else schedule();
    });
  });
  exitOnSignal(httpServer, (done) => io.close(() => done()));
}
