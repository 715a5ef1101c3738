import { createServer, type Server } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "../helpers/ports.js";
import { startRedisServer } from "../helpers/redisServer.js";

/** A port something else listens on for the rest of the test. */
async function takenPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const address = blocker.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return address.port;
}

describe("the tests' private redis-server and its port", () => {
  it("a port taken between picking and binding: another one is tried; restart keeps the port", async () => {
    const taken = await takenPort();
    const picked: number[] = [];
    const redis = await startRedisServer(async () => {
      const port = picked.length === 0 ? taken : await freePort();
      picked.push(port);
      return port;
    });
    onTestFinished(() => redis.stop());
    expect(picked[0]).toBe(taken);
    expect(picked).toHaveLength(2);
    expect(redis.port).toBe(picked[1]);
    expect(redis.url).toBe(`redis://127.0.0.1:${picked[1]}`);
    await redis.kill();
    await redis.restart();
    expect(redis.port).toBe(picked[1]);
  });

  it("gives up, with a reason, when every port it picks is taken", async () => {
    const taken = await takenPort();
    await expect(startRedisServer(async () => taken)).rejects.toThrow(/no free port/);
  });
});
