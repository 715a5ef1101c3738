import { createServer } from "node:http";
import { Server } from "socket.io";

/**
 * The baseline: a plain Socket.IO server with the workshop server's engine settings
 * (server/app.ts: transports, maxHttpBufferSize, ping timings), which accepts every
 * connection and does nothing else. No Express, no Redis, no adapter, no handlers.
 * Whatever the workshop server costs beyond this is the price of the workshop.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), MAX_MESSAGE_BYTES (default 64 KiB, as the server).
 */
const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error("bareServer: set PORT");
  process.exit(1);
}
const host = process.env.HOST ?? "127.0.0.1";

const httpServer = createServer((req, res) => {
  // Socket.IO answers its own path; this is only the readiness probe.
  res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "text/plain" });
  res.end(req.url === "/healthz" ? "ok" : "not found");
});

const io = new Server(httpServer, {
  serveClient: false,
  transports: ["websocket", "polling"],
  maxHttpBufferSize: Number(process.env.MAX_MESSAGE_BYTES ?? 64 * 1024),
  pingInterval: 20_000,
  pingTimeout: 25_000,
});

httpServer.listen(port, host);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  io.close(() => process.exit(0));
  httpServer.closeAllConnections();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
