import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient, createCluster, type RedisClientType } from "redis";
import type { TestRedis } from "./redisBackend.js";

/** One key as someone holding a copy of Redis sees it: its type, expiry and every part it stores. */
export interface ScannedKey {
  key: string;
  type: string;
  /** When it expires (epoch ms), or null when it does not. */
  expiresAt: number | null;
  /**
   * Each smallest unit of storage, as text: a string's value; a hash's `field value` pairs; a
   * list's or set's elements; a sorted set's `member score` pairs. Whatever is stored together.
   */
  records: string[];
  /** The order the store returns them in (what a dump would keep). */
  ordered: string[];
}

/**
 * Every key under `prefix` (the test's own: never another test's), with everything it holds. On a
 * Redis Cluster every primary is read (a key lives on the primary of its slot).
 */
export async function scanRedis(redis: string | TestRedis, prefix: string): Promise<ScannedKey[]> {
  const target: TestRedis = typeof redis === "string" ? { kind: "single", url: redis } : redis;
  if (target.kind === "single") {
    const client = createClient({ url: target.url }) as unknown as RedisClientType;
    await client.connect();
    try {
      return await scanServer(client, prefix);
    } finally {
      await client.quit();
    }
  }
  const cluster = createCluster({ rootNodes: target.nodes.map((node) => ({ url: `redis://${node}` })) });
  await cluster.connect();
  try {
    const scanned: ScannedKey[] = [];
    for (const master of cluster.masters) {
      scanned.push(...(await scanServer((await cluster.nodeClient(master)) as unknown as RedisClientType, prefix)));
    }
    return scanned.sort((a, b) => a.key.localeCompare(b.key));
  } finally {
    await cluster.close();
  }
}

async function scanServer(redis: RedisClientType, prefix: string): Promise<ScannedKey[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const page = await redis.scan(cursor, { MATCH: `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`, COUNT: 1000 });
    cursor = String(page.cursor);
    keys.push(...page.keys);
  } while (cursor !== "0");
  const scanned: ScannedKey[] = [];
  for (const key of keys.sort()) {
    const type = await redis.type(key);
    const expiry = Number(await redis.sendCommand(["PEXPIRETIME", key]));
    let ordered: string[];
    if (type === "string") ordered = [String(await redis.get(key))];
    else if (type === "hash") ordered = Object.entries(await redis.hGetAll(key)).map(([f, v]) => `${f} ${v}`);
    else if (type === "list") ordered = await redis.lRange(key, 0, -1);
    else if (type === "set") ordered = await redis.sMembers(key);
    else if (type === "zset")
      ordered = (await redis.zRangeWithScores(key, 0, -1)).map((entry) => `${entry.value} ${entry.score}`);
    else if (type === "none") continue;
    else throw new Error(`unexpected type ${type} of ${key}`);
    scanned.push({ key, type, expiresAt: expiry > 0 ? expiry : null, records: ordered, ordered });
  }
  return scanned;
}

/**
 * The write commands an AOF holds, grouped as Redis applied them: a MULTI...EXEC block (a Lua
 * script's effects are logged so) is one group, any other command its own. Reads every file of
 * a Redis 7 multi-part AOF (`appendonlydir/`), base first.
 */
export function readAofGroups(redisDir: string): string[][][] {
  const dir = path.join(redisDir, "appendonlydir");
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".aof"))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, undefined, { numeric: true }));
  const groups: string[][][] = [];
  let open: string[][] | null = null;
  for (const file of files) {
    for (const command of parseResp(readFileSync(path.join(dir, file)))) {
      const name = command[0]?.toUpperCase();
      if (name === "MULTI") open = [];
      else if (name === "EXEC") {
        if (open) groups.push(open);
        open = null;
      } else if (open) open.push(command);
      else groups.push([command]);
    }
  }
  return groups;
}

function rank(file: string): number {
  return file.includes(".base.") ? 0 : 1;
}

/** RESP arrays of bulk strings, as AOF files hold them (a base in RDB form is skipped). */
function parseResp(buffer: Buffer): string[][] {
  if (buffer.subarray(0, 5).toString() === "REDIS") return [];
  const commands: string[][] = [];
  let at = 0;
  const line = () => {
    const end = buffer.indexOf("\r\n", at);
    const text = buffer.subarray(at, end).toString();
    at = end + 2;
    return text;
  };
  while (at < buffer.length) {
    const header = line();
    if (!header.startsWith("*")) throw new Error(`unexpected AOF line ${header.slice(0, 20)}`);
    const count = Number(header.slice(1));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const size = Number(line().slice(1));
      parts.push(buffer.subarray(at, at + size).toString());
      at += size + 2;
    }
    commands.push(parts);
  }
  return commands;
}
