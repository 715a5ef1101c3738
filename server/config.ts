import { readFileSync } from "node:fs";
import { z } from "zod";
import { ANONYMITY_KEY_MIN_LENGTH } from "./security/serverKeys.js";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");

/**
 * Every setting the server reads, from the environment, parsed once at start-up: a bad value
 * stops the process with a clear message instead of misbehaving later. README lists them all.
 */
export const ConfigSchema = z.object({
  /** HTTP port. Default 3000; 0 picks a free port (tests). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind. Default all interfaces, as a container needs. */
  HOST: z.string().default("0.0.0.0"),
  /** Redis for state and pub/sub. Unset (and no REDIS_CLUSTER_NODES): the in-memory store (one process only). */
  REDIS_URL: z.string().url().optional(),
  /**
   * A Redis Cluster instead of one Redis: some of its nodes as `host:port`, comma-separated (the
   * rest are discovered). Exclusive with REDIS_URL. Each workshop lives in one slot (its keys
   * share a hash tag), so workshops spread over the primaries (docs/OPERATIONS.md).
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((list, context) => {
      if (list === undefined) return undefined;
      const nodes = list
        .split(",")
        .map((node) => node.trim())
        .filter(Boolean);
      const malformed = nodes.filter((node) => !/^[^\s:/@]+:\d{1,5}$/.test(node));
      if (nodes.length === 0 || malformed.length > 0) {
        context.addIssue({
          code: "custom",
          message: `expected host:port, comma-separated${malformed.length > 0 ? `; not host:port: ${malformed.join(", ")}` : ""}`,
        });
        return z.NEVER;
      }
      return nodes;
    }),
  /** Password of every Redis Cluster node (REDIS_CLUSTER_NODES); with REDIS_URL the password goes in the URL. */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** Prefix of every Redis key, so several deployments or test runs can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default(""),
  /**
   * The server's key for everything anonymous (voter keys, command records, client addresses):
   * at least 32 characters (`openssl rand -base64 32`), the same on every node, never in Redis.
   * Required with REDIS_URL; the in-memory store draws one per process when unset.
   */
  ANONYMITY_KEY: z.string().min(ANONYMITY_KEY_MIN_LENGTH).optional(),
  /** Days a workshop and everything in it are kept after it ends (an idle one is ended first), then deleted. */
  RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  /** Workshops one client address may create per hour (every node together). */
  RATE_CREATE_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Wrong join codes one client address may try per hour before every join from it is refused for a while. */
  RATE_JOIN_FAILURES_PER_HOUR: z.coerce.number().int().min(1).default(120),
  /** People one client address may bring into workshops per minute (an office or a venue shares one address). */
  RATE_JOINS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** New people one workshop takes per minute (a leaked join code cannot flood it with thousands of bots). */
  RATE_JOINS_PER_WORKSHOP_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  /** Open connections one person may hold at once (tabs, devices). */
  MAX_CONNECTIONS_PER_PERSON: z.coerce.number().int().min(1).default(10),
  /**
   * The most a command takes before its answer, all its Redis round trips together, ms; past it
   * the answer is UNAVAILABLE (and a retry with the same commandId is applied once).
   */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).default(2000),
  /**
   * Bytes waiting to be written to one client before it is dropped (it stopped reading: a
   * frozen tab, a dead radio); it resumes and catches up when it reads again.
   */
  MAX_SOCKET_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(2 * 1024 * 1024),
  /** Extra origins allowed to open a socket, comma-separated. Same-origin is always allowed. */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** Largest Socket.IO message accepted, bytes. Commands are small; big frames are refused at the door. */
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  /**
   * WebSocket messages of at least this many bytes are sent deflated (permessage-deflate, each
   * message on its own), when the browser offers it; 0 (the default) sends everything plain.
   * Off because it did not pay: under the private roster a participant's messages are small
   * (a 5.7 KiB snapshot), and a connection that deflates anything keeps a zlib context (join
   * storm: 4-6× the memory and 2.4-4× the CPU per join when every connection did). 16384
   * compresses only staff snapshots and open rosters' (docs/PERFORMANCE.md).
   */
  WS_DEFLATE_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(0),
  /** Least time between two batches of workshop events per workshop and node (coalescing), ms. */
  BROADCAST_INTERVAL_MS: z.coerce.number().int().min(10).default(100),
  /**
   * Least time between two reaction bursts to a viewer, ms (default 500: at most two messages a
   * second per viewer however many react, kind to weak mobile links; a reaction shows within ~0.6 s).
   */
  REACTIONS_DELIVER_MS: z.coerce.number().int().min(50).default(500),
  /** Least time between two windows of reaction counts a node publishes to the others, ms (default 100). */
  REACTIONS_PUBLISH_MS: z.coerce.number().int().min(10).default(100),
  /** Reactions one connection may send per second, sustained (default 5: a tap storm, not a flood). */
  REACTIONS_PER_SECOND: z.coerce.number().int().min(1).default(5),
  /** Reactions one connection may send at once before the sustained rate applies (default 10). */
  REACTIONS_BURST: z.coerce.number().int().min(1).default(10),
  /** How often this node proves it is alive, so others can tell when it died, ms. */
  NODE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5000),
  /** On SIGTERM, the most a node waits for its people to move to another node before it closes, ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** A node silent this long is dead; survivors mark its connections offline, ms. */
  NODE_DEAD_AFTER_MS: z.coerce.number().int().min(300).default(30_000),
  /** Longest question accepted on a Q&A board, characters (at most 2000). */
  QNA_QUESTION_MAX: z.coerce.number().int().min(20).max(2000).default(500),
  /** Questions one person may ask per minute (per node: nothing ties a person to a question in the store). */
  QNA_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(3),
  /** Upvotes (and their undoing) one person may send per second. */
  QNA_VOTES_PER_SECOND: z.coerce.number().int().min(1).default(5),
  /** JSON file `{"<language>": ["word", "a phrase"]}` added to the built-in lists that hold questions for moderators. */
  QNA_WORD_LIST_FILE: z.string().optional(),
  /** Chat messages kept per channel (the plenary's, each room's); older ones are deleted as new ones come. */
  CHAT_HISTORY_MAX: z.coerce.number().int().min(10).max(10_000).default(500),
  /** Chat messages one person may send per CHAT_WINDOW_SECONDS (per node, like the Q&A limits). */
  CHAT_MESSAGES_PER_WINDOW: z.coerce.number().int().min(1).default(5),
  /** The window of CHAT_MESSAGES_PER_WINDOW, seconds: 5 in 10 s is a fast typist, not a flood. */
  CHAT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Largest single notes update accepted, bytes; keep it under MAX_MESSAGE_BYTES (a bigger frame closes the connection). */
  NOTES_UPDATE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(48 * 1024),
  /** Largest stored notes document, bytes; edits past it are refused with PAYLOAD_TOO_LARGE. */
  NOTES_DOC_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(4 * 1024 * 1024),
  /** Commands one connection may send per second, sustained (a token bucket: RATE_LIMITED past it). */
  COMMANDS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  /** Commands one connection may send at once before the sustained rate applies. */
  COMMAND_BURST: z.coerce.number().int().min(1).default(40),
  /** Notes updates (and cursor moves) one connection may send per second. */
  NOTES_UPDATES_PER_SECOND: z.coerce.number().int().min(1).default(30),
  /** Time a notes update may take to decode (off the main thread) before it is refused as hostile, ms. */
  NOTES_DECODE_BUDGET_MS: z.coerce.number().int().min(10).default(1000),
  /** A document's stored updates are merged into one once there are more than this many. */
  NOTES_COMPACT_AFTER: z.coerce.number().int().min(2).default(200),
  /** How often each node looks for breakout rounds whose clock is due, ms. */
  ROUND_TIMER_POLL_MS: z.coerce.number().int().min(50).default(500),
  /** pino level. info never carries names, texts or secrets. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Directory of the built client; empty disables static serving (API-only node). */
  CLIENT_DIR: z.string().optional(),
  /** Trust X-Forwarded-* from a reverse proxy (set behind the load balancer). */
  TRUST_PROXY: booleanFlag,
});
export type Config = z.infer<typeof ConfigSchema>;

