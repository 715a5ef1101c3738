import { readFileSync } from "node:fs";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server.js";

/** Built by the suite's globalSetup (vite build, with its precompressed copies). */
const clientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "memory", clientDir });
});
afterAll(() => server.close());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers, the body as sent (fetch would ask for and undo compression itself). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const indexHtml = () => readFileSync(`${clientDir}/index.html`);
const mainScript = () => {
  const src = /<script type="module" crossorigin src="([^"]+)"/.exec(indexHtml().toString())?.[1];
  if (!src) throw new Error("no module script in index.html");
  return src;
};

describe("the browser client over a weak network", () => {
  it("index.html: brotli when accepted, checked on every visit, varies by encoding", async () => {
    const page = await rawGet("/", { "accept-encoding": "gzip, deflate, br" });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    // index.html is small: sent as is when no copy was worth making, else compressed.
    const body = page.headers["content-encoding"] === "br" ? brotliDecompressSync(page.body) : page.body;
    expect(body.equals(indexHtml())).toBe(true);
    // A client route gets the app too.
    expect((await rawGet("/w")).body.equals(indexHtml())).toBe(true);
  });

  it("hashed assets: brotli, else gzip, else as built; cached for a year as immutable; same bytes every way", async () => {
    const script = mainScript();
    const original = readFileSync(`${clientDir}${script}`);
    const br = await rawGet(script, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    // Compressed for real: the join page's script is about a quarter of its size over the wire.
    expect(br.body.byteLength).toBeLessThan(original.byteLength / 3);

    const gz = await rawGet(script, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await rawGet(script, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    expect(plain.headers["content-type"]).toMatch(/javascript/);
  });

  it("the join page's budget: the script and styles index.html loads, gzipped, stay under 120 KB (the workshop's screens load after)", () => {
    const html = indexHtml().toString();
    const loaded = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1] as string,
    );
    expect(loaded.some((file) => file.endsWith(".js"))).toBe(true);
    expect(loaded.some((file) => file.endsWith(".css"))).toBe(true);
    const gzipped = loaded.reduce(
      (sum, file) => sum + gzipSync(readFileSync(`${clientDir}${file}`), { level: 9 }).byteLength,
      0,
    );
    expect(gzipped, `join page JS + CSS: ${gzipped} bytes gzipped`).toBeLessThan(120 * 1024);
    // The workshop's screens are not among them.
    expect(loaded.some((file) => file.includes("WorkshopView"))).toBe(false);
  });

  it("the join page's first script: under 35 kB brotli, without the session's code (socket.io-client, zod), which loads once the form is up", () => {
    for (const page of ["index.html", "join.html", "join.th.html"]) {
      const scripts = [
        ...readFileSync(`${clientDir}/${page}`, "utf8").matchAll(/<script[^>]* src="(\/assets\/[^"]+\.js)"/g),
      ];
      expect(scripts, page).toHaveLength(1);
      const file = scripts[0]?.[1] as string;
      // On slow 3G (50 kB/s) each kB is 20 ms before the Join button works (docs/PERFORMANCE.md).
      const brotli = readFileSync(`${clientDir}${file}.br`).byteLength;
      expect(brotli, `${page}: ${file} is ${brotli} bytes brotli`).toBeLessThan(35_000);
      const code = readFileSync(`${clientDir}${file}`, "utf8");
      expect(code, "socket.io-client's transport in the first script").not.toContain('"websocket"');
      expect(code, "zod in the first script").not.toContain("$ZodType");
    }
  });

  it("other responses (reports, exports, metrics) are compressed on the fly when accepted and large enough", async () => {
    const metrics = await rawGet("/metrics", { "accept-encoding": "gzip, deflate, br" });
    expect(metrics.status).toBe(200);
    expect(metrics.headers["content-encoding"]).toMatch(/^(gzip|br|deflate)$/);
    const text = (
      metrics.headers["content-encoding"] === "br" ? brotliDecompressSync(metrics.body) : gunzipSync(metrics.body)
    ).toString();
    expect(text).toContain("workshop_");
    const plain = await rawGet("/metrics", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain("workshop_");
  });

  it("an icon instead of the app for the icon; a missing file is a 404, never the app; nothing outside the build", async () => {
    const icon = await rawGet("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(icon.headers["cache-control"]).toBe("public, max-age=86400");
    expect(indexHtml().toString()).toContain('rel="icon" href="/favicon.svg"');

    for (const path of [
      "/favicon.ico",
      "/assets/missing-abcdefgh.js",
      "/assets/..%2f..%2fpackage.json",
      "/..%2fpackage.json",
    ]) {
      const missing = await rawGet(path);
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
      expect(missing.body.toString()).not.toContain("<html");
      expect(missing.body.toString()).not.toContain("workshop-server");
    }
  });

  it("an installable shell: a manifest with icons, and a service worker checked on every load that keeps the entry files", async () => {
    expect(indexHtml().toString()).toContain('rel="manifest" href="/manifest.webmanifest"');
    const manifest = await rawGet("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    expect(manifest.headers["content-type"]).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers["cache-control"]).toBe("no-cache");
    const parsed = JSON.parse(manifest.body.toString()) as {
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(parsed).toMatchObject({ start_url: "/", display: "standalone" });
    for (const size of ["192x192", "512x512"]) expect(parsed.icons.some((icon) => icon.sizes === size)).toBe(true);
    for (const icon of parsed.icons) {
      const file = await rawGet(icon.src);
      expect({ src: icon.src, status: file.status }).toEqual({ src: icon.src, status: 200 });
    }

    const worker = await rawGet("/sw.js");
    expect(worker.status).toBe(200);
    expect(worker.headers["content-type"]).toMatch(/javascript/);
    expect(worker.headers["cache-control"]).toBe("no-cache");
    const source = worker.body.toString();
    const precache = JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(source)?.[1] ?? "[]") as string[];
    // The entry script (and the files it needs before anything is clicked) are kept on install.
    expect(precache).toContain(mainScript());
    expect(precache).toContain("/manifest.webmanifest");
    for (const path of precache) expect({ path, status: (await rawGet(path)).status }).toEqual({ path, status: 200 });
    expect(source).not.toContain("__VERSION__");
    // Never the API or the live connection.
    expect(source).toContain('url.pathname.startsWith("/api/")');
  });

  it("the page in the person's language preloads its catalog: the chosen one (cookie) first, then the browser's, else English", async () => {
    const pageFor = async (headers: Record<string, string>) => {
      const page = await rawGet("/join/ABCDEF", { "accept-encoding": "identity", ...headers });
      expect(page.status).toBe(200);
      expect(page.headers.vary).toMatch(/Accept-Language/i);
      const html = page.body.toString();
      return {
        lang: /<html lang="([a-z]+)"/.exec(html)?.[1],
        dir: /<html lang="[a-z]+" dir="([a-z]+)"/.exec(html)?.[1] ?? "ltr",
        catalog: /href="(\/assets\/catalog\.[a-z]{2}-[^"]+\.js)"/.exec(html)?.[1] ?? null,
      };
    };
    const thai = await pageFor({ "accept-language": "th-TH,th;q=0.9,en;q=0.8" });
    expect(thai).toMatchObject({ lang: "th", dir: "ltr" });
    expect(thai.catalog).toMatch(/^\/assets\/catalog\.th-/);
    expect((await rawGet(thai.catalog as string)).status).toBe(200);
    // The person's own choice wins over the browser's.
    expect(await pageFor({ "accept-language": "th", cookie: "other=1; workshop_language=ur" })).toMatchObject({
      lang: "ur",
      dir: "rtl",
    });
    expect(await pageFor({ "accept-language": "fr-FR,de" })).toEqual({ lang: "en", dir: "ltr", catalog: null });
    expect(await pageFor({ cookie: "workshop_language=xx" })).toMatchObject({ lang: "en", catalog: null });
    // The pages are the app's routes, never files of their own.
    expect((await rawGet("/index.th.html")).status).toBe(404);
  });

  it("the join page comes with its form in it: the address's code filled in once valid, in the person's language", async () => {
    const joinPage = async (path: string, headers: Record<string, string> = {}) =>
      (await rawGet(path, { "accept-encoding": "identity", ...headers })).body.toString();
    const page = await joinPage("/join/abcdef");
    expect(page).toContain('data-prerender="join"');
    expect(page).toContain('id="join-name"');
    expect(page).toContain('value="ABC-DEF"');
    // The stylesheet follows the form, so it does not hold the form back; the script is in the head.
    expect(page.indexOf('rel="stylesheet"')).toBeGreaterThan(page.indexOf('data-prerender="join"'));
    // Not a code: nothing written (and nothing of the address echoed into the page).
    const junk = await joinPage("/join/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(junk).toContain('id="join-code" type="text" value=""');
    expect(junk).not.toContain("<script>alert");
    expect(await joinPage("/join")).toContain('value=""');
    // In Thai for a Thai browser, with the Thai catalog preloaded.
    const thai = await joinPage("/join/ABC-DEF", { "accept-language": "th" });
    expect(thai).toContain('<html lang="th"');
    expect(thai).toMatch(/catalog\.th-[^"]+\.js/);
    expect(thai).not.toContain(">Join a workshop<");
  });
});
