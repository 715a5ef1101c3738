import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { isOriginAllowed } from "../../server/realtime/originPolicy.js";
import { createRateLimiter } from "../../server/realtime/rateLimit.js";
import type { WorkshopSocket } from "../../server/realtime/types.js";
import { hashSecret, newFacilitatorKey, newJoinCode, secretMatchesHash } from "../../server/security/secrets.js";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("origin policy", () => {
  it("allows same-origin, listed origins and non-browser clients; refuses the rest", () => {
    expect(isOriginAllowed(request({ host: "forum.org", origin: "https://forum.org" }), [], false)).toBe(true);
    expect(isOriginAllowed(request({ host: "forum.org" }), [], false)).toBe(true);
    expect(isOriginAllowed(request({ host: "forum.org", origin: "https://evil.org" }), [], false)).toBe(false);
    expect(isOriginAllowed(request({ host: "forum.org", origin: "https://x.org" }), ["https://x.org"], false)).toBe(
      true,
    );
    expect(isOriginAllowed(request({ host: "forum.org", origin: "not a url" }), [], false)).toBe(false);
  });
  it("uses X-Forwarded-Host only behind a trusted proxy", () => {
    const proxied = request({ host: "app1:3000", "x-forwarded-host": "forum.org", origin: "https://forum.org" });
    expect(isOriginAllowed(proxied, [], true)).toBe(true);
    expect(isOriginAllowed(proxied, [], false)).toBe(false);
  });
});

describe("rate limiter", () => {
  it("allows the burst, refuses the next, refills with time", () => {
    let now = 0;
    const allow = createRateLimiter({ perSecond: 10, burst: 3 }, () => now);
    const socket = {} as WorkshopSocket;
    expect([allow(socket), allow(socket), allow(socket), allow(socket)]).toEqual([true, true, true, false]);
    now += 100;
    expect(allow(socket)).toBe(true);
    expect(allow(socket)).toBe(false);
    expect(allow({} as WorkshopSocket)).toBe(true);
  });
});

describe("secrets", () => {
  it("facilitator keys are long, stored as hashes, compared in constant time", () => {
    const key = newFacilitatorKey("w000000000000001");
    expect(key.length).toBeGreaterThan(60);
    expect(hashSecret(key)).not.toContain(key);
    expect(secretMatchesHash(key, hashSecret(key))).toBe(true);
    expect(secretMatchesHash(`${key}x`, hashSecret(key))).toBe(false);
    expect(newJoinCode()).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  });
});

describe("config", () => {
  it("has defaults for everything and fails fast on a bad value", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.MAX_MESSAGE_BYTES).toBe(65536);
    expect(loadConfig({ ALLOWED_ORIGINS: "https://a.org, https://b.org" }).ALLOWED_ORIGINS).toEqual([
      "https://a.org",
      "https://b.org",
    ]);
    expect(() => loadConfig({ PORT: "not a port" })).toThrow(/PORT/);
  });

  it("settings that contradict each other stop the start, naming the setting and why", () => {
    expect(() => loadConfig({ NOTES_UPDATE_MAX_BYTES: "70000", MAX_MESSAGE_BYTES: "65536" })).toThrow(
      /NOTES_UPDATE_MAX_BYTES: must be below MAX_MESSAGE_BYTES \(65536\)/,
    );
    expect(() => loadConfig({ NODE_HEARTBEAT_MS: "5000", NODE_DEAD_AFTER_MS: "8000" })).toThrow(
      /NODE_DEAD_AFTER_MS: must be at least twice NODE_HEARTBEAT_MS/,
    );
    expect(loadConfig({ NODE_HEARTBEAT_MS: "200", NODE_DEAD_AFTER_MS: "1000" }).NODE_DEAD_AFTER_MS).toBe(1000);
  });
});
