import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, onTestFinished } from "vitest";
import { startServer, type TestServer } from "./server.js";

/** Built by the suite's globalSetup (vite build) before any test runs. */
const clientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** The system Chromium, headless; never a downloaded browser. Flags that work as root here. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not started yet");
    return browser;
  };
}

/** A server (in-memory store) serving the built client, closed when the test ends. */
export async function serverForThisTest(): Promise<TestServer> {
  const server = await startServer({ store: "memory", clientDir });
  onTestFinished(() => server.close());
  return server;
}

export interface BrowserPerson {
  name: string;
  page: Page;
  /** Console errors and page errors seen so far: a test ends by expecting none. */
  problems: string[];
}

/** A fresh browser context (its own sessionStorage: a separate person), closed when the test ends. */
export async function openPerson(browser: Browser, name: string, width = 1280): Promise<BrowserPerson> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${name} console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${name} page error: ${error.message}`));
  return { name, page, problems };
}
