import { bareSocketIo, exitOnSignal, startHttp } from "./lib/bareHttp.js";

/**
 * The baseline: a plain Socket.IO server with the workshop server's engine settings
 * (server/app.ts: transports, maxHttpBufferSize, ping timings), which accepts every
 * connection and does nothing else. No Express, no Redis, no adapter, no handlers.
 * Whatever the workshop server costs beyond this is the price of the workshop.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), MAX_MESSAGE_BYTES (default 64 KiB, as the server).
 */
const httpServer = startHttp("bareServer");
const io = bareSocketIo(httpServer);
exitOnSignal(httpServer, (done) => io.close(() => done()));
