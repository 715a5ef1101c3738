import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { createRuntime } from "./runtime.js";

/** The built client sits beside the compiled server (dist/client) or under dist/ when run from source. */
function defaultClientDir(): string | undefined {
  const candidates = ["../client", "../dist/client"].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(`${dir}/index.html`));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await createRuntime(config, logger);
  const app = createApp({
    config: { ...config, CLIENT_DIR: config.CLIENT_DIR ?? defaultClientDir() },
    stores: runtime.stores,
    logger,
    nodeId: runtime.nodeId,
    keys: runtime.keys,
    adapter: runtime.adapter,
  });
  app.httpServer.once("error", (error: NodeJS.ErrnoException) => {
    const where = `${config.HOST}:${config.PORT}`;
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${config.PORT} is already in use on ${config.HOST} (PORT): stop what holds it or pick another`
        : error.code === "EACCES"
          ? `not allowed to listen on ${where} (PORT below 1024 needs privileges)`
          : `cannot listen on ${where}: ${error.message}`;
    logger.error(reason);
    console.error(reason);
    process.exit(1);
  });
  app.httpServer.listen(config.PORT, config.HOST, () => {
    const address = app.httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info({ port, store: runtime.stores.kind, nodeId: runtime.nodeId }, `listening on http://localhost:${port}`);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Whatever hangs past the grace time (a store that does not answer), the process still ends.
    setTimeout(() => {
      logger.error("shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 5000).unref();
    await app.drain(config.SHUTDOWN_GRACE_MS);
    await app.close();
    await runtime.close();
    logger.info("shut down");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
