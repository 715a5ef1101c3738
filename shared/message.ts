/**
 * Fills a catalog message: `{name}` takes a parameter (numbers formatted for the language), and
 * `{count, plural, one {# vote} other {# votes}}` picks the branch the language's own plural rules
 * choose for the number (`Intl.PluralRules`: Bengali says "one" for 0 too; Thai has only
 * "other"), `=0 {...}` matching a number exactly first; `#` is the number. ICU MessageFormat's
 * syntax, the part of it this interface needs. The result is text, never HTML.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

export function formatMessage(template: string, params: MessageParams | undefined, locale: string): string {
  if (!template.includes("{")) return template;
  return render(template, params ?? {}, locale, null);
}

function render(template: string, params: MessageParams, locale: string, hash: number | null): string {
  let out = "";
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (char === "#" && hash !== null) {
      out += formatNumber(hash, locale);
      index++;
      continue;
    }
    if (char !== "{") {
      out += char;
      index++;
      continue;
    }
    const end = matchingBrace(template, index);
    if (end < 0) return out + template.slice(index);
    out += placeholder(template.slice(index + 1, end), params, locale);
    index = end + 1;
  }
  return out;
}

function placeholder(inner: string, params: MessageParams, locale: string): string {
  const comma = inner.indexOf(",");
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  const value = params[name];
  if (comma < 0) {
    if (value === undefined) return `{${inner}}`;
    return typeof value === "number" ? formatNumber(value, locale) : value;
  }
  const rest = inner.slice(comma + 1);
  const kind = rest.slice(0, rest.indexOf(",")).trim();
  if (kind !== "plural" || typeof value !== "number") return `{${inner}}`;
  const branches = parseBranches(rest.slice(rest.indexOf(",") + 1));
  const branch =
    branches.get(`=${value}`) ?? branches.get(new Intl.PluralRules(locale).select(value)) ?? branches.get("other");
  return branch === undefined ? `{${inner}}` : render(branch, params, locale, value);
}

/** `one {…} other {…}` → selector → text. */
function parseBranches(source: string): Map<string, string> {
  const branches = new Map<string, string>();
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf("{", index);
    if (open < 0) break;
    const selector = source.slice(index, open).trim();
    const close = matchingBrace(source, open);
    if (close < 0) break;
    branches.set(selector, source.slice(open + 1, close));
    index = close + 1;
  }
  return branches;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}" && --depth === 0) return index;
  }
  return -1;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** The placeholders a message uses (`{name}`, and the number of every plural), for checking translations. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  collect(template, names);
  return [...names].sort();
}

function collect(template: string, names: Set<string>): void {
  let index = template.indexOf("{");
  while (index >= 0) {
    const end = matchingBrace(template, index);
    if (end < 0) return;
    const inner = template.slice(index + 1, end);
    const comma = inner.indexOf(",");
    names.add((comma < 0 ? inner : inner.slice(0, comma)).trim());
    if (comma >= 0) {
      const rest = inner.slice(comma + 1);
      for (const branch of parseBranches(rest.slice(rest.indexOf(",") + 1)).values()) collect(branch, names);
    }
    index = template.indexOf("{", end + 1);
  }
}
