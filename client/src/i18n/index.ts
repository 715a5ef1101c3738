import { bestLanguage, directionOf, isLanguageTag, LANGUAGES, type LanguageTag } from "../../../shared/languages.js";
import { formatMessage, type MessageParams } from "../../../shared/message.js";
import type { ErrorCode } from "../../../shared/protocol.js";
import { en } from "./en/index.js";

export type { MessageParams } from "../../../shared/message.js";
export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalog, with any wording. */
export type Catalog = { readonly [K in MessageKey]: string };

/**
 * The other languages' catalogs (`i18n/catalog.<tag>.ts`, each put together from its parts in
 * `i18n/<tag>/`), loaded only when chosen: a phone downloads English or its own language, never
 * all seven.
 */
const loaders = import.meta.glob<{ catalog: Catalog }>("./catalog.*.ts");

function loaderOf(tag: LanguageTag) {
  return loaders[`./catalog.${tag}.ts`];
}

/** The languages this build has a catalog for, in the picker's order. */
export const languages = LANGUAGES.filter((language) => language.tag === "en" || loaderOf(language.tag) !== undefined);
const available = languages.map((language) => language.tag);

const STORAGE_KEY = "workshop.language";

function storedLanguage(): LanguageTag | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (!isLanguageTag(stored) || !available.includes(stored)) return null;
    // A choice made before the server learnt it from a cookie (or the cookie expired): tell it again.
    if (!document.cookie.includes(`workshop_language=${stored}`)) rememberForServer(stored);
    return stored;
  } catch {
    return null;
  }
}

function pickLocale(): LanguageTag {
  const preferred = typeof navigator === "undefined" ? [] : navigator.languages;
  return storedLanguage() ?? bestLanguage(preferred, available) ?? "en";
}

/** The person's language: the one they chose, else the browser's first we speak, else English. */
export const locale: LanguageTag = pickLocale();
let catalog: Catalog = en;

/**
 * Loads the language's catalog (before the first render) and sets `<html lang dir>`. English is in
 * the page already; a catalog that cannot load (offline, not kept) leaves English.
 */
export async function loadLanguage(): Promise<void> {
  const load = locale === "en" ? undefined : loaderOf(locale);
  if (load) {
    try {
      catalog = (await load()).catalog;
    } catch {
      catalog = en;
    }
  }
  const shown = catalog === en ? "en" : locale;
  document.documentElement.lang = shown;
  document.documentElement.dir = directionOf(shown);
}

/**
 * The person picks a language: kept on this device and the page reloads in it (the session and
 * the last state are kept in the tab, so the reload is quick and nothing is lost).
 */
export function chooseLanguage(tag: LanguageTag): void {
  try {
    localStorage.setItem(STORAGE_KEY, tag);
  } catch {
    // Storage refused: the choice lasts until the next reload.
  }
  rememberForServer(tag);
  location.reload();
}

/**
 * The server sends the page in the chosen language with its catalog preloaded (one round trip
 * less on a weak link): it learns the choice from this cookie (`workshop_language`, the
 * language tag and nothing else).
 */
function rememberForServer(tag: LanguageTag): void {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, set once on a choice.
  document.cookie = `workshop_language=${tag}; path=/; max-age=31536000; SameSite=Lax`;
}

/** Looks a message up and fills it (message.ts). The result is text: render it as a text node, never as HTML. */
export function t(key: MessageKey, params?: MessageParams): string {
  return formatMessage(catalog[key] ?? en[key], params, catalog === en ? "en" : locale);
}

/** The catalog message for an ErrorCode (codes are stable; server messages are not shown as-is). */
export function errorMessage(code: ErrorCode | "network" | "timeout"): string {
  return t(`error.${code}`);
}

const numberFormat = new Intl.NumberFormat(locale);
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
