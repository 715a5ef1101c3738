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
