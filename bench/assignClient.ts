import { currentRoomOf } from "../shared/workshopState.js";
import {
  type AssignLoaderMessage,
  type AssignLoaderResult,
  type AssignParentMessage,
  AssignParentMessageSchema,
  type WatchCondition,
  type WindowResult,
} from "./lib/assignMessages.js";
import { languageOf } from "./lib/assignPlan.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import { type JoiningParticipant, live, ParticipantCrowd } from "./lib/participantCrowd.js";
import { TrafficWindows } from "./lib/trafficWindows.js";
import { ClientStats, epochNow, newCommandId, type WorkshopClient } from "./lib/workshopClient.js";

/**
 * One load generator of the assignment bench (bench/assign.ts): a child process that joins
 * its share of the participants on schedule (bench/lib/participantCrowd.ts), sets their language
 * tags, keeps every participant's own copy of the workshop with the browser's rules
 * (bench/lib/workshopClient.ts) and records, per participant, when its own state first meets
 * what the orchestrator watches for (a banner, its assignment, its room shown and fetched). Its
 * own process, so its CPU is never counted as the servers'.
 */

interface Participant extends JoiningParticipant {
  language: string | null;
}

const stats = new ClientStats();
// The join is the setup here, not what is measured: readyMs is the last try's.
const crowd = new ParticipantCrowd<Participant>(stats, {
  readyFrom: "this try",
  ready: (participant, client, session) => tag(participant, client, session.participantId),
  allSettled: () => {
    const connected = crowd.connected().length;
    send({ type: "joined", connected, failed: participants.length - connected, tagged });
  },
});
const { participants } = crowd;
// The tables of bench/assign.ts read the loop-delay histogram raw (sampling interval included).
const traffic = new TrafficWindows(
  stats,
  () => participants.map((participant) => participant.client),
  (nanoseconds) => nanoseconds / 1e6,
);
let tagged = 0;
let tagFailures = 0;

const send = orchestratorChannel<AssignParentMessage, AssignLoaderMessage>(AssignParentMessageSchema, {
  start: ({ config }) =>
    crowd.start(
      config,
      (index) => ({ language: languageOf(index) }),
      (index) => (index * 1000) / config.joinRate,
    ),
  // room: shown, then its `breakout:room` answer applied or refused.
  watch: ({ id, condition, timeoutMs }) =>
    crowd.watch(
      id,
      timeoutMs,
      (participant) => (met(participant, condition) ? epochNow() : 0),
      condition.kind === "room",
      (summary) => send({ type: "watched", ...summary }),
    ),
  exclude: ({ participantIds }) => crowd.exclude(participantIds),
  mark: ({ name }) => traffic.mark(name),
  report: () => send({ type: "result", result: result() }),
  close: () => crowd.close(),
});

/** Sets the participant's language tag (if it has one) once it has its session: it counts as joined after. */
async function tag(participant: Participant, client: WorkshopClient, participantId: string): Promise<void> {
  if (!participant.language) return;
  const outcome = await client.command(
    "participant:setTags",
    { commandId: newCommandId(), participantId, tags: { language: participant.language } },
    { timeoutMs: 30_000, attempts: 3 },
  );
  if (outcome.ok) tagged++;
  else tagFailures++;
}

function met(participant: Participant & { client: WorkshopClient }, condition: WatchCondition): boolean {
  const { state } = participant.client;
  switch (condition.kind) {
    case "version":
      return state.version >= condition.atLeast;
    case "broadcast":
      return state.breakout.broadcasts.some((broadcast) => broadcast.text === condition.text);
    case "assigned":
      return (
        state.breakout.round?.roundId === condition.roundId &&
        state.selfId !== null &&
        state.breakout.assignments.has(state.selfId)
      );
    case "room":
      return state.breakout.round?.roundId === condition.roundId && currentRoomOf(state, state.selfId) !== null;
    default: {
      const exhaustive: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The traffic windows, each counting only the participants still connected at the end. */
function windows(): WindowResult[] {
  const connected = participants.map(live);
  const ofConnected = (counts: number[]) => counts.filter((_, at) => connected[at]);
  return traffic
    .windows()
    .map((window) => ({ ...window, messages: ofConnected(window.messages), bytes: ofConnected(window.bytes) }));
}

function result(): AssignLoaderResult {
  const connected = crowd.connected();
  return {
    clients: participants.length,
    connected: connected.length,
    joinAttempts: crowd.tries,
    joinFailures: Object.fromEntries(crowd.failures),
    readyMs: connected.map((participant) => participant.readyMs ?? Number.NaN),
    tagged,
    tagFailures,
    windows: windows(),
    ...stats.summary(),
    roomFetchMs: stats.roomFetchMs,
    disconnects: Object.fromEntries(crowd.disconnects),
    placements: connected.map((participant) => {
      const { state } = participant.client;
      const roomId = currentRoomOf(state, state.selfId);
      // The room's head-count as this participant sees it (`breakout:counts`, sent to everyone):
      // its roommates' seats are not theirs to see before the round opens (protocol 7).
      const mates = roomId === null ? 0 : (state.breakout.counts[roomId] ?? 0);
      return [participant.client.participantId ?? "", roomId, mates];
    }),
    heapUsedBytes: process.memoryUsage().heapUsed,
  };
}
