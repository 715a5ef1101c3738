import { JOIN_CODE_SLOT } from "../../shared/joinPage.js";
import type { Catalog } from "../src/i18n/index.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The join form as static HTML, in the words of one catalog: the same fields (ids) as JoinView,
 * and the top bar's quick exit as a plain link. No test ids: tests wait for the app's own form.
 * Its button does nothing until the app takes over (`type="button"`: no submission that would
 * put a name in an address), which is a moment after the name is typed on any link.
 */
export function joinForm(t: Catalog): string {
  const text = (key: keyof Catalog) => escapeHtml(t[key]);
  return [
    `<div class="prerender" data-prerender="join">`,
    `<header class="topbar"><span class="brand">${text("app.name")}</span>`,
    `<a class="button leave" href="/exit" aria-label="${text("leave.label")}">${text("leave.button")}</a></header>`,
    `<main class="page"><section class="card" aria-labelledby="prerender-join-heading">`,
    `<h1 id="prerender-join-heading">${text("join.heading")}</h1>`,
    `<form novalidate>`,
    `<div class="field"><label for="join-code">${text("join.codeLabel")}</label>`,
    `<p class="hint" id="join-code-hint">${text("join.codeHint")}</p>`,
    `<input id="join-code" type="text" value="${JOIN_CODE_SLOT}" aria-describedby="join-code-hint" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32"></div>`,
    `<div class="field"><label for="join-name">${text("join.nameLabel")}</label>`,
    `<p class="hint" id="join-name-hint">${text("join.nameHint")}</p>`,
    `<input id="join-name" type="text" aria-describedby="join-name-hint" autocomplete="off" autofocus></div>`,
    `<button type="button" class="button primary">${text("join.submit")}</button>`,
    `</form></section></main></div>`,
  ].join("");
}

/** Enough style for the form until the stylesheet arrives (the app's own classes take over then). */
export const JOIN_PAGE_CSS = [
  ".prerender{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;color:#1b1f24}",
  ".prerender .topbar{display:flex;align-items:center;gap:.5rem;padding:.5rem 1rem;border-bottom:1px solid #d0d7de}",
  ".prerender .leave{margin-inline-start:auto;background:#b3261e;color:#fff;padding:.5rem 1rem;border-radius:8px;font-weight:600;text-decoration:none}",
  ".prerender .page{max-width:56rem;margin:0 auto;padding:1rem}",
  ".prerender label{display:block;font-weight:600}",
  ".prerender .hint{color:#57606a;font-size:.875rem;margin:0 0 .375rem}",
  ".prerender input{box-sizing:border-box;width:100%;min-height:2.75rem;font:inherit;margin-bottom:1rem}",
  ".prerender .primary{min-height:2.75rem;padding:.5rem 1rem;font:inherit;font-weight:600;background:#0b5cad;color:#fff;border:0;border-radius:8px}",
].join("");
