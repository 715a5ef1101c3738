import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { describeRedisTarget, redisTargetOf } from "../../server/store/redis/connection.js";

const KEY = { ANONYMITY_KEY: "k".repeat(40) };

describe("REDIS_CLUSTER_NODES: a Redis Cluster instead of one Redis", () => {
  it("takes host:port seeds, comma-separated, with the password from REDIS_PASSWORD", () => {
    const config = loadConfig({
      ...KEY,
      REDIS_CLUSTER_NODES: " redis-node-1:6379, 10.0.0.2:7000 ,",
      REDIS_PASSWORD: "pw",
    });
    expect(config.REDIS_CLUSTER_NODES).toEqual(["redis-node-1:6379", "10.0.0.2:7000"]);
    expect(redisTargetOf(config)).toEqual({
      kind: "cluster",
      nodes: ["redis-node-1:6379", "10.0.0.2:7000"],
      password: "pw",
    });
  });

  it("is exclusive with REDIS_URL: both set stops the start with the reason", () => {
    expect(() => loadConfig({ ...KEY, REDIS_URL: "redis://r:6379", REDIS_CLUSTER_NODES: "r:6379" })).toThrow(
      /REDIS_CLUSTER_NODES: set either REDIS_URL \(one Redis\) or REDIS_CLUSTER_NODES \(a Redis Cluster\), not both/,
    );
  });

  it("refuses what is not host:port, an empty list, a password without a cluster, and no ANONYMITY_KEY", () => {
    expect(() => loadConfig({ ...KEY, REDIS_CLUSTER_NODES: "redis://r:6379" })).toThrow(
      /not host:port: redis:\/\/r:6379/,
    );
    expect(() => loadConfig({ ...KEY, REDIS_CLUSTER_NODES: "r" })).toThrow(/REDIS_CLUSTER_NODES: expected host:port/);
    expect(() => loadConfig({ ...KEY, REDIS_CLUSTER_NODES: " , " })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ ...KEY, REDIS_URL: "redis://r:6379", REDIS_PASSWORD: "pw" })).toThrow(
      /REDIS_PASSWORD: only used with REDIS_CLUSTER_NODES/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "r:6379" })).toThrow(/ANONYMITY_KEY: required/);
  });

  it("names the target in messages without a password", () => {
    const cluster = redisTargetOf(loadConfig({ ...KEY, REDIS_CLUSTER_NODES: "a:1,b:2", REDIS_PASSWORD: "s3cret" }));
    const single = redisTargetOf(loadConfig({ ...KEY, REDIS_URL: "redis://:s3cret@r:6379" }));
    expect(cluster && describeRedisTarget(cluster)).toBe("the Redis Cluster at a:1,b:2 (REDIS_CLUSTER_NODES)");
    expect(single && describeRedisTarget(single)).toBe("Redis at redis://:***@r:6379 (REDIS_URL)");
    expect(redisTargetOf(loadConfig({}))).toBeNull();
  });
});
