import type { PollResultsUpdate } from "../shared/poll.js";
import type { QnaChanged } from "../shared/qna.js";
import { applyQnaChanged, emptyQnaCopy, type QnaCopy } from "../shared/qnaState.js";
import { applyPollResults, currentRoomOf } from "../shared/workshopState.js";
import {
  type ForumAction,
  type ForumLoadConfig,
  type ForumLoaderMessage,
  type ForumLoaderResult,
  type ForumParentMessage,
  ForumParentMessageSchema,
  type ForumWatch,
  type ForumWindow,
} from "./lib/forumMessages.js";
import { choiceOf, countsOf, sameCounts, sendUntilAnswered } from "./lib/forumPlan.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import { delayBeyondResolutionMs } from "./lib/loopDelay.js";
import { type JoiningParticipant, live, ParticipantCrowd } from "./lib/participantCrowd.js";
import { onSchedule } from "./lib/schedule.js";
import { TrafficWindows } from "./lib/trafficWindows.js";
import { ClientStats, epochNow, newCommandId, type WorkshopClient } from "./lib/workshopClient.js";

/**
 * One load generator of the forum bench (bench/forum.ts): a child process that joins its share
 * of the participants on schedule (the join storm, bench/lib/participantCrowd.ts), keeps every
 * participant's own copy of the workshop with the browser's rules (bench/lib/workshopClient.ts: resync on a gap, head-counts,
 * the `breakout:room` fetch when its room changes), applies `poll:results` to it and
 * `qna:changed` to a Q&A copy as the browser does, sends each participant's vote or upvote on
 * schedule (resending a passing refusal with the same commandId, as the browser's outbox does),
 * and records per participant when its own state first shows what the orchestrator watches for.
 * Its own process, so its CPU is never counted as the servers'.
 */

interface Participant extends JoiningParticipant {
  target: number;
  qna: QnaCopy;
  /** Epoch ms each poll and each approved question first appeared in this participant's state. */
  pollSeenAt: Map<string, number>;
  questionSeenAt: Map<string, number>;
  /** Per poll: what this participant's view of its tally shows, and when that last changed. */
  tallySeen: Map<string, { key: string; at: number }>;
  /** Per question: its upvotes in this participant's copy, and when they last changed. */
  votesSeen: Map<string, { votes: number; at: number }>;
}

const stats = new ClientStats();
// The storm's join is what is measured: readyMs counts from the first try, retries included.
const crowd = new ParticipantCrowd<Participant>(stats, {
  readyFrom: "first try",
  tried: (participant, client) => {
    client.retryRoomRefusals = true;
    client.socket.on("poll:results", (update) => {
      if (live(participant) && participant.client === client) onResults(participant, update);
    });
    client.socket.on("qna:changed", (changed) => onQna(participant, changed));
  },
  changed: (participant) => onState(participant),
  allSettled: () => {
    const connected = crowd.connected();
    send({
      type: "joined",
      connected: connected.length,
      perTarget: (config?.targets ?? []).map((_, target) => connected.filter((p) => p.target === target).length),
      failures: Object.fromEntries(crowd.failures),
      readyMs: connected.map((p) => p.readyMs ?? Number.NaN),
      retries: crowd.retries,
      maxStartLagMs: crowd.maxStartLagMs,
    });
  },
});
const { participants } = crowd;
// The forum's tables show the loop delay beyond the 10 ms sampling, like the nodes'.
const traffic = new TrafficWindows(
  stats,
  () => participants.map((participant) => participant.client),
  delayBeyondResolutionMs,
);
let config: ForumLoadConfig | null = null;

