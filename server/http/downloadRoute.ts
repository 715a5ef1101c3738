import { type Request, Router } from "express";
import { DomainError } from "../domain/errors.js";
import { bearerToken, sendDomainError, sendError } from "./errors.js";

export type DownloadFormat = "csv" | "json";

export interface Download {
  /** Without extension. */
  baseName: string;
  data: unknown;
  csv: () => string;
}

/**
 * A GET that downloads data as JSON or CSV (UTF-8 with a BOM, so spreadsheets read accents),
 * authorised by `Authorization: Bearer <sessionToken>`; the loader decides who may.
 */
export function downloadRoute<P extends { format: DownloadFormat }>(
  path: string,
  parse: (req: Request) => P | null,
  usage: string,
  load: (sessionToken: string, params: P) => Promise<Download>,
): Router {
  const router = Router();
  router.get(path, async (req, res) => {
    const params = parse(req);
    if (!params) {
      sendError(res, 400, "BAD_REQUEST", usage);
      return;
    }
    const token = bearerToken(req.get("authorization"));
    if (!token) {
      sendError(res, 401, "UNAUTHORIZED", "send your session token as Authorization: Bearer <token>");
      return;
    }
    try {
      const download = await load(token, params);
      res.set("Cache-Control", "no-store");
      res.set("Content-Disposition", `attachment; filename="${download.baseName}.${params.format}"`);
      if (params.format === "csv") res.type("text/csv; charset=utf-8").send(`\uFEFF${download.csv()}`);
      else res.type("application/json; charset=utf-8").send(JSON.stringify(download.data, null, 2));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendDomainError(res, error);
    }
  });
  return router;
}
