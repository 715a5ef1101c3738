import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { connect, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../test/helpers/chromium.js";
import { freePort } from "../test/helpers/ports.js";
import { benchLogger, childEnv, createWorkshop, helpIfAsked, machine, numberEnv, repoRoot } from "./lib/cluster.js";
import { runMain, stopChild, track, waitForHttp } from "./lib/processes.js";
import { format, machineText, publish, writeBetweenMarkers } from "./lib/report.js";
import { max, percentile } from "./lib/stats.js";

/**
 * The join page on weak mobile networks: how long until a newcomer (empty cache) and a returning
 * visitor (warm HTTP cache) can type their name and press Join, in the system Chromium under the
 * DevTools network presets, and what it downloads. "Before" is the same build served as the
 * product did before issue 14 (express.static, no compression, assets `max-age=3600`); "after"
 * is the built server (`node dist/server/main.js`: precompressed brotli/gzip, immutable hashed
 * assets). Both in the same run, alternating, BENCH_REPEATS times. Writes its section of
 * docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

/**
 * Chrome DevTools' presets as puppeteer-core's PredefinedNetworkConditions copies them from
 * DevTools' NetworkManager.ts: the nominal figure × Lighthouse's adjustment for request-level
 * throttling (throughput × 0.8 / 0.9, RTT × 5 / 3.75). Bytes per second, latency in ms.
 */
const NETWORKS = {
  "slow-3g": {
    label: "Slow 3G",
    download: ((500 * 1000) / 8) * 0.8,
    upload: ((500 * 1000) / 8) * 0.8,
    latency: 400 * 5,
  },
  "fast-3g": {
    label: "Fast 3G",
    download: ((1.6 * 1000 * 1000) / 8) * 0.9,
    upload: ((750 * 1000) / 8) * 0.9,
    latency: 150 * 3.75,
  },
} as const;
type NetworkName = keyof typeof NETWORKS;

/**
 * before: the build served as before issue 14; baseline (only with BENCH_BASELINE_DIST_DIR):
 * another build with its own server, e.g. the commit before a client change; after: this build.
 */
const ALL_VARIANTS = ["before", "baseline", "after"] as const;
type Variant = (typeof ALL_VARIANTS)[number];
const VISITS = ["new", "returning"] as const;
type Visit = (typeof VISITS)[number];

function networksEnv(): NetworkName[] {
  const raw = process.env.BENCH_NETWORKS ?? "slow-3g,fast-3g";
  return raw.split(",").map((name) => {
    const trimmed = name.trim();
    if (!(trimmed in NETWORKS))
      throw new Error(`BENCH_NETWORKS: unknown network "${trimmed}" (known: slow-3g, fast-3g)`);
    return trimmed as NetworkName;
  });
}

/** The build to measure (`npm run build`'s output); another checkout's dist/ to measure a commit apart from this tree. */
const distDir = path.resolve(process.env.BENCH_DIST_DIR ?? path.join(repoRoot, "dist"));
const builtClientDir = path.join(distDir, "client");
const serverEntry = path.join(distDir, "server/main.js");
/** Another build measured beside this one in the same run (its own server and client), e.g. the commit before a change. */
const baselineDistDir = process.env.BENCH_BASELINE_DIST_DIR ? path.resolve(process.env.BENCH_BASELINE_DIST_DIR) : null;
const VARIANTS: readonly Variant[] = ALL_VARIANTS.filter((variant) => variant !== "baseline" || baselineDistDir);

const settings = {
  repeats: Math.floor(numberEnv("BENCH_REPEATS", 5, 1)),
  /** CPU slowdown (CDP Emulation.setCPUThrottlingRate); 1 = this machine's CPU. Lighthouse's mobile uses 4. */
  cpuSlowdown: numberEnv("BENCH_CPU_SLOWDOWN", 1, 1),
  /** The issue's target for a newcomer on slow 3G, in seconds. */
  targetS: numberEnv("BENCH_TARGET_S", 5, 0),
  networks: networksEnv(),
  write: process.env.BENCH_WRITE !== "0",
};

helpIfAsked(
  `npm run bench:network: time until the join page's name field and Join button are usable, bytes and
requests, for a new (empty cache) and a returning (warm cache) visitor, under Chrome DevTools'
Slow 3G (400 kbps, 2,000 ms) and Fast 3G (1,440 / 675 kbps, 562.5 ms), in /usr/bin/chromium
(CHROMIUM_PATH). Before: the same build served uncompressed with max-age=3600 (as before issue 14);
after: node dist/server/main.js. Needs \`npm run build\` first.`,
  {
    BENCH_NETWORKS: `comma-separated, of slow-3g, fast-3g (default both), now ${settings.networks.join(",")}`,
    CHROMIUM_PATH: "the browser to drive (default /usr/bin/chromium)",
    BENCH_DIST_DIR: `the build to measure (default dist/ of this checkout), now ${distDir}`,
    BENCH_BASELINE_DIST_DIR: `another checkout's dist/ measured beside it, alternating (default none), now ${baselineDistDir ?? "none"}`,
  },
);

const NETWORK_START = "<!-- bench:network:start -->";
const NETWORK_END = "<!-- bench:network:end -->";

/** One page load as the browser saw it. */
interface Load {
  network: NetworkName;
  variant: Variant;
  visit: Visit;
  repeat: number;
  /** From navigation start (the page's time origin) until name field and Join button were usable. */
  usableMs: number;
  /** Until a name could be typed into the page's form (the prerendered join form, or the app's). */
  typeableMs: number;
  firstContentfulPaintMs: number | null;
  /** Requests the page made by the moment it was usable / once quiet, and how many went to the network. */
  atUsable: Traffic;
  quiet: Traffic;
  /** Bytes the server sent on the connections of this visit (the relay's count): by usable, once quiet. */
  wireAtUsable: number;
  wireQuiet: number;
}

interface Traffic {
  requests: number;
  fromNetwork: number;
  /** Encoded bytes over the wire (headers included), by CDP resource type. */
  bytesByType: Record<string, number>;
  /** Each request: URL, status, encoding, bytes or "cache" (for the per-load file). */
  requestLog: string[];
}

function contentEncoding(headers: Record<string, unknown>): string {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-encoding");
  return entry ? String(entry[1]) : "identity";
}

/**
 * A TCP relay in front of a server that counts the bytes it sends the browser: every response
 * with its headers, whoever asked (the page, or a service worker the page's events do not show).
 */
async function countingRelay(
  target: string,
): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  const { port: targetPort } = new URL(target);
  let received = 0;
  const relay = createNetServer((browserSide) => {
    const serverSide = connect(Number(targetPort), "127.0.0.1");
    serverSide.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    browserSide.pipe(serverSide).pipe(browserSide);
    const end = () => {
      browserSide.destroy();
      serverSide.destroy();
    };
    browserSide.on("error", end).on("close", end);
    serverSide.on("error", end).on("close", end);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => relay.close(() => resolve())),
  };
}

