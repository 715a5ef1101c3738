import { Router } from "express";
import type { Metrics } from "../metrics.js";
import type { Stores } from "../store/stores.js";

/** Liveness, readiness and Prometheus metrics for the orchestrator and the operator. */
export function opsRoutes(
  stores: Stores,
  metrics: Metrics,
  /** Why this node should take no new people now although the store answers (null: no reason). */
  notReadyBecause: () => string | null = () => null,
): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "alive" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      await stores.ping();
      const reason = notReadyBecause();
      if (reason) {
        res.status(503).json({ status: "not ready", store: stores.kind, reason });
        return;
      }
      res.json({ status: "ready", store: stores.kind });
    } catch {
      res.status(503).json({ status: "not ready", store: stores.kind });
    }
  });
  router.get("/metrics", async (_req, res) => {
    metrics.storeUp.set(
      await stores.ping().then(
        () => 1,
        () => 0,
      ),
    );
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
