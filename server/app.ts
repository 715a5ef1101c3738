import { createServer, type Server as HttpServer } from "node:http";
import type { createShardedAdapter } from "@socket.io/redis-adapter";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { Server } from "socket.io";
import type { CommandName } from "../shared/events.js";
import { type Config, readWordListFile } from "./config.js";
import type { Actor } from "./domain/commands.js";
import { BUILT_IN_WORD_LISTS, buildWordList, mergeWordLists } from "./domain/qna/wordList.js";
import { accessLog } from "./http/accessLog.js";
import { clientRoutes } from "./http/clientRoutes.js";
import { errorHandler } from "./http/errors.js";
import { opsRoutes } from "./http/opsRoutes.js";
import { pollRoutes } from "./http/pollRoutes.js";
import { qnaRoutes } from "./http/qnaRoutes.js";
import { reportRoutes } from "./http/reportRoutes.js";
import { workshopRoutes } from "./http/workshopRoutes.js";
import { type LocalSockets, startNodeLiveness } from "./jobs/nodeLiveness.js";
import { startSharedTimers } from "./jobs/sharedTimers.js";
import type { Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { breakoutHandlers } from "./realtime/breakoutHandlers.js";
import { callHandlers } from "./realtime/callHandlers.js";
import { ChatFeed } from "./realtime/chatFeed.js";
import { chatHandlers } from "./realtime/chatHandlers.js";
import { attachCommands, commandTable } from "./realtime/defineHandler.js";
import { Drain } from "./realtime/drain.js";
import { EventFeed } from "./realtime/eventFeed.js";
import { HandsFeed } from "./realtime/handsFeed.js";
import { handsHandlers } from "./realtime/handsHandlers.js";
import { handshakeMiddleware } from "./realtime/handshake.js";
import { jsonEventParser } from "./realtime/jsonParser.js";
import { unfollowLeftRooms } from "./realtime/notesFollowers.js";
import { notesHandlers } from "./realtime/notesHandlers.js";
import { isOriginAllowed } from "./realtime/originPolicy.js";
import { PersonSockets } from "./realtime/personSockets.js";
import { pollHandlers } from "./realtime/pollHandlers.js";
import { PollResultsFeed } from "./realtime/pollResultsFeed.js";
import { programmeHandlers } from "./realtime/programmeHandlers.js";
import { QnaFeed } from "./realtime/qnaFeed.js";
import { qnaHandlers } from "./realtime/qnaHandlers.js";
import { createRateLimiter } from "./realtime/rateLimit.js";
import { ReactionsFeed } from "./realtime/reactionsFeed.js";
import { reportHandlers } from "./realtime/reportHandlers.js";
import { rosterHandlers } from "./realtime/rosterHandlers.js";
import { attachSession } from "./realtime/session.js";
import { startSlowClientGuard } from "./realtime/slowClients.js";
import { SupportFeed } from "./realtime/supportFeed.js";
import { supportHandlers } from "./realtime/supportHandlers.js";
import type { WorkshopServer } from "./realtime/types.js";
import { workshopHandlers } from "./realtime/workshopHandlers.js";
import type { ServerKeys } from "./security/serverKeys.js";
import { Authorizer } from "./services/authorizer.js";
import { BreakoutService } from "./services/breakoutService.js";
import { CallService } from "./services/callService.js";
import { ChatService } from "./services/chatService.js";
import { ChatReader } from "./services/delivery/chatReader.js";
import { EventLogReader } from "./services/delivery/eventLogReader.js";
import { PollResultsReader } from "./services/delivery/pollResultsReader.js";
import { QnaChangesReader } from "./services/delivery/qnaChangesReader.js";
import { SupportReader } from "./services/delivery/supportReader.js";
import { DoorLimits } from "./services/doorLimits.js";
import { HandsService } from "./services/handsService.js";
import { NotesService } from "./services/notes/notesService.js";
import { UpdateValidator } from "./services/notes/updateValidator.js";
import { PollService } from "./services/pollService.js";
import { PresenceService } from "./services/presenceService.js";
import { ProgrammeService } from "./services/programmeService.js";
import { QnaService } from "./services/qnaService.js";
import { ReportService } from "./services/reportService.js";
import { RetentionService } from "./services/retentionService.js";
import { RoomSupportService } from "./services/roomSupportService.js";
import { StoreEpoch } from "./services/storeEpoch.js";
import { SupportService } from "./services/supportService.js";
import { VoterKeyring } from "./services/voterKeyring.js";
import { WorkshopService } from "./services/workshopService.js";
import type { Stores } from "./store/stores.js";

export interface AppDeps {
  config: Config;
  stores: Stores;
  logger: Logger;
  nodeId: string;
  /** The server key (ANONYMITY_KEY), the same as the store's. */
  keys: ServerKeys;
  adapter?: ReturnType<typeof createShardedAdapter>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface App {
  httpServer: HttpServer;
  io: WorkshopServer;
  metrics: Metrics;
  /** SIGTERM's first step: not ready at once, no new sockets, everyone moved off (server/realtime/drain.ts). */
  drain(graceMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Builds the HTTP and Socket.IO server for one node. No side effects until the caller listens. */
export function createApp(deps: AppDeps): App {
  const { config, stores, nodeId } = deps;
  // Every line this node writes says which node wrote it (several run behind one balancer).
  const logger = deps.logger.child({ nodeId });
  const metrics = createMetrics();
  stores.observeCalls((seconds, answered) => metrics.storeCallSeconds.observe({ answered: String(answered) }, seconds));
  const authorizer = new Authorizer(stores);
  const service = new WorkshopService(stores, authorizer, {
    retentionMs: config.RETENTION_DAYS * DAY_MS,
    joinsPerMinute: config.RATE_JOINS_PER_WORKSHOP_PER_MINUTE,
  });
  const retention = new RetentionService(stores, service, authorizer);
  const keyring = new VoterKeyring(stores.workshops, deps.keys);
  const limits = new DoorLimits(stores.rates, deps.keys, {
    createPerHour: config.RATE_CREATE_PER_HOUR,
    joinFailuresPerHour: config.RATE_JOIN_FAILURES_PER_HOUR,
    joinsPerAddressPerMinute: config.RATE_JOINS_PER_ADDRESS_PER_MINUTE,
  });
  const breakout = new BreakoutService(stores, service);
  const programme = new ProgrammeService(stores, service);
  const calls = new CallService(stores, service);
  const roomSupport = new RoomSupportService(stores);
  const support = new SupportService(stores);
  const hands = new HandsService(stores);
  const polls = new PollService(stores, service, authorizer, keyring);
  const qna = new QnaService(stores, service, keyring, {
    questionMax: config.QNA_QUESTION_MAX,
    questionsPerMinute: config.QNA_QUESTIONS_PER_MINUTE,
    votesPerSecond: config.QNA_VOTES_PER_SECOND,
    wordList: buildWordList(mergeWordLists(BUILT_IN_WORD_LISTS, readWordListFile(config.QNA_WORD_LIST_FILE))),
  });
  const chat = new ChatService(stores, qna, {
    historyMax: config.CHAT_HISTORY_MAX,
    messagesPerWindow: config.CHAT_MESSAGES_PER_WINDOW,
    windowMs: config.CHAT_WINDOW_SECONDS * 1000,
  });
  const notesValidator = new UpdateValidator(config.NOTES_DECODE_BUDGET_MS);
  const notes = new NotesService(stores, service, notesValidator, {
    updateMaxBytes: config.NOTES_UPDATE_MAX_BYTES,
    docMaxBytes: config.NOTES_DOC_MAX_BYTES,
    updatesPerSecond: config.NOTES_UPDATES_PER_SECOND,
    compactAfter: config.NOTES_COMPACT_AFTER,
  });
  const reports = new ReportService(stores, service, polls, notes, config.CHAT_HISTORY_MAX);
  const presence = new PresenceService(stores, config.MAX_CONNECTIONS_PER_PERSON);
  // Held not ready as long as a dead node takes to be noticed: every node then knows of the loss.
  const storeEpoch = new StoreEpoch(stores, config.NODE_DEAD_AFTER_MS, logger, metrics);

  const web = express();
  web.disable("x-powered-by");
  if (config.TRUST_PROXY) web.set("trust proxy", true);
  web.use(
    helmet({
      contentSecurityPolicy: {
        // QR codes are data: images. No upgrade-insecure-requests: a forum on a LAN address
        // over plain http would otherwise have its own scripts rewritten to https and fail.
        directives: { "img-src": ["'self'", "data:"], "upgrade-insecure-requests": null },
      },
    }),
  );
  // Reports, exports, metrics and JSON over weak links: compressed on the fly past 1 KiB. The
  // client's files are compressed at build time and sent with their encoding already set,
  // which this leaves alone; Socket.IO's own requests never reach Express.
  web.use(accessLog(logger));
  web.use(compression({ threshold: 1024 }));
  web.use(express.json({ limit: "16kb" }));
  // Made before the io server it drains: readiness must know from the first request.
  let drain: Drain | null = null;
  web.use(
    opsRoutes(stores, metrics, () =>
      drain?.draining ? "shutting down" : storeEpoch.lostRecently() ? "the store lost its data" : null,
    ),
  );
  web.use(
    workshopRoutes({
      service,
      retention,
      limits,
      logger,
      trustProxy: config.TRUST_PROXY,
      retentionDays: config.RETENTION_DAYS,
    }),
  );
  web.use(pollRoutes(polls));
  web.use(qnaRoutes(qna));
  web.use(reportRoutes(reports));
  web.use(clientRoutes(config.CLIENT_DIR));
  web.use(errorHandler(logger));

  const httpServer = createServer(web);
  const io: WorkshopServer = new Server(httpServer, {
    serveClient: false,
    transports: ["websocket", "polling"],
    maxHttpBufferSize: config.MAX_MESSAGE_BYTES,
    // ws applies the threshold only without context takeover (with it, every message would be deflated).
    perMessageDeflate:
      config.WS_DEFLATE_THRESHOLD_BYTES > 0
        ? { threshold: config.WS_DEFLATE_THRESHOLD_BYTES, serverNoContextTakeover: true }
        : false,
    parser: jsonEventParser,
    // Mobile data drops packets and sleeps radios: be patient before declaring a client gone.
    pingInterval: 20_000,
    pingTimeout: 25_000,
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req, config.ALLOWED_ORIGINS, config.TRUST_PROXY);
      callback(allowed ? null : "origin not allowed", allowed);
    },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });

  const personSockets = new PersonSockets();
  const feed = new EventFeed(
    io,
    new EventLogReader(stores),
    {
      personSockets,
      intervalMs: config.BROADCAST_INTERVAL_MS,
      safetyPollMs: 2000,
      // Found gone before the heartbeat noticed the loss: ask the store's epoch now.
      whyGone: async () =>
        (await storeEpoch.check()) || storeEpoch.lostRecently() ? "workshop_lost" : "workshop_deleted",
    },
    logger,
    metrics,
  );
  const liveness = startNodeLiveness(
    stores,
    nodeId,
    {
      heartbeatMs: config.NODE_HEARTBEAT_MS,
      deadAfterMs: config.NODE_DEAD_AFTER_MS,
      maxConnections: config.MAX_CONNECTIONS_PER_PERSON,
      storeEpoch,
    },
    logger,
    localSocketsOf(io, nodeId),
  );
  const pollResults = new PollResultsFeed(
    io,
    new PollResultsReader(stores, polls),
    feed,
    config.BROADCAST_INTERVAL_MS,
    logger,
    metrics,
  );
  feed.onDelivered.push(
    (workshopId, events) => pollResults.eventsDelivered(workshopId, events),
    unfollowLeftRooms(
      io,
      (workshopId) => feed.membersOf(workshopId),
      personSockets,
      (workshopId) => feed.currentRound(workshopId),
    ),
    (workshopId, events) => {
      // The end destroyed the salt in the store: this node lets go of what it unlocked too.
      if (events.some((event) => event.type === "workshop:updated" && event.workshop.status === "ended")) {
        keyring.forget(workshopId);
      }
    },
  );
  // A deletion closes the workshop's sockets here, and on every other node through the adapter
  // (a node that misses it finds the workshop gone at its next safety poll).
  retention.onDeleted.push((workshopId) => {
    keyring.forget(workshopId);
    feed.revokeWorkshop(workshopId, "workshop_deleted");
    // One process (the in-memory store) has no other node to tell.
    if (deps.adapter) io.serverSideEmit("workshop:deleted", workshopId);
  });
  // The store lost its data: every workshop served here that went with it ends, its people told why.
  storeEpoch.onLost.push(() => {
    feed
      .revokeVanished("workshop_lost")
      .then((lost) => {
        for (const workshopId of lost) keyring.forget(workshopId);
      })
      .catch(() => undefined); // the store is away again: the safety poll finds them next
  });
  io.on("workshop:deleted", (workshopId) => {
    keyring.forget(workshopId);
    feed.revokeWorkshop(workshopId, "workshop_deleted");
  });
  const qnaFeed = new QnaFeed(
    io,
    new QnaChangesReader(stores, qna),
    (workshopId) => feed.membersOf(workshopId),
    config.BROADCAST_INTERVAL_MS,
    logger,
  );
  const supportFeed = new SupportFeed(
    io,
    new SupportReader(stores, support),
    (workshopId) => feed.membersOf(workshopId),
    config.BROADCAST_INTERVAL_MS,
    logger,
  );
  const chatFeed = new ChatFeed(
    io,
    new ChatReader(stores),
    (workshopId) => feed.membersOf(workshopId),
    config.BROADCAST_INTERVAL_MS,
    logger,
  );
  const handsFeed = new HandsFeed(
    io,
    stores,
    hands,
    (workshopId) => feed.membersOf(workshopId),
    config.BROADCAST_INTERVAL_MS,
    logger,
  );
  const reactions = new ReactionsFeed(
    io,
    stores.reactions,
    feed,
    {
      deliverMs: config.REACTIONS_DELIVER_MS,
      publishMs: config.REACTIONS_PUBLISH_MS,
      perSecond: config.REACTIONS_PER_SECOND,
      burst: config.REACTIONS_BURST,
    },
    logger,
  );
  // Someone who left or was removed leaves the speaker queue (every node hears it: dropping is idempotent).
  feed.onDelivered.push((workshopId, events) => {
    for (const event of events)
      if (event.type === "participant:removed") void hands.drop(workshopId, event.participantId);
  });
  const slowClients = startSlowClientGuard(
    io,
    { maxBufferedBytes: config.MAX_SOCKET_BUFFER_BYTES, checkMs: 1000 },
    logger,
    metrics,
  );
  const timers = startSharedTimers(stores, { breakout, polls, retention }, config.ROUND_TIMER_POLL_MS, logger);
  // Workshops stored before retention existed get their clock (idempotent: every node may run it).
  retention.adoptAll().catch((error: unknown) => {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "retention adoption failed");
  });
  const handlers = [
    ...workshopHandlers(service, retention),
    ...rosterHandlers(feed),
    ...breakoutHandlers(breakout, roomSupport, feed),
    ...programmeHandlers(programme),
    ...callHandlers(calls),
    ...pollHandlers(polls, pollResults),
    ...qnaHandlers(qna),
    ...supportHandlers(support),
    ...handsHandlers(hands, reactions),
    ...chatHandlers(chat),
    ...notesHandlers(notes),
    ...reportHandlers(reports),
  ];
  const commandsByName = commandTable(handlers);
  const activity = (workshopId: string) => retention.touch(workshopId);
  const handlerContext = {
    logger,
    metrics,
    allowCommand: createRateLimiter({ perSecond: config.COMMANDS_PER_SECOND, burst: config.COMMAND_BURST }),
    authorize: (command: CommandName, who: Actor) => authorizer.authorize(command, who),
    activity,
    deadlineMs: config.REDIS_COMMAND_TIMEOUT_MS,
  };

  drain = new Drain(io, logger);
  io.use(drain.refuseNewSockets);
  io.use(
    handshakeMiddleware({
      service,
      presence,
      limits,
      nodeId,
      logger,
      metrics,
      trustProxy: config.TRUST_PROXY,
    }),
  );
  io.on("connection", (socket) => {
    attachCommands(socket, commandsByName, handlerContext);
    attachSession(socket, {
      presence,
      personSockets,
      service,
      feed,
      followers: [pollResults, qnaFeed, supportFeed, handsFeed, reactions, chatFeed],
      logger,
      metrics,
      activity,
    });
  });

  const draining = drain;
  return {
    httpServer,
    io,
    metrics,
    drain: (graceMs) => draining.run(graceMs),
    async close() {
      liveness.stop();
      slowClients.stop();
      timers.stop();
      await feed.close();
      await pollResults.close();
      await qnaFeed.close();
      await supportFeed.close();
      await handsFeed.close();
      await reactions.close();
      await chatFeed.close();
      await notesValidator.close();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Keep-alive HTTP connections would hold the close open for seconds.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

/** This node's sockets as the liveness job sees them (connection ids are `<nodeId>/<socketId>`). */
function localSocketsOf(io: WorkshopServer, nodeId: string): LocalSockets {
  const socketOf = (connectionId: string) => io.of("/").sockets.get(connectionId.slice(nodeId.length + 1));
  return {
    isLive: (connectionId) => socketOf(connectionId) !== undefined,
    *all() {
      for (const socket of io.of("/").sockets.values()) {
        const { workshopId, participantId, connectionId } = socket.data;
        // A socket still in its handshake has no session yet.
        if (workshopId && participantId && connectionId) yield { workshopId, participantId, connectionId };
      }
    },
    drop: (connectionId) => void socketOf(connectionId)?.disconnect(true),
  };
}
