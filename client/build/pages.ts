import type { Plugin, Rollup } from "vite";
import { LANGUAGES, type LanguageTag } from "../../shared/languages.js";
import { catalog as bn } from "../src/i18n/catalog.bn.js";
import { catalog as id } from "../src/i18n/catalog.id.js";
import { catalog as ne } from "../src/i18n/catalog.ne.js";
import { catalog as th } from "../src/i18n/catalog.th.js";
import { catalog as ur } from "../src/i18n/catalog.ur.js";
import { catalog as vi } from "../src/i18n/catalog.vi.js";
import { en } from "../src/i18n/en/index.js";
import type { Catalog } from "../src/i18n/index.js";
import { JOIN_PAGE_CSS, joinForm } from "./joinForm.js";

const CATALOGS: Record<LanguageTag, Catalog> = { en, id, th, vi, bn, ne, ur };
const CATALOG_MODULE = /\/i18n\/catalog\.([a-z]{2})\.ts$/;

/**
 * The pages the server sends, per language (server/http/clientRoutes.ts picks one by the
 * person's choice or the browser's languages):
 * - `index.<tag>.html`: the app's page with `<html lang dir>` set and the language's catalog
 *   preloaded, so a phone on a weak link fetches its language with the app, not a round trip later;
 * - `join.<tag>.html` (and `join.html`): the same with the join form already in it, in the
 *   language, usable before any script arrives (typing takes longer than the script's download:
 *   the app takes the form over with what was typed, client/src/views/prerenderedJoin.ts). Its
 *   stylesheet moves after the form, and a few lines of inline CSS style the form meanwhile.
 */
export function languagePages(): Plugin {
  return {
    name: "workshop-language-pages",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") return;
      const html = String(index.source);
      const catalogs = catalogChunks(bundle);
      for (const { tag, dir } of LANGUAGES) {
        const chunk = catalogs.get(tag);
        const page =
          tag === "en"
            ? html
            : html
                .replace(/<html lang="[^"]*"/, `<html lang="${tag}" dir="${dir}"`)
                .replace("</head>", `  <link rel="modulepreload" crossorigin href="/${chunk}" />\n  </head>`);
        if (tag !== "en" && chunk) this.emitFile({ type: "asset", fileName: `index.${tag}.html`, source: page });
        this.emitFile({
          type: "asset",
          fileName: tag === "en" ? "join.html" : `join.${tag}.html`,
          source: withJoinForm(page, CATALOGS[tag]),
        });
      }
    },
  };
}

/** The page with the join form in `#app` and its stylesheet after it (so it does not hold the form back). */
function withJoinForm(page: string, catalog: Catalog): string {
  const stylesheets = page.match(/ *<link rel="stylesheet"[^>]*>\n?/g) ?? [];
  let out = page;
  for (const link of stylesheets) out = out.replace(link, "");
  return out
    .replace("</head>", `  <style>${JOIN_PAGE_CSS}</style>\n  </head>`)
    .replace('<div id="app"></div>', `<div id="app">${joinForm(catalog)}</div>\n    ${stylesheets.join("").trim()}`);
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
