import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin, Rollup } from "vite";

const TEMPLATE = new URL("./serviceWorker.template.js", import.meta.url);
/**
 * Lazy chunks bigger than this (the notes editor) are cached when first used, not on install: a
 * phone on mobile data pays only for what it opens.
 */
const PRECACHE_MAX_BYTES = 200_000;
/** The on-demand chunks of client/src/i18n/catalog.<tag>.ts. */
const LANGUAGE_CATALOG = /^assets\/catalog\.[a-z]{2}-/;
/** Files of client/public/ the shell needs offline. */
const PUBLIC_FILES = ["/favicon.svg", "/manifest.webmanifest", "/icon-192.png", "/icon-512.png"];

/**
 * Writes `sw.js` into the build: the template with the list of files to keep on install (the
 * entry's scripts and styles, the lazily loaded workshop view, the icons) and a version made from
 * them, so a new build replaces the old shell.
 */
export function serviceWorker(): Plugin {
  return {
    name: "workshop-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const precache = precacheList(bundle);
      const version = createHash("sha256").update(precache.join("\n")).digest("hex").slice(0, 16);
      const source = readFileSync(TEMPLATE, "utf8")
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", JSON.stringify(precache));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

function precacheList(bundle: Rollup.OutputBundle): string[] {
  // What index.html loads before anything is clicked is always kept, whatever its size.
  const needed = new Set<string>();
  for (const output of Object.values(bundle)) {
    if (output.type !== "chunk" || !output.isEntry) continue;
    for (const fileName of [output.fileName, ...output.imports, ...(output.viteMetadata?.importedCss ?? [])]) {
      needed.add(fileName);
    }
  }
  const files: string[] = [];
  for (const [fileName, output] of Object.entries(bundle)) {
    if (!fileName.startsWith("assets/")) continue;
    const bytes = output.type === "chunk" ? output.code.length : output.source.length;
    // Each language's catalog is kept when first loaded: a phone keeps its own, not all seven.
    if (LANGUAGE_CATALOG.test(fileName) && !needed.has(fileName)) continue;
    if (needed.has(fileName) || bytes <= PRECACHE_MAX_BYTES) files.push(`/${fileName}`);
  }
  return [...files.sort(), ...PUBLIC_FILES];
}