/** Counts what the page fetched, from the DevTools protocol's Network events. */
class TrafficMeter {
  private readonly types = new Map<string, string>();
  private readonly cached = new Set<string>();
  private readonly bytes = new Map<string, number>();
  private readonly lines = new Map<string, string>();

  track(session: Awaited<ReturnType<BrowserContext["newCDPSession"]>>): void {
    session.on("Network.requestWillBeSent", (event) => {
      this.types.set(event.requestId, event.type ?? "Other");
      this.lines.set(event.requestId, event.request.url);
    });
    session.on("Network.requestServedFromCache", (event) => {
      this.cached.add(event.requestId);
    });
    session.on("Network.responseReceived", (event) => {
      if (event.response.fromDiskCache || event.response.fromPrefetchCache || event.response.fromServiceWorker) {
        this.cached.add(event.requestId);
      }
      this.types.set(event.requestId, event.type);
      this.lines.set(
        event.requestId,
        `${event.response.url} ${event.response.status} ${contentEncoding(event.response.headers)}`,
      );
    });
    session.on("Network.loadingFinished", (event) => {
      this.bytes.set(event.requestId, event.encodedDataLength);
    });
  }

  snapshot(): Traffic {
    const bytesByType: Record<string, number> = {};
    let fromNetwork = 0;
    for (const [id, type] of this.types) {
      const cached = this.cached.has(id);
      if (!cached) fromNetwork++;
      bytesByType[type] = (bytesByType[type] ?? 0) + (cached ? 0 : (this.bytes.get(id) ?? 0));
    }
    const requestLog = [...this.lines].map(
      ([id, line]) => `${line} ${this.cached.has(id) ? "cache" : `${this.bytes.get(id) ?? "?"} B`}`,
    );
    return { requests: this.types.size, fromNetwork, bytesByType, requestLog };
  }
}

