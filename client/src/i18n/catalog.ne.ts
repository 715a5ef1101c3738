/** The Nepali catalog, loaded on demand when Nepali is chosen. */
import type { Catalog } from "./index.js";
import { ne } from "./ne/index.js";

export const catalog: Catalog = ne;
