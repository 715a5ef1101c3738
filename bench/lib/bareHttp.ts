import { createServer, type Server as HttpServer } from "node:http";
import { Server } from "socket.io";

/**
 * What the bench's own servers (bench/bareServer.ts, bench/tallyServers.ts) share: the port
 * from PORT, an HTTP server answering /healthz (the readiness probe) and a few JSON routes the
 * orchestrator reads, a Socket.IO server with the workshop server's engine settings
 * (server/app.ts: transports, maxHttpBufferSize, ping timings), and a clean stop on SIGTERM.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), MAX_MESSAGE_BYTES (default 64 KiB, as the server).
 */
export function startHttp(name: string, routes: Record<string, () => unknown> = {}): HttpServer {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) {
    console.error(`${name}: set PORT`);
    process.exit(1);
  }
  const httpServer = createServer((req, res) => {
    // Socket.IO answers its own path; these are the probe and the orchestrator's reads.
    const route = req.url ? routes[req.url] : undefined;
    if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    } else if (route) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(route()));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  httpServer.listen(port, process.env.HOST ?? "127.0.0.1");
  return httpServer;
}

export function bareSocketIo(httpServer: HttpServer): Server {
  return new Server(httpServer, {
    serveClient: false,
    transports: ["websocket", "polling"],
    maxHttpBufferSize: Number(process.env.MAX_MESSAGE_BYTES ?? 64 * 1024),
    pingInterval: 20_000,
    pingTimeout: 25_000,
  });
}

/** On SIGINT or SIGTERM: close (once), then exit 0 when it calls back. */
export function exitOnSignal(httpServer: HttpServer, close: (done: () => void) => void): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close(() => process.exit(0));
    httpServer.closeAllConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
