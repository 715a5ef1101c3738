/** The Bengali catalog, loaded on demand when Bengali is the chosen language. */

import { bn } from "./bn/index.js";
import type { Catalog } from "./index.js";

export const catalog: Catalog = bn;
