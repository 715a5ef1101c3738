import type { ErrorCode } from "../../../shared/protocol.js";
import { en } from "./en/index.js";

export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalog, with any wording. */
export type Catalog = { readonly [K in MessageKey]: string };

const catalogs: Readonly<Record<string, Catalog>> = { en };

function pickLocale(): string {
  const wanted = typeof navigator === "undefined" ? [] : navigator.languages;
  for (const tag of wanted) {
    const base = tag.toLowerCase().split("-")[0] ?? "";
    if (Object.hasOwn(catalogs, base)) return base;
  }
  return "en";
}

export const locale = pickLocale();
const catalog: Catalog = catalogs[locale] ?? en;

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks a message up and fills its {placeholders}. The result is text: render it as a text node, never as HTML. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = catalog[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The catalog message for an ErrorCode (codes are stable; server messages are not shown as-is). */
export function errorMessage(code: ErrorCode | "network" | "timeout"): string {
  return t(`error.${code}`);
}

const numberFormat = new Intl.NumberFormat(locale);
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
