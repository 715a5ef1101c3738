import { normaliseAnswer, wordsOfAnswer } from "../polls/tally.js";

/**
 * Words that send a question to the moderators flagged (never dropped): a moderator reads it
 * and decides. Per language; deployments add their own with QNA_WORD_LIST_FILE (JSON
 * `{"en": ["..."], "th": ["..."]}`). The built-in English list is deliberately short and about
 * spam and abuse; a forum's own list knows its languages and its risks better.
 */
export const BUILT_IN_WORD_LISTS: Readonly<Record<string, readonly string[]>> = {
  en: [
    "fuck",
    "fucking",
    "shit",
    "bitch",
    "bastard",
    "asshole",
    "cunt",
    "whore",
    "slut",
    "retard",
    "kill yourself",
    "kys",
    "casino",
    "viagra",
    "crypto giveaway",
    "click here",
    "free money",
  ],
  // Each list was written with the interface's translators; several words (e.g. for "prostitute")
  // also occur in survivors' own accounts: they only send a question to the moderators to read.
  id: [
    "anjing",
    "bangsat",
    "bajingan",
    "brengsek",
    "kontol",
    "memek",
    "ngentot",
    "goblok",
    "tolol",
    "lonte",
    "jancuk",
    "asu",
    "kampret",
    "bunuh dirimu",
    "klik di sini",
    "uang gratis",
    "judi online",
    "slot gacor",
    "togel",
    "pinjol",
  ],
  // Thai is matched inside the text (no spaces between words): no short term that hides in common words.
  th: [
    "คลิกที่นี่",
    "เงินฟรี",
    "รวยเร็ว",
    "กู้เงินด่วน",
    "สล็อต",
    "บาคาร่า",
    "คาสิโน",
    "เว็บพนัน",
    "แทงบอล",
    "คุณถูกรางวัล",
    "ทักไลน์",
    "เหี้ย",
    "ไอ้สัตว์",
    "อีดอก",
    "ดอกทอง",
    "ไอ้ควาย",
    "ระยำ",
    "ชาติหมา",
    "กะหรี่",
    "มึง",
    "ไปตายซะ",
    "ฆ่าตัวตายซะ",
  ],
  vi: [
    "đụ",
    "địt",
    "đmm",
    "vcl",
    "vãi lồn",
    "cặc",
    "lồn",
    "con đĩ",
    "đồ chó",
    "óc chó",
    "thằng ngu",
    "chết đi",
    "bấm vào đây",
    "nhấn vào đây",
    "tiền miễn phí",
    "kiếm tiền nhanh",
    "vay tiền nhanh",
    "nhà cái",
    "lô đề",
    "cá cược",
  ],
  bn: [
    "এখানে ক্লিক করুন",
    "বিনামূল্যে টাকা",
    "ফ্রি টাকা",
    "লটারি",
    "ক্যাসিনো",
    "বেটিং",
    "জুয়া",
    "হারামজাদা",
    "হারামি",
    "কুত্তার বাচ্চা",
    "শুয়োরের বাচ্চা",
    "খানকি",
    "মাগি",
    "শালা",
    "বোকাচোদা",
    "চোদা",
    "জাউরা",
    "মরে যা",
    "আত্মহত্যা কর",
  ],
  // Recruitment-scam wording ("guaranteed job or visa abroad") matters for this audience.
  ne: [
    "मुर्ख",
    "गधा",
    "साला",
    "मुजी",
    "हरामी",
    "रण्डी",
    "मार्छु",
    "मारिदिन्छु",
    "यहाँ क्लिक गर्नुहोस्",
    "लिङ्कमा क्लिक",
    "फ्री पैसा",
    "सित्तैमा पैसा",
    "लटरी जित्नुभयो",
    "नाफा ग्यारेन्टी",
    "विदेशमा जागिर पक्का",
    "भिसा ग्यारेन्टी",
  ],
  ur: [
    "بیوقوف",
    "گدھا",
    "حرامی",
    "کمینہ",
    "کنجر",
    "رنڈی",
    "خنزیر",
    "چوتیا",
    "بہنچود",
    "مار دوں گا",
    "یہاں کلک کریں",
    "مفت پیسے",
    "لاٹری جیت",
    "گارنٹی منافع",
    "بیرون ملک نوکری گارنٹی",
    "ویزا گارنٹی",
  ],
};

/** Scripts written without spaces between words: a term is looked for inside the text, not as a word. */
const UNSPACED = /[\u0E00-\u0EFF\u1780-\u17FF\u1000-\u109F]/u;
const NO_STOP_WORDS: ReadonlySet<string> = new Set();

export interface WordList {
  /** Terms matched as whole words. */
  words: ReadonlySet<string>;
  /** Phrases and unspaced-script terms matched inside the normalised text. */
  phrases: readonly string[];
}

export function buildWordList(lists: Readonly<Record<string, readonly string[]>>): WordList {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const terms of Object.values(lists)) {
    for (const raw of terms) {
      const term = normaliseAnswer(raw);
      if (term.length === 0) continue;
      if (term.includes(" ") || UNSPACED.test(term)) phrases.push(term);
      else words.add(term);
    }
  }
  return { words, phrases };
}

/** Both lists together: the built-in ones and a deployment's, language by language. */
export function mergeWordLists(
  ...lists: Array<Readonly<Record<string, readonly string[]>>>
): Record<string, readonly string[]> {
  const merged: Record<string, string[]> = {};
  for (const list of lists) {
    for (const [language, terms] of Object.entries(list)) merged[language] = [...(merged[language] ?? []), ...terms];
  }
  return merged;
}

export function matchesWordList(text: string, list: WordList): boolean {
  const normalised = normaliseAnswer(text);
  if (list.phrases.some((phrase) => normalised.includes(phrase))) return true;
  if (list.words.size === 0) return false;
  return wordsOfAnswer(normalised, NO_STOP_WORDS).some((word) => list.words.has(word));
}
