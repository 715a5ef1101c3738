import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { benchLogger, helpIfAsked, machine, numberEnv, startNode } from "./lib/cluster.js";
import { runMain } from "./lib/processes.js";
import { format, machineText, publish, writeBetweenMarkers } from "./lib/report.js";

/**
 * What Socket.IO's perMessageDeflate would save and cost, on the messages this server really
 * sends: a newcomer's `session:ready` at forum size (BENCH_SIZES people, a breakout round of
 * BENCH_ROOMS rooms assigned and open, a poll voted on), and the batches a participant receives
 * while people join, the round is assigned and opened, and the poll is voted on. Each message goes
 * through ws's own permessage-deflate (the code path a Socket.IO server with `perMessageDeflate`
 * uses, default zlib settings, context takeover as browsers negotiate it), one deflate context
 * per simulated connection, messages under the threshold sent plain (as ws does without context
 * takeover; with it, ws deflates every message whatever the threshold: docs/PERFORMANCE.md).
 * Baseline in the same run: JSON.stringify of the same messages, the
 * encoding every message costs anyway. Also: zlib memory a connection keeps once it has sent one
 * compressed message. Writes its section of docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

const settings = {
  sizes: (process.env.BENCH_SIZES ?? "338,2000").split(",").map((size) => {
    const people = Number(size.trim());
    if (!Number.isInteger(people) || people < 2)
      throw new Error(`BENCH_SIZES: "${size}" is not a number of people >= 2`);
    return people;
  }),
  rooms: Math.floor(numberEnv("BENCH_ROOMS", 34, 1)),
  /** Voters in the poll (at most the people). */
  voters: Math.floor(numberEnv("BENCH_VOTERS", 300, 0)),
  /** Thresholds (bytes) compared: messages smaller than this are sent uncompressed. */
  thresholds: (process.env.BENCH_THRESHOLDS ?? "1024,4096,16384").split(",").map(Number),
  /** Simulated connections each message sequence is compressed for (CPU), and whose memory is measured. */
  connections: Math.floor(numberEnv("BENCH_CONNECTIONS", 200, 1)),
  write: process.env.BENCH_WRITE !== "0",
};

helpIfAsked(
  `npm run bench:deflate: bytes on the wire and CPU of Socket.IO's perMessageDeflate (ws's permessage-deflate,
default zlib settings) on the messages a workshop server sends: a newcomer's session:ready at forum
sizes, and the event batches a participant receives; against JSON encoding of the same messages.`,
  {
    BENCH_SIZES: `people in the workshop, comma-separated (default 338,2000), now ${settings.sizes.join(",")}`,
    BENCH_THRESHOLDS: `perMessageDeflate thresholds in bytes (default 1024,4096,16384), now ${settings.thresholds.join(",")}`,
  },
);

const DEFLATE_START = "<!-- bench:deflate:start -->";
const DEFLATE_END = "<!-- bench:deflate:end -->";

/** ws's permessage-deflate extension (not in its public exports; the same module its server uses). */
interface PerMessageDeflate {
  accept(offers: Array<Record<string, unknown>>): unknown;
  compress(data: Buffer, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  cleanup(): void;
}
/** The ws that engine.io (Socket.IO's transport) loads, and its extension module by path (ws does not export it). */
const engineRequire = createRequire(createRequire(import.meta.url).resolve("engine.io"));
const wsDir = path.dirname(engineRequire.resolve("ws"));
const wsVersion = (engineRequire(path.join(wsDir, "package.json")) as { version: string }).version;
const PerMessageDeflateClass = engineRequire(path.join(wsDir, "lib/permessage-deflate.js")) as new (
  options: Record<string, unknown>,
) => PerMessageDeflate;

/** A server-side deflate context as a browser's offer (`permessage-deflate; client_max_window_bits`) negotiates it. */
function serverDeflate(threshold: number): PerMessageDeflate {
  // As ws's server makes it from Socket.IO's `perMessageDeflate` option.
  const extension = new PerMessageDeflateClass({ threshold, isServer: true, maxPayload: 0 });
  extension.accept([{ client_max_window_bits: [true] }]);
  return extension;
}

function compress(extension: PerMessageDeflate, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    extension.compress(data, true, (error, result) => (error || !result ? reject(error) : resolve(result)));
  });
}

