import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/** Serves the built browser client; every non-API path gets index.html (client-side routing). */
export function clientRoutes(clientDir: string | undefined): Router {
  const router = Router();
  const indexFile = clientDir ? path.join(clientDir, "index.html") : undefined;
  if (!clientDir || !indexFile || !existsSync(indexFile)) {
    router.get("/", (_req, res) => {
      res.type("text").send("The browser client is not built. Run `npm run build` (npm start does it for you).");
    });
    return router;
  }
  router.use(express.static(clientDir, { index: false, maxAge: "1h" }));
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexFile);
  });
  return router;
}
