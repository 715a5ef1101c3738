import { type Request, Router } from "express";
import { DomainError } from "../domain/errors.js";
import { bearerToken, sendDomainError, sendError } from "./errors.js";

export type DownloadFormat = "csv" | "json" | "md" | "html";

export interface Download {
  /** Without extension; may hold any characters (sent as RFC 5987 filename*, with an ASCII fallback). */
  baseName: string;
  /** The file in the format asked for. */
  body: () => string;
}

const CONTENT_TYPE: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** A downloaded HTML file may hold nothing that runs, whatever its content. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

/** JSON as every download writes it. */
export function jsonBody(data: unknown): string {
  return JSON.stringify(data, null, 2);
}

export function contentDisposition(baseName: string, extension: string): string {
  const ascii =
    baseName
      .normalize("NFKD")
      // Accents go (é -> e); letters with no ASCII form become dashes.
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "") || "download";
  if (ascii === baseName) return `attachment; filename="${ascii}.${extension}"`;
  const encoded = encodeURIComponent(`${baseName}.${extension}`).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}

/**
 * A GET that downloads a file (CSV as UTF-8 with a BOM, so spreadsheets read accents),
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
      const body = download.body();
      res.set("Cache-Control", "no-store");
      res.set("Content-Disposition", contentDisposition(download.baseName, params.format));
      if (params.format === "html") res.set("Content-Security-Policy", HTML_CSP);
      res.type(CONTENT_TYPE[params.format]).send(params.format === "csv" ? `\uFEFF${body}` : body);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendDomainError(res, error);
    }
  });
  return router;
}
