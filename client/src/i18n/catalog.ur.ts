/** The Urdu catalog, loaded on demand when Urdu is chosen. */
import type { Catalog } from "./index.js";
import { ur } from "./ur/index.js";

export const catalog: Catalog = ur;
