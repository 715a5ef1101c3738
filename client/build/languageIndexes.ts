import type { Plugin, Rollup } from "vite";
import { LANGUAGES } from "../../shared/languages.js";

const CATALOG_MODULE = /\/i18n\/catalog\.([a-z]{2})\.ts$/;

/**
 * Writes `index.<tag>.html` beside `index.html` for each language with a catalog: the same page
 * with `<html lang dir>` set and the catalog's chunk preloaded, so a phone on a weak link fetches
 * its language together with the app instead of one round trip later (2 s on slow 3G). The
 * server picks the page by the person's choice (a cookie) or the browser's languages
 * (server/http/clientRoutes.ts).
 */
export function languageIndexes(): Plugin {
  return {
    name: "workshop-language-indexes",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") return;
      const html = String(index.source);
      for (const [tag, chunk] of catalogChunks(bundle)) {
        const dir = LANGUAGES.find((language) => language.tag === tag)?.dir ?? "ltr";
        const source = html
          .replace(/<html lang="[^"]*"/, `<html lang="${tag}" dir="${dir}"`)
          .replace("</head>", `  <link rel="modulepreload" crossorigin href="/${chunk}" />\n  </head>`);
        this.emitFile({ type: "asset", fileName: `index.${tag}.html`, source });
      }
    },
  };
}

function catalogChunks(bundle: Rollup.OutputBundle): Map<string, string> {
  const chunks = new Map<string, string>();
  for (const output of Object.values(bundle)) {
    if (output.type !== "chunk" || !output.facadeModuleId) continue;
    const tag = CATALOG_MODULE.exec(output.facadeModuleId)?.[1];
    if (tag) chunks.set(tag, output.fileName);
  }
  return chunks;
}