/** WebSocket frame header of a server frame (servers do not mask): 2, 4 or 10 bytes. */
function frameHeader(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** One WebSocket message as the server sent it: the Engine.IO packet text, and the event it carried. */
interface Captured {
  text: string;
  event: string;
  /** The decoded arguments, for the JSON baseline. */
  args: unknown;
}

type Client = Socket;

/** Records every message packet a client receives, as the text the server wrote to the WebSocket. */
function capture(socket: Client, into: Captured[]): void {
  socket.io.on("open", () => {
    socket.io.engine.on("packet", (packet: { type: string; data?: unknown }) => {
      if (packet.type !== "message" || typeof packet.data !== "string") return;
      const text = `4${packet.data}`;
      const json = packet.data.replace(/^\d+/, "");
      let event = "other";
      let args: unknown = null;
      try {
        args = JSON.parse(json);
        if (Array.isArray(args) && typeof args[0] === "string") event = args[0];
      } catch {
        // A connect or ack packet without JSON: counted as other.
      }
      into.push({ text, event, args });
    });
  });
}

/** A workshop node (server/main.ts, in-memory store) as its own process, with the door limits lifted. */
async function startWorkshopNode(logDir: string) {
  const node = await startNode(logDir, "workshop", 0, {
    LOG_LEVEL: "warn",
    RATE_CREATE_PER_HOUR: "100000",
    RATE_JOIN_FAILURES_PER_HOUR: "100000",
    RATE_JOINS_PER_ADDRESS_PER_MINUTE: "1000000",
    RATE_JOINS_PER_WORKSHOP_PER_MINUTE: "1000000",
  });
  return { url: node.url, close: () => node.stop() };
}

function connect(url: string, auth: Record<string, unknown>, into?: Captured[]): Promise<Client> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 60_000, auth });
  if (into) capture(socket, into);
  return new Promise((resolve, reject) => {
    socket.once("session:ready", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

async function command(socket: Client, name: string, payload: Record<string, unknown>): Promise<unknown> {
  const answer = (await socket.timeout(60_000).emitWithAck(name, { commandId: randomUUID(), ...payload })) as {
    ok: boolean;
    data?: unknown;
    error?: { code: string };
  };
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.code}`);
  return answer.data;
}

/** Who receives: a participant (under the default private roster: others as a count) or staff (every name). */
const VIEWERS = ["participant", "facilitator"] as const;
type Viewer = (typeof VIEWERS)[number];

interface Workload {
  people: number;
  /** A newcomer's `session:ready`, as a participant and as a (co-)facilitator. */
  snapshots: Record<Viewer, Captured>;
  /** What a participant (joined first) and the facilitator received while the forum filled, the round ran and the poll was voted on. */
  streams: Record<Viewer, Captured[]>;
}

/** Builds a forum of `people` on an in-process server and captures what a participant and a newcomer receive. */
async function buildWorkload(people: number, logDir: string, log: (line: string) => void): Promise<Workload> {
  const server = await startWorkshopNode(logDir);
  const sockets: Client[] = [];
  try {
    const created = (await (
      await fetch(`${server.url}/api/workshops`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Regional forum on safe migration" }),
      })
    ).json()) as { joinCode: string; facilitatorKey: string };
    const staffStream: Captured[] = [];
    const host = await connect(
      server.url,
      { facilitatorKey: created.facilitatorKey, displayName: "Facilitator", protocol: PROTOCOL_VERSION },
      staffStream,
    );
    sockets.push(host);
    const stream: Captured[] = [];
    const watcher = await connect(
      server.url,
      { joinCode: created.joinCode, displayName: "Amina Watcher", protocol: PROTOCOL_VERSION },
      stream,
    );
    sockets.push(watcher);
    // Their own session:ready (and the watcher's joining) are not part of the streams.
    stream.length = 0;
    staffStream.length = 0;
    // Joins in waves of 50, names of realistic length.
    for (let start = 0; start < people - 2; start += 50) {
      const wave = Array.from({ length: Math.min(50, people - 2 - start) }, (_, offset) =>
        connect(server.url, {
          joinCode: created.joinCode,
          displayName: `Participant ${String(start + offset).padStart(4, "0")} Example`,
          protocol: PROTOCOL_VERSION,
        }),
      );
      sockets.push(...(await Promise.all(wave)));
    }
    log(`${people} people joined`);
    const round = (await command(host, "breakout:plan", {
      rooms: Array.from({ length: settings.rooms }, (_, index) => ({
        name: `Room ${index + 1}: ${["Legal aid", "Shelter", "Health", "Work permits"][index % 4]}`,
      })),
      durationSeconds: 1200,
      warningSeconds: 60,
      selfSelect: false,
    })) as { roundId: string };
    await command(host, "breakout:assign", { roundId: round.roundId });
    await command(host, "breakout:open", { roundId: round.roundId });
    const poll = (await command(host, "poll:create", {
      definition: {
        kind: "single",
        question: "Which topic should the plenary take up first?",
        options: [
          { optionId: "legal", label: "Legal aid" },
          { optionId: "shelter", label: "Shelter" },
          { optionId: "health", label: "Health" },
        ],
        anonymous: true,
        resultsVisibility: "live",
        scope: { kind: "plenary" },
      },
      open: true,
    })) as { pollId: string };
    const voters = sockets.slice(2, 2 + settings.voters);
    await Promise.all(
      voters.map((voter, index) =>
        command(voter, "poll:vote", {
          pollId: poll.pollId,
          ballot: { kind: "single", optionId: ["legal", "shelter", "health"][index % 3] },
        }),
      ),
    );
    // Let the last coalesced batches and results ticks arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const participantStream = [...stream];
    const hostStream = [...staffStream];
    const snapshotOf = async (auth: Record<string, unknown>) => {
      const messages: Captured[] = [];
      sockets.push(await connect(server.url, { ...auth, protocol: PROTOCOL_VERSION }, messages));
      const snapshot = messages.find((message) => message.event === "session:ready");
      if (!snapshot) throw new Error("a newcomer received no session:ready");
      return snapshot;
    };
    const snapshots = {
      participant: await snapshotOf({ joinCode: created.joinCode, displayName: "Newcomer On A Phone" }),
      facilitator: await snapshotOf({ facilitatorKey: created.facilitatorKey, displayName: "Co-facilitator" }),
    };
    log(
      `${people}: session:ready ${format(snapshots.participant.text.length / 1024, 1)} KiB (participant), ` +
        `${format(snapshots.facilitator.text.length / 1024, 1)} KiB (facilitator); streams of ` +
        `${participantStream.length} and ${hostStream.length} messages`,
    );
    return { people, snapshots, streams: { participant: participantStream, facilitator: hostStream } };
  } finally {
    for (const socket of sockets) socket.close();
    await server.close();
  }
}

interface Measured {
  rawBytes: number;
  wireBytes: number;
  /** Messages compressed (at or over the threshold). */
  compressed: number;
  messages: number;
  /** CPU µs per message (whole process: zlib runs on libuv's threads), deflate and JSON baseline. */
  deflateCpuUs: number;
  jsonCpuUs: number;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Compresses `messages` in order for `connections` contexts (each its own, as each socket has); bytes of one. */
async function measure(messages: readonly Captured[], threshold: number, connections: number): Promise<Measured> {
  const buffers = messages.map((message) => Buffer.from(message.text));
  let rawBytes = 0;
  let wireBytes = 0;
  let compressed = 0;
  const contexts = Array.from({ length: connections }, () => serverDeflate(threshold));
  const cpuStart = cpuMicros();
  for (const [index, extension] of contexts.entries()) {
    for (const buffer of buffers) {
      // ws compresses only at or over the threshold; engine.io makes the same check before it.
      const deflate = threshold > 0 && buffer.length >= threshold;
      const body = deflate ? await compress(extension, buffer) : buffer;
      if (index === 0) {
        rawBytes += frameHeader(buffer.length) + buffer.length;
        wireBytes += frameHeader(body.length) + body.length;
        if (deflate) compressed++;
      }
    }
  }
  const deflateCpu = cpuMicros() - cpuStart;
  for (const extension of contexts) extension.cleanup();
  const jsonStart = cpuMicros();
  let sink = 0;
  for (let round = 0; round < connections; round++) {
    for (const message of messages) sink += JSON.stringify(message.args).length;
  }
  const jsonCpu = cpuMicros() - jsonStart;
  if (sink < 0) throw new Error("unreachable");
  const sent = connections * messages.length;
  return {
    rawBytes,
    wireBytes,
    compressed,
    messages: messages.length,
    deflateCpuUs: deflateCpu / sent,
    jsonCpuUs: jsonCpu / sent,
  };
}

/** Memory a connection keeps once it has sent one compressed message (zlib's window and state, outside V8's heap). */
async function memoryPerConnection(sample: Buffer, connections: number): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const contexts = Array.from({ length: connections }, () => serverDeflate(0));
  for (const extension of contexts) await compress(extension, sample);
  global.gc?.();
  const after = process.memoryUsage().rss;
  for (const extension of contexts) extension.cleanup();
  return (after - before) / connections;
}

async function main(): Promise<void> {
  const log = benchLogger(Date.now());
  const workloads: Workload[] = [];
  const logDir = mkdtempSync(path.join(tmpdir(), "wk-bench-deflate-"));
  for (const people of settings.sizes) workloads.push(await buildWorkload(people, logDir, log));
  // Warm-up: compile the paths and start zlib's threads before anything is counted.
  const first = workloads[0];
  if (first) await measure([first.snapshots.facilitator, ...first.streams.facilitator], 1024, 20);
  const rows: string[] = [];
  const streamRows: string[] = [];
  for (const workload of workloads) {
    for (const viewer of VIEWERS) {
      for (const threshold of settings.thresholds) {
        const snapshot = await measure([workload.snapshots[viewer]], threshold, settings.connections);
        const stream = await measure(
          workload.streams[viewer],
          threshold,
          Math.max(1, Math.floor(settings.connections / 10)),
        );
        rows.push(
          `| ${workload.people} | ${viewer} | ${threshold} | ${format(snapshot.rawBytes / 1024, 1)} KiB | ${format(
            snapshot.wireBytes / 1024,
            1,
          )} KiB | ${format(snapshot.wireBytes / snapshot.rawBytes, 2)}× | ${format(snapshot.deflateCpuUs, 0)} µs | ${format(
            snapshot.jsonCpuUs,
            0,
          )} µs |`,
        );
        streamRows.push(
          `| ${workload.people} | ${viewer} | ${threshold} | ${stream.messages} | ${stream.compressed} | ${format(
            stream.rawBytes / 1024,
            1,
          )} KiB | ${format(stream.wireBytes / 1024, 1)} KiB | ${format(stream.wireBytes / stream.rawBytes, 2)}× | ${format(
            (stream.deflateCpuUs * stream.messages) / 1000,
            2,
          )} ms | ${format(stream.deflateCpuUs, 1)} µs | ${format(stream.jsonCpuUs, 1)} µs |`,
        );
        log(`${workload.people} people, ${viewer}, threshold ${threshold}: done`);
      }
    }
  }
  const largest = workloads.at(-1)?.snapshots.facilitator.text ?? "";
  const memory = await memoryPerConnection(Buffer.from(largest), settings.connections);
  const byEvent = new Map<string, { count: number; bytes: number }>();
  for (const message of workloads.at(-1)?.streams.facilitator ?? []) {
    const entry = byEvent.get(message.event) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += message.text.length;
    byEvent.set(message.event, entry);
  }
  const info = machine();
  const lines = [
    `_Written by \`npm run bench:deflate\` on ${info.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** forums of ${settings.sizes.join(" and ")} people on one workshop node (its own process, memory store), a round of ${settings.rooms} rooms assigned and open, an anonymous poll with ${settings.voters} votes; every message through ws ${wsVersion}'s permessage-deflate (zlib defaults: level 6, memLevel 8, 15-bit window; context takeover, as browsers negotiate it), CPU over ${settings.connections} contexts for the snapshot and ${Math.max(1, Math.floor(settings.connections / 10))} for the stream.`,
    "",
    machineText(info),
    "",
    "**A newcomer's `session:ready`**",
    "",
    "| people | newcomer | threshold | plain | deflated | wire ratio | deflate CPU | JSON.stringify of it |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "**What a participant and the facilitator received while the forum filled, the round ran and the poll was voted on**",
    "",
    "| people | receiver | threshold | messages | compressed | plain | deflated | wire ratio | deflate CPU, all of it | deflate CPU per message | JSON per message |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...streamRows,
    "",
    `The facilitator's messages at ${workloads.at(-1)?.people ?? 0} people, by event: ${[...byEvent]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([event, { count, bytes }]) => `${event} ${count} (${format(bytes / 1024, 1)} KiB)`)
      .join(", ")}.`,
    "",
    `**Memory a connection keeps** once it has sent one compressed message (zlib deflate state and 32 KiB window, outside V8's heap, kept for the connection's life with context takeover): ${format(
      memory / 1024,
      0,
    )} KiB of RSS per connection (${settings.connections} connections).`,
    "",
    "Plain and deflated: WebSocket frame payloads plus frame headers (2, 4 or 10 bytes), TCP/IP not included. CPU: process CPU time (user + system, zlib's thread pool included) divided by the messages compressed; JSON: `JSON.stringify` of the same message's arguments, what the server spends encoding it anyway.",
  ];
  publish(
    lines.join("\n"),
    settings.write,
    (file, text) =>
      writeBetweenMarkers(
        file,
        { start: DEFLATE_START, end: DEFLATE_END, heading: "## Socket.IO perMessageDeflate" },
        text,
      ),
    log,
  );
}

runMain(main, 900, benchLogger(Date.now()));
