import { createHash } from "node:crypto";
import { createClient } from "redis";
import { z } from "zod";
import * as breakoutScripts from "../../server/store/breakout/scripts.js";
import * as notesScripts from "../../server/store/notes/scripts.js";
import * as pollScripts from "../../server/store/polls/scripts.js";
import * as presenceScripts from "../../server/store/presence/scripts.js";
import * as qnaScripts from "../../server/store/qna/scripts.js";
import * as rateScripts from "../../server/store/rates/scripts.js";
import * as workshopScripts from "../../server/store/workshop/scripts.js";

/** Every Lua script of every feature store, by its export name. */
const luaScripts = {
  ...workshopScripts,
  ...presenceScripts,
  ...breakoutScripts,
  ...pollScripts,
  ...qnaScripts,
  ...notesScripts,
  ...rateScripts,
};

/**
 * What the bench reads from its own redis-server besides /proc: command statistics, the slow
 * log (every command slower than the threshold the bench set, with its arguments, in the order
 * Redis ran them) and the names of the server's Lua scripts behind EVALSHA. Shared by
 * bench/assign.ts and bench/votes.ts.
 */

export function newRedisClient(url: string) {
  const client = createClient({ url });
  client.on("error", () => undefined);
  return client;
}
export type RedisClient = ReturnType<typeof newRedisClient>;

export interface SlowScript {
  name: string;
  calls: number;
  totalMs: number;
  maxMs: number;
}

/** One slow-log entry: ids grow in the order Redis ran the commands; args as logged (at most 32, each cut at 128 bytes). */
export interface SlowlogEntry {
  id: number;
  micros: number;
  /** The command, or the server's script name for EVALSHA / EVAL (`castBallot`, `move`...). */
  name: string;
  args: string[];
}

/** Redis INFO commandstats as name -> {calls, usec}. */
export async function commandStats(client: RedisClient): Promise<Record<string, { calls: number; usec: number }>> {
  const info = await client.info("commandstats");
  const stats: Record<string, { calls: number; usec: number }> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats[match[1] ?? ""] = { calls: Number(match[2]), usec: Number(match[3]) };
  }
  return stats;
}

const scripts = Object.entries(luaScripts).flatMap(([name, script]) =>
  typeof script === "object" &&
  script !== null &&
  "sha" in script &&
  typeof script.sha === "string" &&
  "source" in script &&
  typeof script.source === "string"
    ? [{ name: name.replace(/Script$/, ""), sha: script.sha, source: script.source }]
    : [],
);
const scriptBySha = new Map(scripts.map((script) => [script.sha, script.name]));

/**
 * EVAL's first argument is the script itself, cut at 128 bytes in the slow log: named when it
 * is whole, or when exactly one script starts that way (many share a common prelude).
 */
function scriptOfSource(logged: string): string | null {
  const exact = scriptBySha.get(createHash("sha1").update(logged).digest("hex"));
  if (exact) return exact;
  const prefix = logged.replace(/\.\.\. \(\d+ more bytes\)$/, "");
  const matching = scripts.filter((script) => script.source.startsWith(prefix));
  return matching.length === 1 ? (matching[0]?.name ?? null) : null;
}

const SlowlogSchema = z.array(z.tuple([z.number(), z.unknown(), z.number(), z.array(z.string())]).rest(z.unknown()));

/** Every entry of the slow log, oldest first. */
export async function slowlogEntries(client: RedisClient): Promise<SlowlogEntry[]> {
  const entries = SlowlogSchema.parse(await client.sendCommand(["SLOWLOG", "GET", "-1"]));
  return entries
    .map(([id, , micros, args]) => {
      const verb = (args[0] ?? "").toUpperCase();
      let name = verb;
      if (verb === "EVALSHA") name = scriptBySha.get(args[1] ?? "") ?? "EVALSHA ?";
      else if (verb === "EVAL") name = scriptOfSource(args[1] ?? "") ?? "EVAL ?";
      return { id, micros, name, args };
    })
    .sort((a, b) => a.id - b.id);
}

/** The slow log since it was reset, summed by command (Lua scripts by name), largest total first. */
export async function slowScripts(client: RedisClient): Promise<SlowScript[]> {
  const byName = new Map<string, SlowScript>();
  for (const { name, micros } of await slowlogEntries(client)) {
    const entry = byName.get(name) ?? { name, calls: 0, totalMs: 0, maxMs: 0 };
    entry.calls++;
    entry.totalMs += micros / 1000;
    entry.maxMs = Math.max(entry.maxMs, micros / 1000);
    byName.set(name, entry);
  }
  return [...byName.values()].sort((a, b) => b.totalMs - a.totalMs);
}