/** Settings that only make sense together: checked after each one parsed on its own. */
/** Settings that contradict each other stop the start, each with the reason (not a server that half works). */
const ConsistentConfigSchema = ConfigSchema.superRefine((config, context) => {
  if (config.NOTES_UPDATE_MAX_BYTES >= config.MAX_MESSAGE_BYTES) {
    context.addIssue({
      code: "custom",
      path: ["NOTES_UPDATE_MAX_BYTES"],
      message: `must be below MAX_MESSAGE_BYTES (${config.MAX_MESSAGE_BYTES}): a larger update would close the connection before it arrives`,
    });
  }
  if (config.NODE_HEARTBEAT_MS * 2 > config.NODE_DEAD_AFTER_MS) {
    context.addIssue({
      code: "custom",
      path: ["NODE_DEAD_AFTER_MS"],
      message: `must be at least twice NODE_HEARTBEAT_MS (${config.NODE_HEARTBEAT_MS}): a live node would be declared dead between two heartbeats`,
    });
  }
  if (config.REDIS_URL && config.REDIS_CLUSTER_NODES) {
    context.addIssue({
      code: "custom",
      path: ["REDIS_CLUSTER_NODES"],
      message: "set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both",
    });
  }
  if (config.REDIS_PASSWORD && !config.REDIS_CLUSTER_NODES) {
    context.addIssue({
      code: "custom",
      path: ["REDIS_PASSWORD"],
      message:
        "only used with REDIS_CLUSTER_NODES; for one Redis put the password in REDIS_URL (redis://:pass@host:6379)",
    });
  }
  if ((config.REDIS_URL || config.REDIS_CLUSTER_NODES) && !config.ANONYMITY_KEY) {
    context.addIssue({
      code: "custom",
      path: ["ANONYMITY_KEY"],
      message:
        "required with REDIS_URL or REDIS_CLUSTER_NODES: the same secret of 32+ characters on every node (e.g. `openssl rand -base64 32`), kept out of Redis",
    });
  }
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConsistentConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

const WordListFileSchema = z.record(z.string().min(1), z.array(z.string().min(1)));

/** The languages and words of QNA_WORD_LIST_FILE; a missing or malformed file stops the start, like a bad variable. */
export function readWordListFile(path: string | undefined): Record<string, string[]> {
  if (!path) return {};
  const parsed = WordListFileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`invalid QNA_WORD_LIST_FILE ${path}: expected {"<language>": ["word", ...]}`);
  return parsed.data;
}
