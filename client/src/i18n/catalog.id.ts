/** The Indonesian (Bahasa Indonesia) catalog, loaded on demand when the person's language is Indonesian. */

import { id } from "./id/index.js";
import type { Catalog } from "./index.js";

export const catalog: Catalog = id;
