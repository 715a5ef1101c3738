import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";

/**
 * The address a request came from, as rate limits count it: the peer, or behind a trusted load
 * balancer the first X-Forwarded-For entry (the same choice Express makes with trust proxy).
 * An IPv6 client holds a whole /64 and can hop within it, so it counts as its /64.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const raw = first || req.socket.remoteAddress || "unknown";
  const address = raw.startsWith("::ffff:") ? raw.slice("::ffff:".length) : raw;
  return isIPv6(address) ? ipv6Prefix64(address) : address;
}

function ipv6Prefix64(address: string): string {
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || "0", 16).toString(16))
    .join(":")}::/64`;
}
