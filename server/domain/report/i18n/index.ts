import type { LanguageTag } from "../../../../shared/languages.js";
import { bn } from "./bn.js";
import { en, type ReportCatalog } from "./en.js";
import { id } from "./id.js";
import { ne } from "./ne.js";
import { th } from "./th.js";
import { ur } from "./ur.js";
import { vi } from "./vi.js";

export type { ReportCatalog, ReportMessageKey } from "./en.js";

/**
 * The report's words in every language the interface speaks (a `Record` over `LanguageTag`, so a
 * language without a catalog is a type error). All are loaded: the server renders any of them,
 * and the whole set is a few kilobytes.
 */
export const REPORT_CATALOGS: Readonly<Record<LanguageTag, ReportCatalog>> = { en, id, th, vi, bn, ne, ur };
