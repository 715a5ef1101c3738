import { directionOf, type LanguageTag } from "../../../shared/languages.js";
import { formatMessage, type MessageParams } from "../../../shared/message.js";
import { dateOf, dateTimeOf, timeOf } from "./dates.js";
import { REPORT_CATALOGS, type ReportMessageKey } from "./i18n/index.js";

/**
 * Everything a renderer needs to write the report in one language: its messages, numbers and
 * dates, and its direction. English keeps the forms the report had before it spoke other
 * languages (ISO dates, numbers without grouping: "1200 people"), so English reports stay
 * byte-for-byte what they were; other languages get Intl's forms (their digits, their month
 * names, their calendar: Thai dates count Buddhist Era years).
 */
export interface ReportWords {
  readonly lang: LanguageTag;
  readonly dir: "ltr" | "rtl";
  /** A message of the report catalog, filled (shared/message.ts). Plain text. */
  t(key: ReportMessageKey, params?: MessageParams): string;
  number(value: number): string;
  date(ms: number, timeZone: string): string;
  /** Date and time with the zone named. */
  dateTime(ms: number, timeZone: string): string;
  /** The time of day only (the end of a session whose start gave the date and zone). */
  time(ms: number, timeZone: string): string;
}

/**
 * `en-US-u-va-posix` is English without grouping separators: plurals and numbers in messages as
 * they were written before ("1200 people", not "1,200 people").
 */
const ENGLISH_MESSAGE_LOCALE = "en-US-u-va-posix";

const cache = new Map<LanguageTag, ReportWords>();

export function reportWords(lang: LanguageTag): ReportWords {
  let words = cache.get(lang);
  if (!words) {
    words = lang === "en" ? englishWords() : intlWords(lang);
    cache.set(lang, words);
  }
  return words;
}

function englishWords(): ReportWords {
  const catalog = REPORT_CATALOGS.en;
  return {
    lang: "en",
    dir: "ltr",
    t: (key, params) => formatMessage(catalog[key], params, ENGLISH_MESSAGE_LOCALE),
    number: (value) => String(value),
    date: dateOf,
    dateTime: dateTimeOf,
    time: timeOf,
  };
}

function intlWords(lang: LanguageTag): ReportWords {
  const catalog = REPORT_CATALOGS[lang];
  const t = (key: ReportMessageKey, params?: MessageParams) => formatMessage(catalog[key], params, lang);
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  // A formatter per zone: a report asks for one zone, a long-running server for a few.
  const formatters = new Map<
    string,
    { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat }
  >();
  const formattersIn = (timeZone: string) => {
    let pair = formatters.get(timeZone);
    if (!pair) {
      pair = {
        date: new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone }),
        dateTime: new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZone }),
        time: new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone }),
      };
      formatters.set(timeZone, pair);
    }
    return pair;
  };
  return {
    lang,
    dir: directionOf(lang),
    t,
    number: (value) => numbers.format(value),
    date: (ms, timeZone) => formattersIn(timeZone).date.format(ms),
    dateTime: (ms, timeZone) => t("dateTimeInZone", { dateTime: formattersIn(timeZone).dateTime.format(ms), timeZone }),
    time: (ms, timeZone) => formattersIn(timeZone).time.format(ms),
  };
}