const send = orchestratorChannel<ForumParentMessage, ForumLoaderMessage>(ForumParentMessageSchema, {
  start: ({ config }) => start(config),
  // room: shown, then its `breakout:room` answer applied or refused.
  watch: ({ id, condition, timeoutMs }) =>
    crowd.watch(
      id,
      timeoutMs,
      (participant) => metTime(participant, condition),
      condition.kind === "room",
      ({ excluded: _none, ...summary }) =>
        send({ type: "watched", ...summary, lost: participants.filter((participant) => participant.lost).length }),
    ),
  act: ({ id, action, startAt, windowMs, deadlineAt }) => act(id, action, startAt, windowMs, deadlineAt),
  mark: ({ name }) => traffic.mark(name),
  report: () => send({ type: "result", result: result() }),
  close: () => crowd.close(),
});

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Joins this generator's participants over the storm's window, participant i at i * windowMs / totalClients. */
function start(load: ForumLoadConfig): void {
  config = load;
  crowd.start(
    load,
    (index) => ({
      target: index % load.targets.length,
      qna: emptyQnaCopy(),
      pollSeenAt: new Map(),
      questionSeenAt: new Map(),
      tallySeen: new Map(),
      votesSeen: new Map(),
    }),
    (index) => (index * load.windowMs) / load.totalClients,
  );
}

/** What a participant's view of a poll's tally shows: the combined counts and its own room's. */
function tallyKey(update: PollResultsUpdate): string {
  const { results } = update;
  const rooms = Object.keys(results.byRoom ?? {}).map((roomId) => [roomId, countsOf(results, roomId)]);
  return JSON.stringify([countsOf(results), rooms]);
}

function onResults(participant: Participant & { client: WorkshopClient }, update: PollResultsUpdate): void {
  if (!applyPollResults(participant.client.state, update)) return;
  const key = tallyKey(update);
  if (participant.tallySeen.get(update.pollId)?.key !== key) {
    participant.tallySeen.set(update.pollId, { key, at: epochNow() });
  }
  crowd.evaluate(participant);
}

function onQna(participant: Participant, changed: QnaChanged): void {
  applyQnaChanged(participant.qna, changed);
  const now = epochNow();
  for (const question of changed.questions) {
    const kept = participant.qna.questions.get(question.questionId);
    if (!kept) continue;
    if (kept.status === "approved" && !participant.questionSeenAt.has(kept.questionId)) {
      participant.questionSeenAt.set(kept.questionId, now);
    }
    if (participant.votesSeen.get(kept.questionId)?.votes !== kept.votes) {
      participant.votesSeen.set(kept.questionId, { votes: kept.votes, at: now });
    }
  }
  crowd.evaluate(participant);
}

/** After any change of the workshop state: note polls seen for the first time, then check the watch. */
function onState(participant: Participant): void {
  const state = participant.client?.state;
  if (state && state.polls.size > 0 && state.polls.size !== participant.pollSeenAt.size) {
    const now = epochNow();
    for (const pollId of state.polls.keys())
      if (!participant.pollSeenAt.has(pollId)) participant.pollSeenAt.set(pollId, now);
  }
  crowd.evaluate(participant);
}

