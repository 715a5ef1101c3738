import type { WorkshopId } from "../../shared/ids.js";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { SyncResult } from "../../shared/workshop.js";
import type { Membership } from "../domain/membership.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { PresenceService } from "../services/presenceService.js";
import type { WorkshopService } from "../services/workshopService.js";
import type { EventFeed } from "./eventFeed.js";
import { joinOfSocket, sessionOfSocket } from "./handshake.js";
import type { PersonSockets } from "./personSockets.js";
import { rooms, type WorkshopSocket } from "./types.js";

interface SessionDeps {
  presence: PresenceService;
  personSockets: PersonSockets;
  service: WorkshopService;
  feed: EventFeed;
  /** Feeds that follow a workshop on this node while it has sockets (poll results, Q&A). */
  followers: ReadonlyArray<{
    attach(workshopId: string, socketId: string): Promise<void>;
    detach(workshopId: string, socketId: string): void;
    socketReady?(workshopId: string, socketId: string): void;
  }>;
  logger: Logger;
  metrics: Metrics;
  /** Someone used the workshop: its retention idle clock starts again. */
  activity(workshopId: string): void;
}

/** How long a first state waits for the feed to send what the store held (then the batches bring the rest). */
const FEED_WAIT_MS = 1000;

/** The version a client's copy is at once it applied `sync` (a catch-up ends at its last event, or where it started). */
function versionAfter(sync: SyncResult): number {
  if (sync.kind === "snapshot") return sync.snapshot.version;
  return sync.events[sync.events.length - 1]?.v ?? sync.fromVersion - 1;
}

/**
 * A connection's life: join the rooms, start the workshop feed on this node, mark presence,
 * then send the state to start from. Joining the room before reading the state means no
 * event falls between the two: the client skips what its snapshot already includes.
 */
export function attachSession(socket: WorkshopSocket, deps: SessionDeps): void {
  const { workshopId, participantId, connectionId } = socket.data;
  deps.metrics.connections.inc();
  socket.join(rooms.workshop(workshopId));
  deps.personSockets.add(workshopId, participantId, socket.id);

  const ready = (async () => {
    await deps.feed.attach(workshopId, socket.id);
    for (const follower of deps.followers) await follower.attach(workshopId, socket.id);
    // The membership is read before the state sent, so the feed never filters with an older one;
    // it goes in the same round trip as marking presence (a join storm pays each round trip thousands of times).
    // A person the handshake just created needs neither: the join script opened this connection,
    // and their membership is what the join saw (no round: in no room), as of the join's version.
    const joined = joinOfSocket.get(socket);
    joinOfSocket.delete(socket);
    const known = joined ? deps.service.membershipOfJoin(participantId, joined, socket.data.watchesRoster) : null;
    const [opened, membership] = known
      ? [true, known]
      : await Promise.all([
          deps.presence.open(workshopId, participantId, connectionId),
          deps.service.membership({ workshopId, participantId }, socket.data.watchesRoster),
        ]);
    if (!opened) {
      // Two connections raced past the handshake's count; the client's next attempt is refused there.
      socket.disconnect(true);
      return;
    }
    deps.activity(workshopId);
    // A first state older than what the feed sent is fine while the feed still keeps what followed,
    // once the feed sent what the store held when this session started (read-your-writes).
    if (socket.data.sinceVersion === undefined) {
      await deps.feed.sentUpTo(workshopId, membership.sinceVersion, FEED_WAIT_MS);
    }
    const reusableFrom = deps.feed.replayableFrom(workshopId);
    // Head-counts travel outside the log: a state the feed catches up needs the current ones after
    // the events (a resync's catch-up carries them the same way), read alongside the state.
    const [sync, counts] = await Promise.all([
      deps.service.firstSync({ workshopId, participantId }, socket.data.sinceVersion, membership, reusableFrom),
      deps.service.roundCounts(
        { workshopId, participantId },
        membership,
        roundLetsPeoplePick(deps.feed, workshopId, membership),
      ),
    ]);
    const session = sessionOfSocket.get(socket);
    if (!session || socket.disconnected) return;
    // The list may have been opened or closed meanwhile (`roster:watch`): the feed goes on with
    // the socket's setting now; a snapshot cut otherwise says so (`wholeRoster`) and the client asks again.
    membership.watchesRoster = socket.data.watchesRoster;
    const missed = deps.feed.register(workshopId, socket.id, membership, membership.sinceVersion, versionAfter(sync));
    deps.metrics.resyncs.inc({ kind: sync.kind });
    // What the feed sent before this socket registered, past the state it gets, filtered for it,
    // and the head-counts after that: in the same message, so the first state is whole when applied.
    const first: SyncResult = missed ? { ...sync, catchUp: missed, ...(counts ? { counts } : {}) } : sync;
    socket.emit("session:ready", { protocol: PROTOCOL_VERSION, session, sync: first, serverTime: Date.now() });
    for (const follower of deps.followers) follower.socketReady?.(workshopId, socket.id);
  })();
  ready.catch((error: unknown) => {
    deps.logger.warn(
      { workshopId, err: error instanceof Error ? error.message : String(error) },
      "session start failed",
    );
    // The client reconnects and tries again; nothing was promised to it yet.
    socket.disconnect(true);
  });

  socket.on("disconnect", () => {
    deps.metrics.connections.dec();
    deps.personSockets.remove(workshopId, participantId, socket.id);
    // Wait for the start to finish, so a quick disconnect cannot leave presence marked online.
    void ready
      .catch(() => undefined)
      .then(() => deps.presence.close(workshopId, connectionId))
      .catch((error: unknown) => {
        deps.logger.warn({ workshopId, err: error instanceof Error ? error.message : String(error) }, "disconnect");
      })
      .finally(() => {
        deps.feed.unregister(workshopId, socket.id);
        // Each detaches only what this socket attached (a start that failed midway attached less).
        deps.feed.detach(workshopId, socket.id);
        for (const follower of deps.followers) follower.detach(workshopId, socket.id);
      });
  });
}

/**
 * Whether the membership's round lets people pick their room, from the node's copy (no read);
 * true when the copy holds another round: then every room's count is sent, as before the trim.
 */
function roundLetsPeoplePick(
  feed: Pick<EventFeed, "currentRound">,
  workshopId: WorkshopId,
  membership: Membership,
): boolean {
  const round = feed.currentRound(workshopId);
  return round?.roundId === membership.roundId ? round.selfSelect : true;
}
