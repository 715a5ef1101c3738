import type { ComponentChild } from "preact";
import { type MessageKey, type MessageParams, t } from "./index.js";

/** A character no message contains: marks where a slot goes in the formatted text. */
const MARK = "\u0000";

/**
 * A message with live parts in it (a ticking timer): `slots` are placed where the message puts
 * their placeholder, so each language orders the sentence its own way ("{time} पछि बन्द हुन्छ"),
 * instead of text with the timer glued after it.
 */
export function tSlots(
  key: MessageKey,
  slots: Readonly<Record<string, ComponentChild>>,
  params: MessageParams = {},
): ComponentChild[] {
  const marked = t(key, {
    ...params,
    ...Object.fromEntries(Object.keys(slots).map((name) => [name, `${MARK}${name}${MARK}`])),
  });
  return marked.split(MARK).map((part, index) => (index % 2 === 1 ? (slots[part] ?? "") : part));
}
