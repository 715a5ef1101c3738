import type { Catalog } from "./index.js";
import { vi } from "./vi/index.js";

/** The Vietnamese (Tiếng Việt) catalog, loaded on demand when the person's language is Vietnamese. */
export const catalog: Catalog = vi;
