import { id } from "./id/index.js";
import type { Catalog } from "./index.js";

/** The Indonesian (Bahasa Indonesia) catalog, loaded on demand when the person's language is Indonesian. */
export const catalog: Catalog = id;
