/**
 * A language's catalog is put together from one part per feature (`i18n/<language>/*.ts`) by object
 * spread, which would let a key in two parts silently take the later part's wording (one big object
 * literal refused that). `DisjointParts<[A, B, ...]>` is `true` when no key is in two parts, and
 * otherwise the keys that are; `Assert` turns the latter into a compile error that names them.
 */
export type DisjointParts<Parts extends readonly object[], Seen extends PropertyKey = never> = Parts extends readonly [
  infer First extends object,
  ...infer Rest extends readonly object[],
]
  ? [Extract<keyof First, Seen>] extends [never]
    ? DisjointParts<Rest, Seen | keyof First>
    : Extract<keyof First, Seen>
  : true;

export type Assert<Check extends true> = Check;

/**
 * A translated part (`i18n/<language>/<part>.ts`): every key of the English part, each with its
 * own wording; a missing or extra key is a compile error.
 */
export type Translation<EnglishPart> = { readonly [K in keyof EnglishPart]: string };