/**
 * Runs in the page before its own scripts: on every frame, until the join form can be used
 * (both controls rendered, visible and enabled), then notes the time since navigation start.
 * A string, not a function: tsx's transform would add helpers the page does not have.
 */
const WATCH_JOIN_FORM = `(() => {
  const usable = (element) =>
    element instanceof HTMLElement && !element.disabled && element.getClientRects().length > 0 &&
    getComputedStyle(element).visibility !== "hidden";
  const check = () => {
    if (window.joinTypeableAt === undefined && usable(document.getElementById("join-name"))) {
      window.joinTypeableAt = performance.now();
    }
    if (usable(document.querySelector('[data-testid="join-name"]')) &&
        usable(document.querySelector('[data-testid="join-submit"]'))) {
      window.joinUsableAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function throttle(page: Page, network: NetworkName): Promise<TrafficMeter> {
  const session = await page.context().newCDPSession(page);
  const meter = new TrafficMeter();
  meter.track(session);
  await session.send("Network.enable");
  const conditions = NETWORKS[network];
  await session.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: conditions.latency,
    downloadThroughput: conditions.download,
    uploadThroughput: conditions.upload,
  });
  if (settings.cpuSlowdown > 1) await session.send("Emulation.setCPUThrottlingRate", { rate: settings.cpuSlowdown });
  return meter;
}

/** One visit in `context`: navigate, wait for the usable form, then for the page to go quiet. */
async function visitJoinPage(
  context: BrowserContext,
  url: string,
  received: () => number,
  where: Pick<Load, "network" | "variant" | "visit" | "repeat">,
): Promise<Load> {
  const page = await context.newPage();
  const receivedBefore = received();
  page.setDefaultTimeout(120_000);
  const meter = await throttle(page, where.network);
  await page.goto(url, { waitUntil: "commit" });
  const usableMs = await (
    await page.waitForFunction(() => (window as unknown as { joinUsableAt?: number }).joinUsableAt, undefined, {
      polling: 50,
    })
  ).jsonValue();
  const typeableMs = await page.evaluate(() => (window as unknown as { joinTypeableAt?: number }).joinTypeableAt ?? 0);
  const atUsable = meter.snapshot();
  const wireAtUsable = received() - receivedBefore;
  // The workshop's screens are fetched in the background once the page is up: count them too.
  await page.waitForLoadState("networkidle");
  const firstContentfulPaintMs = await page.evaluate(
    () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  );
  const quiet = meter.snapshot();
  const wireQuiet = received() - receivedBefore;
  await page.close();
  return {
    ...where,
    usableMs: Number(usableMs),
    typeableMs,
    firstContentfulPaintMs,
    atUsable,
    quiet,
    wireAtUsable,
    wireQuiet,
  };
}

/** Runs in the page: the first frame in which the workshop's title is shown (the person is in). */
const WATCH_WORKSHOP = `(() => {
  const check = () => {
    const title = document.querySelector('[data-testid="workshop-title"]');
    if (title instanceof HTMLElement && title.getClientRects().length > 0) {
      window.workshopShownAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** A newcomer who presses Join the moment the form is usable: when they are in the workshop. */
interface Joining {
  network: NetworkName;
  variant: Variant;
  usableMs: number;
  inWorkshopMs: number;
}

/**
 * The hardest case for a join page whose Join button works before the session's code is there:
 * the name is put in and Join pressed in the first frame the form is usable (a person types for
 * seconds), then the time until the workshop is on screen (connection, session:ready, the
 * workshop's screens). New visitor, service workers blocked, as the visits above.
 */
async function joinAtUsable(browser: Browser, url: string, network: NetworkName, variant: Variant): Promise<Joining> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  try {
    await context.addInitScript({ content: WATCH_JOIN_FORM });
    await context.addInitScript({ content: WATCH_WORKSHOP });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await throttle(page, network);
    await page.goto(url, { waitUntil: "commit" });
    const usableMs = Number(
      await (
        await page.waitForFunction(() => (window as unknown as { joinUsableAt?: number }).joinUsableAt, undefined, {
          polling: 50,
        })
      ).jsonValue(),
    );
    await page.getByTestId("join-name").fill("Bench newcomer");
    await page.getByTestId("join-submit").click();
    const inWorkshopMs = Number(
      await (
        await page.waitForFunction(
          () => (window as unknown as { workshopShownAt?: number }).workshopShownAt,
          undefined,
          {
            polling: 50,
          },
        )
      ).jsonValue(),
    );
    return { network, variant, usableMs, inWorkshopMs };
  } finally {
    await context.close();
  }
}

/** The product before issue 14: express.static with an hour's caching, index.html no-cache, nothing compressed. */
async function startBeforeServer(clientDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  const indexFile = path.join(clientDir, "index.html");
  app.use(express.static(clientDir, { index: false, maxAge: "1h" }));
  app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexFile);
  });
  const port = await freePort();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A built server (`<dist>/server/main.js`, in-memory store) serving `clientDir`. */
async function startBuiltServer(
  logDir: string,
  clientDir: string,
  entry: string,
  name: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const logPath = path.join(logDir, `${name}.log`);
  const child = track(
    spawn(process.execPath, [entry], {
      cwd: repoRoot,
      env: childEnv({ PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", CLIENT_DIR: clientDir }),
      stdio: ["ignore", openSync(logPath, "a"), openSync(logPath, "a")],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, child, "server", logPath);
  return {
    url,
    close: async () => {
      await stopChild(child);
    },
  };
}

interface WorkerBytes {
  withWorker: number;
  without: number;
}

/** One unthrottled newcomer with service workers allowed and one without: the bytes the worker's install adds. */
async function serviceWorkerBytes(browser: Browser, url: string, received: () => number): Promise<WorkerBytes> {
  const measure = async (serviceWorkers: "allow" | "block") => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers });
    try {
      const page = await context.newPage();
      const start = received();
      await page.goto(url, { waitUntil: "networkidle" });
      if (serviceWorkers === "allow") {
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
      }
      // The worker's fetches are not the page's: wait until nothing more arrives for 1 s.
      let last = -1;
      while (received() !== last) {
        last = received();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return received() - start;
    } finally {
      await context.close();
    }
  };
  return { withWorker: await measure("allow"), without: await measure("block") };
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = benchLogger(started);
  for (const file of [path.join(builtClientDir, "index.html"), serverEntry]) {
    if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first`);
  }
  const logDir = mkdtempSync(path.join(tmpdir(), "wk-bench-network-"));
  // A copy, served by both: a build (or a test suite's) rewriting dist/ mid-run changes neither.
  const clientDir = path.join(logDir, "client");
  cpSync(builtClientDir, clientDir, { recursive: true });
  const afterServer = await startBuiltServer(logDir, clientDir, serverEntry, "server");
  const beforeServer = await startBeforeServer(clientDir);
  let baselineServer: Awaited<ReturnType<typeof startBuiltServer>> | null = null;
  if (baselineDistDir) {
    const baselineClientDir = path.join(logDir, "baseline-client");
    cpSync(path.join(baselineDistDir, "client"), baselineClientDir, { recursive: true });
    baselineServer = await startBuiltServer(
      logDir,
      baselineClientDir,
      path.join(baselineDistDir, "server/main.js"),
      "baseline-server",
    );
  }
  const { joinCode } = await createWorkshop(afterServer.url, "Weak network bench");
  // Each built server has its own workshop (in-memory stores); the before server has no API: it shows the after server's code.
  const joinCodes: Record<Variant, string> = {
    before: joinCode,
    after: joinCode,
    baseline: baselineServer ? (await createWorkshop(baselineServer.url, "Weak network bench")).joinCode : joinCode,
  };
  const relays: Partial<Record<Variant, Awaited<ReturnType<typeof countingRelay>>>> = {
    before: await countingRelay(beforeServer.url),
    after: await countingRelay(afterServer.url),
  };
  if (baselineServer) relays.baseline = await countingRelay(baselineServer.url);
  const browser = await launchBrowser();
  const browserVersion = browser.version();
  const loads: Load[] = [];
  const joinings: Joining[] = [];
  let workerBytes: WorkerBytes = { withWorker: Number.NaN, without: Number.NaN };
  try {
    for (let repeat = 1; repeat <= settings.repeats; repeat++) {
      for (const network of settings.networks) {
        // Alternate which variant goes first, so a drift in the machine's load hits both.
        const order = repeat % 2 === 1 ? VARIANTS : ([...VARIANTS].reverse() as Variant[]);
        for (const variant of order) {
          const relay = relays[variant];
          if (!relay) continue;
          const url = `${relay.url}/join/${joinCodes[variant]}`;
          // A phone-sized, empty context: a new visitor; its second page is the same visitor returning.
          // Service workers blocked: DevTools throttling set on the page does not slow a worker's own
          // fetches (its network-first page would arrive unthrottled); its bytes are measured apart.
          const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
          await context.addInitScript({ content: WATCH_JOIN_FORM });
          try {
            for (const visit of VISITS) {
              const load = await visitJoinPage(context, url, relay.received, { network, variant, visit, repeat });
              loads.push(load);
              log(
                `${repeat}/${settings.repeats} ${network} ${variant} ${visit}: usable ${format(load.usableMs, 0)} ms, ` +
                  `${format(load.wireQuiet / 1000, 1)} kB on the wire (${format(totalBytes(load.quiet) / 1000, 1)} kB seen by the page) in ${load.quiet.fromNetwork}/${load.quiet.requests} requests`,
              );
            }
          } finally {
            await context.close();
          }
          // The before server has no API to join with.
          if (variant !== "before") {
            const joining = await joinAtUsable(browser, url, network, variant);
            joinings.push(joining);
            log(
              `${repeat}/${settings.repeats} ${network} ${variant} join at usable: usable ${format(joining.usableMs, 0)} ms, in the workshop ${format(joining.inWorkshopMs, 0)} ms`,
            );
          }
        }
      }
    }
    const afterRelay = relays.after as Awaited<ReturnType<typeof countingRelay>>;
    workerBytes = await serviceWorkerBytes(browser, `${afterRelay.url}/join/${joinCode}`, afterRelay.received);
    log(
      `after, service worker allowed, unthrottled: ${format(workerBytes.withWorker / 1000, 1)} kB vs ${format(workerBytes.without / 1000, 1)} kB`,
    );
  } finally {
    await browser.close();
    for (const relay of Object.values(relays)) await relay.close();
    await beforeServer.close();
    await afterServer.close();
    await baselineServer?.close();
  }
  writeFileSync(path.join(logDir, "loads.json"), JSON.stringify({ loads, joinings }, null, 2));
  const markdown = renderNetworkResults(loads, joinings, workerBytes, logDir, browserVersion);
  publish(markdown, settings.write, writeNetworkResults, log);
}

function totalBytes(traffic: Traffic): number {
  return Object.values(traffic.bytesByType).reduce((sum, bytes) => sum + bytes, 0);
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function min(values: readonly number[]): number {
  return values.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY);
}

function spread(values: readonly number[], digits: number): string {
  return `${format(min(values), digits)}–${format(max(values), digits)}`;
}

function renderNetworkResults(
  loads: readonly Load[],
  joinings: readonly Joining[],
  workerBytes: WorkerBytes,
  logDir: string,
  browserVersion: string,
): string {
  const info = machine();
  const lines: string[] = [
    `_Written by \`npm run bench:network\` on ${info.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${settings.repeats} repetitions of each case, ${VARIANTS.join(", ")} alternating; Chromium ${browserVersion} headless, 360 × 740 viewport, CPU slowdown ${settings.cpuSlowdown}×; the build in \`${shownDir(distDir)}\` (${buildCommit(distDir)})${baselineDistDir ? `; baseline: the build in \`${shownDir(baselineDistDir)}\` (${buildCommit(baselineDistDir)}) with its own server` : ""}.`,
    "",
    machineText(info),
    "",
    `| network | visitor | | usable p50 | usable min–max | name typeable p50 | first paint p50 | requests (from network) | kB by usable | kB once quiet | after / before (usable p50)${baselineDistDir ? " | after / baseline" : ""} |`,
    `|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|${baselineDistDir ? "---:|" : ""}`,
  ];
  for (const network of settings.networks) {
    for (const visit of VISITS) {
      const medians: Partial<Record<Variant, number>> = {};
      for (const variant of VARIANTS) {
        const runs = loads.filter(
          (load) => load.network === network && load.visit === visit && load.variant === variant,
        );
        if (runs.length === 0) continue;
        const usable = runs.map((load) => load.usableMs);
        const typeable = runs.map((load) => load.typeableMs);
        medians[variant] = median(usable);
        const paints = runs.flatMap((load) =>
          load.firstContentfulPaintMs === null ? [] : [load.firstContentfulPaintMs],
        );
        const kbUsable = runs.map((load) => totalBytes(load.atUsable) / 1000);
        const kbQuiet = runs.map((load) => load.wireQuiet / 1000);
        const requests = runs.map((load) => load.quiet.requests);
        const fromNetwork = runs.map((load) => load.quiet.fromNetwork);
        const ratio = variant !== "before" && medians.before ? `${format(median(usable) / medians.before, 2)}×` : "";
        const ofBaseline = !baselineDistDir
          ? ""
          : variant === "after" && medians.baseline
            ? ` ${format(median(usable) / medians.baseline, 2)}× |`
            : " |";
        const overTarget =
          network === "slow-3g" && visit === "new" && variant === "after"
            ? median(usable) / 1000 <= settings.targetS
              ? ` (target ${settings.targetS} s: met)`
              : ` (target ${settings.targetS} s: missed by ${format(median(usable) / 1000 - settings.targetS, 1)} s)`
            : "";
        lines.push(
          `| ${NETWORKS[network].label} | ${visit} | ${variant} | **${format(median(usable) / 1000, 2)} s**${overTarget} | ${spread(
            usable.map((ms) => ms / 1000),
            2,
          )} s | ${format(median(typeable) / 1000, 2)} s | ${paints.length ? `${format(median(paints) / 1000, 2)} s` : "—"} | ${format(median(requests), 0)} (${format(
            median(fromNetwork),
            0,
          )}) | ${format(median(kbUsable), 1)} | ${format(median(kbQuiet), 1)} | ${ratio} |${ofBaseline}`,
        );
      }
    }
  }
  lines.push(
    "",
    "Usable: from navigation start (the page's time origin) to the first frame in which the name field (`join-name`) and the Join button (`join-submit`) were rendered, visible and enabled. Name typeable: to the first frame in which a name field (`#join-name`: the join form sent in the page, or the app's) was visible and enabled (the page's own Join button waits for the app). kB by usable: what the page had received in full by then (DevTools protocol `encodedDataLength` of its finished requests, headers included; a download still under way is not counted). kB once quiet: bytes the server sent over the visit's connections (response headers and bodies as sent, compressed or not), counted by a TCP relay in front of each server, so requests a service worker makes are counted too (the relay cannot tell when the throttled browser has them, so it is not used for the moment of usable); 1 kB = 1,000 bytes. Requests: those the page made (DevTools protocol), from the network = not answered by the HTTP cache or a service worker; a revalidation (304) counts as from the network. Once quiet: after the page's network went idle (the workshop's screens, fetched in the background, included). Min–max over the repetitions.",
    "",
    "#### Bytes by resource type (median, new visitor, once quiet; the page's own requests, DevTools protocol `encodedDataLength`)",
    "",
    "| network | | Document | Script | Stylesheet | Other |",
    "|---|---|---:|---:|---:|---:|",
  );
  for (const { network, variant, runs } of byCase(loads, (load) => load.visit === "new")) {
    const of = (type: string) => median(runs.map((load) => load.quiet.bytesByType[type] ?? 0)) / 1000;
    const other = median(
      runs.map(
        (load) =>
          totalBytes(load.quiet) -
          ["Document", "Script", "Stylesheet"].reduce((sum, type) => sum + (load.quiet.bytesByType[type] ?? 0), 0),
      ),
    );
    lines.push(
      `| ${NETWORKS[network].label} | ${variant} | ${format(of("Document"), 1)} | ${format(of("Script"), 1)} | ${format(
        of("Stylesheet"),
        1,
      )} | ${format(other / 1000, 1)} |`,
    );
  }
  if (joinings.length > 0) {
    lines.push(
      "",
      "#### Joining as soon as the form is usable (new visitor)",
      "",
      "The name put in and Join pressed in the first frame the form is usable; in the workshop: the first frame its title is shown (connection, `session:ready`, the workshop's screens). A person takes seconds to type a name; this is the least time they could have to wait for.",
      "",
      "| network | | usable p50 | in the workshop p50 | in the workshop min–max |",
      "|---|---|---:|---:|---:|",
    );
    for (const { network, variant, runs } of byCase(joinings)) {
      const inWorkshop = runs.map((joining) => joining.inWorkshopMs / 1000);
      lines.push(
        `| ${NETWORKS[network].label} | ${variant} | ${format(median(runs.map((joining) => joining.usableMs)) / 1000, 2)} s | **${format(median(inWorkshop), 2)} s** | ${spread(inWorkshop, 2)} s |`,
      );
    }
  }
  lines.push(
    "",
    `A new visitor's bytes with the service worker allowed (after only, one unthrottled load, until the worker is installed and the wire is quiet for 1 s): ${format(workerBytes.withWorker / 1000, 1)} kB, against ${format(workerBytes.without / 1000, 1)} kB with it blocked: the worker's install fetches what the page had not (the page again, and the icons and manifest) into its cache.`,
    "",
    `Per-load numbers: \`${logDir}\` (temporary).`,
  );
  return lines.join("\n");
}

/** The measurements of each network and variant, in the table's order (none: skipped). */
function* byCase<T extends { network: NetworkName; variant: Variant }>(
  items: readonly T[],
  keep: (item: T) => boolean = () => true,
): Generator<{ network: NetworkName; variant: Variant; runs: T[] }> {
  for (const network of settings.networks) {
    for (const variant of VARIANTS) {
      const runs = items.filter((item) => item.network === network && item.variant === variant && keep(item));
      if (runs.length > 0) yield { network, variant, runs };
    }
  }
}

function shownDir(dir: string): string {
  return dir.startsWith(repoRoot) ? path.relative(repoRoot, dir) : dir;
}

/** The commit of the checkout a build came from, and whether its client or server had uncommitted changes. */
function buildCommit(dir: string): string {
  const checkout = path.dirname(dir);
  try {
    const git = (args: string[]) =>
      execFileSync("git", ["-C", checkout, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const commit = git(["rev-parse", "--short", "HEAD"]);
    const dirty = git(["status", "--porcelain", "--", "client", "server", "shared"]);
    return `built from commit ${commit}${dirty ? " with uncommitted changes in client/, server/ or shared/" : ""}`;
  } catch {
    return "not a git checkout";
  }
}

function writeNetworkResults(file: string, markdown: string): void {
  writeBetweenMarkers(
    file,
    { start: NETWORK_START, end: NETWORK_END, heading: "## The join page on weak networks" },
    markdown,
  );
}

runMain(main, 1800, benchLogger(Date.now()));
