import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  createWorkshop,
  enterAsFacilitator,
  joinByLink,
  openPerson,
  useBrowser,
  waitForPeople,
} from "../helpers/browser.js";
import { startRedisServer } from "../helpers/redisServer.js";
import { serverForThisTest } from "../helpers/server.js";

const browser = useBrowser();
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));
const clientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

describe("faults in a real browser", () => {
  it("Redis loses its data: the facilitator and a participant on a phone see that the workshop could not be kept", {
    timeout: 180_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const redis = await startRedisServer();
    onTestFinished(() => redis.stop());
    const server = await serverForThisTest({
      store: "redis",
      redisUrl: redis.url,
      clientDir,
      env: { NODE_HEARTBEAT_MS: "300" },
    });
    const facilitator = await openPerson(browser(), "Fatima");
    const link = await createWorkshop(facilitator.page, server.url, "Forum on safe migration");
    await enterAsFacilitator(facilitator.page, "Fatima");
    const amal = await openPerson(browser(), "Amal", 360);
    await joinByLink(amal, link);
    await waitForPeople(facilitator.page, 2, { allOnline: true });

    const admin = createClient({ url: redis.url });
    await admin.connect();
    onTestFinished(() => admin.quit().then(() => undefined));
    await admin.flushAll();

    for (const { page } of [facilitator, amal]) {
      await page.getByTestId("lost-screen").waitFor();
      expect(await page.locator("h1").textContent()).toBe("This workshop could not be kept");
      expect(await page.getByTestId("lost-screen").textContent()).toContain("This is not something you did");
      // The session is over on this device: a reload does not try to resume it.
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    }
    await amal.page.screenshot({ path: `${ARTIFACTS}faults-workshop-lost.png` });
    await amal.page.reload();
    await amal.page.getByRole("heading", { level: 1 }).waitFor();
    expect(await amal.page.getByTestId("lost-screen").count()).toBe(0);
  });
});