/** When the participant's state meets the condition (epoch ms), or 0: not (yet). */
function metTime(participant: Participant & { client: WorkshopClient }, condition: ForumWatch): number {
  const { state } = participant.client;
  const now = epochNow();
  switch (condition.kind) {
    case "people":
      return state.people.active >= condition.atLeast && state.people.online >= condition.atLeast ? now : 0;
    case "poll":
      return participant.pollSeenAt.get(condition.pollId) ?? 0;
    case "tally": {
      const shown = countsOf(state.pollResults.get(condition.pollId)?.results);
      return sameCounts(shown, condition.counts) ? (participant.tallySeen.get(condition.pollId)?.at ?? now) : 0;
    }
    case "roomTally": {
      const roomId = currentRoomOf(state, state.selfId);
      const expected = roomId === null ? undefined : condition.byRoom[roomId];
      const shown = countsOf(state.pollResults.get(condition.pollId)?.results, roomId);
      return sameCounts(shown, expected) ? (participant.tallySeen.get(condition.pollId)?.at ?? now) : 0;
    }
    case "question":
      return participant.questionSeenAt.get(condition.questionId) ?? 0;
    case "votes": {
      const seen = participant.votesSeen.get(condition.questionId);
      return seen?.votes === condition.votes ? seen.at : 0;
    }
    case "assigned":
      return state.breakout.round?.roundId === condition.roundId &&
        state.selfId !== null &&
        state.breakout.assignments.has(state.selfId)
        ? now
        : 0;
    case "room":
      return state.breakout.round?.roundId === condition.roundId &&
        state.breakout.round.status === "open" &&
        currentRoomOf(state, state.selfId) !== null
        ? now
        : 0;
    default: {
      const exhaustive: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Every participant's one command of a phase, on schedule; "acted" once all are answered or the deadline passed. */
function act(id: string, action: ForumAction, startAt: number, windowMs: number, deadlineAt: number): void {
  const total = config?.totalClients ?? participants.length;
  const refused = new Map<string, number>();
  const resent = new Map<string, number>();
  const ackMs: number[] = [];
  const acknowledged: Array<[string, string]> = [];
  let sent = 0;
  let answered = 0;
  let notConnected = 0;
  let firstSentAt = Number.NaN;
  let lastAckAt = Number.NaN;
  let maxLagMs = 0;
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    clearTimeout(deadline);
    send({
      type: "acted",
      id,
      sent,
      acked: ackMs.length,
      refused: Object.fromEntries(refused),
      unanswered: sent - answered,
      notConnected,
      ackMs,
      resent: Object.fromEntries(resent),
      acknowledged,
      firstSentAt,
      lastAckAt,
      maxLagMs,
    });
  };
  // Those who never joined take no part (the join storm counted them); those who dropped since are "not connected".
  const actors = participants.filter((participant) => participant.readyMs !== null);
  const resolved = () => {
    if (answered + notConnected >= actors.length) report();
  };
  const deadline = setTimeout(report, Math.max(0, deadlineAt - epochNow()));
  const run = async (participant: Participant) => {
    if (!live(participant)) {
      notConnected++;
      resolved();
      return;
    }
    const client = participant.client;
    const choice = action.kind === "vote" ? choiceOf(participant.index, action.options, action.shift) : "up";
    const sentAt = epochNow();
    if (Number.isNaN(firstSentAt)) firstSentAt = sentAt;
    sent++;
    const outcome =
      action.kind === "vote"
        ? await sendUntilAnswered(
            client,
            "poll:vote",
            { commandId: newCommandId(), pollId: action.pollId, ballot: { kind: "single", optionId: choice } },
            deadlineAt,
            (code) => bump(resent, code),
          )
        : await sendUntilAnswered(
            client,
            "qna:upvote",
            { commandId: newCommandId(), questionId: action.questionId, up: true },
            deadlineAt,
            (code) => bump(resent, code),
          );
    if (reported) return;
    answered++;
    if (outcome.ok) {
      const at = epochNow();
      ackMs.push(at - sentAt);
      lastAckAt = Number.isNaN(lastAckAt) ? at : Math.max(lastAckAt, at);
      acknowledged.push([client.participantId ?? "", choice]);
    } else bump(refused, outcome.code);
    resolved();
  };
  onSchedule(
    actors,
    startAt,
    (participant) => (participant.index * windowMs) / total,
    (participant) => void run(participant),
    (lateMs) => {
      maxLagMs = Math.max(maxLagMs, lateMs);
    },
  );
}

/** The traffic windows, summed over every participant, with the participants connected now. */
function windows(): ForumWindow[] {
  const connected = crowd.connected().length;
  const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
  return traffic.windows().map(({ messages, bytes, ...window }) => ({
    ...window,
    participants: connected,
    messages: sum(messages),
    bytes: sum(bytes),
  }));
}

function result(): ForumLoaderResult {
  const connected = crowd.connected();
  return {
    clients: participants.length,
    connected: connected.length,
    windows: windows(),
    ...stats.summary(),
    disconnects: Object.fromEntries(crowd.disconnects),
    placements: connected.map((participant) => {
      const { state } = participant.client;
      return [participant.client.participantId ?? "", currentRoomOf(state, state.selfId)];
    }),
    heapUsedBytes: process.memoryUsage().heapUsed,
  };
}
