/** The Thai catalog, loaded on demand when Thai is the chosen language. */
import type { Catalog } from "./index.js";
import { th } from "./th/index.js";

export const catalog: Catalog = th;
