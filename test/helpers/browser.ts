import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFinished } from "vitest";
import type { LanguageTag } from "../../shared/languages.js";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.js";
import { serverForThisTest, type TestServer } from "./server.js";

/** Built by the suite's globalSetup (vite build) before any test runs. */
const clientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** The system Chromium, headless; never a downloaded browser. Flags that work as root here (and `extraArgs`). */
export function useBrowser(extraArgs: readonly string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not started yet");
    return browser;
  };
}

/** A server (in-memory store) serving the built client, closed when the test ends; `env` as in .env. */
export function appServerForThisTest(env: Record<string, string> = {}): Promise<TestServer> {
  return serverForThisTest({ store: "memory", clientDir, env });
}

export interface BrowserPerson {
  name: string;
  page: Page;
  /** Console errors and page errors seen so far: a test ends by expecting none. */
  problems: string[];
}

/**
 * A fresh browser context (its own sessionStorage: a separate person), closed when the test ends;
 * `language`: as if the person had chosen it in the picker.
 */
export async function openPerson(
  browser: Browser,
  name: string,
  width = 1280,
  timezoneId?: string,
  language?: LanguageTag,
): Promise<BrowserPerson> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...(timezoneId ? { timezoneId } : {}) });
  onTestFinished(() => context.close());
  // The person picked this language in the picker before (client/src/i18n/index.ts keeps it).
  if (language) await context.addInitScript((tag) => localStorage.setItem("workshop.language", tag), language);
  const page = await context.newPage();
  // A 2-core CI box runs six browsers, two servers and Redis at once: be patient, never timed.
  page.setDefaultNavigationTimeout(90_000);
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${name} console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${name} page error: ${error.message}`));
  return { name, page, problems };
}

/** Creates a workshop on the start page; returns the join link it shows. The page stays on that screen. */
export async function createWorkshop(page: Page, baseUrl: string, title: string): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId("create-title").fill(title);
  await page.getByTestId("create-submit").click();
  await expect.poll(() => page.getByTestId("facilitator-key").inputValue()).toMatch(/^fk\./);
  const link = await page.getByTestId("join-link").getAttribute("href");
  if (!link) throw new Error("no join link shown");
  return link;
}

/** From the screen createWorkshop leaves open: enters the workshop as its facilitator. */
export async function enterAsFacilitator(page: Page, name: string): Promise<void> {
  await page.getByTestId("facilitator-name").fill(name);
  await page.getByTestId("facilitator-enter").click();
  await page.waitForURL("**/w");
}

/** Creates a workshop in the UI and enters it as facilitator; returns the join link it showed. */
export async function createAndEnter(page: Page, baseUrl: string, title: string, name: string): Promise<string> {
  const link = await createWorkshop(page, baseUrl, title);
  await enterAsFacilitator(page, name);
  return link;
}

/** Joins by the link under the person's name and waits until their page is connected. */
export async function joinByLink(person: BrowserPerson, link: string): Promise<void> {
  const { page } = person;
  await page.goto(link);
  await expect.poll(() => page.getByTestId("join-code").inputValue()).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await page.getByTestId("join-name").fill(person.name);
  await page.getByTestId("join-submit").click();
  await page.waitForURL("**/w");
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
}

/** Waits until the participant list counts this many people (with allOnline: all of them online). */
export async function waitForPeople(page: Page, count: number, { allOnline = false } = {}): Promise<void> {
  await page.waitForFunction(
    ({ expected, allOnline }) => {
      const text = document.querySelector('[data-testid="participant-count"]')?.textContent;
      return allOnline
        ? text?.startsWith(`${expected} people here, ${expected} online`)
        : text?.startsWith(`${expected} people here`);
    },
    { expected: count, allOnline },
  );
}

export interface BrowserWorkshop {
  server: TestServer;
  link: string;
  facilitator: BrowserPerson;
  people: BrowserPerson[];
}

/**
 * A server for this test, a workshop its facilitator made and entered in the UI, and these
 * people joined by its link at once; returns when the facilitator's list holds them all.
 */
export async function workshopWithPeople(
  browser: Browser,
  options: {
    title: string;
    facilitator: string;
    /** timezoneId: the browser's own time zone (IANA), when the test needs one. */
    people: readonly { name: string; width?: number; timezoneId?: string }[];
    allOnline?: boolean;
  },
): Promise<BrowserWorkshop> {
  const server = await appServerForThisTest();
  const facilitator = await openPerson(browser, options.facilitator);
  const link = await createAndEnter(facilitator.page, server.url, options.title, options.facilitator);
  const people = await Promise.all(
    options.people.map(({ name, width, timezoneId }) => openPerson(browser, name, width, timezoneId)),
  );
  await Promise.all(people.map((person) => joinByLink(person, link)));
  await waitForPeople(facilitator.page, people.length + 1, { allOnline: options.allOnline ?? false });
  return { server, link, facilitator, people };
}

/**
 * In the facilitator's breakout panel: plans a round with rooms of these names (and minutes, when
 * given); `namesVisible`: every room lets its people see each other's names. One step, as a
 * facilitator does it: the number of rooms brings that many rows to name, then "Plan the round".
 */
export async function planRooms(
  host: Page,
  names: readonly string[],
  minutes?: number,
  { namesVisible = false } = {},
): Promise<void> {
  await host.getByTestId("plan-count").fill(String(names.length));
  await expect.poll(() => host.getByTestId("plan-room").count()).toBe(names.length);
  for (const [index, name] of names.entries()) {
    await host.getByTestId("plan-room-name").nth(index).fill(name);
    if (namesVisible) await host.getByTestId("plan-room-names-visible").nth(index).check();
  }
  if (minutes !== undefined) await host.getByTestId("plan-duration").fill(String(minutes));
  await host.getByTestId("plan-submit").click();
  await host.locator('[data-testid="round-bar"][data-status="planned"]').waitFor();
}

/** Assigns the planned round automatically and waits until it says it moved this many people. */
export async function assignAutomatically(host: Page, moved: number): Promise<void> {
  await host.getByTestId("assign-auto").click();
  await host.locator(`[data-testid="assign-result"][data-moved="${moved}"]`).waitFor();
}

/** Opens the planned round and waits until the round bar shows it open. */
export async function openRound(host: Page): Promise<void> {
  await host.getByTestId("breakout-open").click();
  await host.locator('[data-testid="round-bar"][data-status="open"]').waitFor();
}

/**
 * The editor's text as the person sees it: the rendered lines, without the other editors'
 * cursor widgets (which carry their names) and without the empty-editor placeholder.
 */
export function notesEditorText(page: Page, docId: string): Promise<string> {
  return page.evaluate((docId) => {
    const panel = document.querySelector(`[data-testid="notes-panel"][data-doc-id="${docId}"]`);
    const lines = panel ? [...panel.querySelectorAll('[data-testid="notes-editor"] .cm-line')] : [];
    return lines
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const widget of copy.querySelectorAll(".cm-ySelectionCaret, .cm-widgetBuffer, .cm-placeholder")) {
          widget.remove();
        }
        return (copy.textContent ?? "").replace(/\u2060/g, "");
      })
      .join("\n");
  }, docId);
}
