import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Request, type Response, Router } from "express";
import { formatJoinCode, JoinCodeSchema } from "../../shared/ids.js";
import { JOIN_CODE_SLOT } from "../../shared/joinPage.js";
import { bestLanguage, isLanguageTag, LANGUAGES, type LanguageTag } from "../../shared/languages.js";

/** Hashed build output (`assets/<name>-<hash>.<ext>`): its content never changes under its name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Files with a fixed name (the icons): kept a day, then checked again. */
const FIXED_NAME = "public, max-age=86400";
/**
 * Checked on every load: the service worker (a new build must replace the old shell at once)
 * and the manifest that names it.
 */
const ALWAYS_CHECKED = new Set(["/sw.js", "/manifest.webmanifest"]);

/** The copies the build writes beside a file (client/build/precompress.ts), best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * Serves the built browser client; every other non-API path without a file extension gets
 * index.html (client-side routing). Compressed copies made at build time are sent to browsers
 * that accept them (brotli, else gzip), so a phone on weak mobile data loads a third of the
 * bytes without the server compressing per request; hashed assets are cached for a year,
 * index.html is checked every time (it names the current assets).
 */
export function clientRoutes(clientDir: string | undefined): Router {
  const router = Router();
  const indexFile = clientDir ? path.join(clientDir, "index.html") : undefined;
  if (!clientDir || !indexFile || !existsSync(indexFile)) {
    router.get("/", (_req, res) => {
      res.type("text").send("The browser client is not built. Run `npm run build` (npm start does it for you).");
    });
    return router;
  }
  const root = path.resolve(clientDir);
  router.get(/^\/[^?]*\.[a-z0-9]+$/i, (req, res, next) => {
    let file: string;
    try {
      file = path.resolve(root, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next(); // malformed escapes: not one of our files
    }
    // The pages are served by route (below), never by their file names.
    if (!file.startsWith(`${root}${path.sep}`) || !isFile(file) || file.endsWith(".html")) return next();
    const cacheControl = HASHED_ASSET.test(req.path)
      ? IMMUTABLE
      : ALWAYS_CHECKED.has(req.path)
        ? "no-cache"
        : FIXED_NAME;
    sendNegotiated(req, res, file, cacheControl);
  });
  // A file that does not exist is a 404, not the app (a browser asking for /favicon.ico gets no HTML).
  router.get(/^\/(?!api\/|socket\.io\/)[^?]*\.[a-z0-9]+$/i, (_req, res) => {
    res.status(404).type("text").send("Not found");
  });
  const joinPages = joinPagesOf(clientDir);
  // The join page comes with its form in it, in the person's language (client/build/pages.ts):
  // on a weak link a name can be typed before the app's script arrives.
  router.get(/^\/join(?:\/([^/]*))?\/?$/, (req, res, next) => {
    const page = joinPages.get(languageOf(req)) ?? joinPages.get("en");
    if (!page) return next();
    res.vary("Accept-Language");
    res.vary("Cookie");
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(page.replace(JOIN_CODE_SLOT, joinCodeOf(req.params[0])));
  });
  const pages = languagePages(clientDir, indexFile);
  router.get(/^\/(?!api\/|socket\.io\/).*/, (req, res) => {
    // The page in the person's language preloads its catalog (client/build/pages.ts).
    res.vary("Accept-Language");
    res.vary("Cookie");
    sendNegotiated(req, res, pages.get(languageOf(req)) ?? indexFile, "no-cache");
  });
  return router;
}

/** The cookie the client sets when a person picks a language (client/src/i18n/index.ts): `workshop_language=<tag>`. */
const LANGUAGE_COOKIE = /(?:^|;\s*)workshop_language=([a-z]{2})(?:;|$)/;

/** The person's chosen language, else the browser's first we have a page for, else English. */
function languageOf(req: Request): LanguageTag {
  const chosen = LANGUAGE_COOKIE.exec(req.headers.cookie ?? "")?.[1];
  if (isLanguageTag(chosen)) return chosen;
  const preferred = (req.headers["accept-language"] ?? "").split(",");
  return (
    bestLanguage(
      preferred,
      LANGUAGES.map((language) => language.tag),
    ) ?? "en"
  );
}

/** The code in the address, as people read it (ABC-DEF), when it is one; else nothing. */
function joinCodeOf(raw: string | undefined): string {
  let decoded = "";
  try {
    decoded = decodeURIComponent(raw ?? "");
  } catch {
    return "";
  }
  const parsed = JoinCodeSchema.safeParse(decoded);
  return parsed.success ? formatJoinCode(parsed.data) : "";
}

/** `join.html` and `join.<tag>.html`, read once: the server writes the code into them per request. */
function joinPagesOf(clientDir: string): Map<LanguageTag, string> {
  const pages = new Map<LanguageTag, string>();
  for (const { tag } of LANGUAGES) {
    const file = path.join(clientDir, tag === "en" ? "join.html" : `join.${tag}.html`);
    if (isFile(file)) pages.set(tag, readFileSync(file, "utf8"));
  }
  return pages;
}

/** `index.<tag>.html` of each language the build made one for. */
function languagePages(clientDir: string, indexFile: string): Map<LanguageTag, string> {
  const pages = new Map<LanguageTag, string>([["en", indexFile]]);
  for (const { tag } of LANGUAGES) {
    const page = path.join(clientDir, `index.${tag}.html`);
    if (tag !== "en" && isFile(page)) pages.set(tag, page);
  }
  return pages;
}

/** Sends `file`, or its precompressed copy in the best encoding the request accepts, typed as the original. */
function sendNegotiated(req: Request, res: Response, file: string, cacheControl: string): void {
  res.setHeader("Cache-Control", cacheControl);
  res.vary("Accept-Encoding");
  // Ours is the order that counts (the smallest first), not the order the browser lists them in.
  const encoding = ENCODINGS.find(
    (candidate) => req.acceptsEncodings(candidate.name) === candidate.name && isFile(file + candidate.suffix),
  );
  res.type(path.extname(file));
  if (encoding) res.setHeader("Content-Encoding", encoding.name);
  // Cache-Control is ours: express.static's own would replace it.
  res.sendFile(encoding ? file + encoding.suffix : file, { cacheControl: false, lastModified: true }, (error) => {
    if (error && !res.headersSent) res.status(404).end();
  });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
