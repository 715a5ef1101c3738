import { z } from "zod";

/**
 * C0/C1 controls, line separators, zero-width space/BOM, and the bidi marks that can
 * disguise a name. Zero-width (non-)joiners U+200C/U+200D stay allowed: Bengali, Nepali
 * and other scripts (and emoji) need them.
 */
const FORBIDDEN_NAME_CHARS = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/u;
/** Longer text may have line breaks and tabs, but no other controls or bidi overrides. */
const FORBIDDEN_TEXT_CHARS = /[^\P{Cc}\n\r\t]|[\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** Text that names something (a person, a workshop, a room): one line, trimmed, NFC. */
export function nameText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((raw) => raw.normalize("NFC").trim())
    .refine((text) => !FORBIDDEN_NAME_CHARS.test(text), {
      message: "contains control or direction-override characters",
    })
    .refine((text) => text.length > 0, { message: "must not be empty" })
    .refine((text) => [...text].length <= max, { message: `must be at most ${max} characters` });
}

/** Free text people write (a topic, a message): trimmed, NFC, line breaks allowed, may be empty. */
export function freeText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((raw) => raw.normalize("NFC").trim())
    .refine((text) => !FORBIDDEN_TEXT_CHARS.test(text), {
      message: "contains control or direction-override characters",
    })
    .refine((text) => [...text].length <= max, { message: `must be at most ${max} characters` });
}
