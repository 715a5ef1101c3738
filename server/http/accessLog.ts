import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../logger.js";

/**
 * One line per HTTP request: method, what was asked for, status, time. Never a query string (a
 * report's options, a timezone) or a header (tokens travel in Authorization); an app page's path
 * is not written either (a join link carries its join code): it is logged as "app page". Probes
 * and scrapes are logged at debug, so they do not drown the rest.
 */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on("finish", () => {
      const path = loggedPath(req.path);
      const line = { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (path === "/healthz" || path === "/readyz" || path === "/metrics") logger.debug(line, "http");
      else logger.info(line, "http");
    });
    next();
  };
}

function loggedPath(path: string): string {
  if (path.startsWith("/api/") || path.startsWith("/assets/")) return path;
  if (path === "/healthz" || path === "/readyz" || path === "/metrics" || path === "/favicon.svg") return path;
  return "app page";
}
