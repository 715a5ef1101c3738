import type { RoundId, WorkshopId } from "../../../shared/ids.js";

/**
 * The one builder of Redis key names. Every key of a workshop shares the hash tag
 * `{<workshopId>}`, so the workshop lives in one Redis Cluster slot and its Lua scripts
 * (which touch several of these keys) stay valid there. `prefix` isolates deployments and tests.
 */
export function workshopKeys(prefix: string, workshopId: WorkshopId): WorkshopKeys {
  // Every store call needs these: built once per workshop, not on every vote.
  const cacheKey = `${prefix}|${workshopId}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
  const keys = buildWorkshopKeys(prefix, workshopId);
  keyCache.set(cacheKey, keys);
  return keys;
}

const KEY_CACHE_MAX = 10_000;
const keyCache = new Map<string, WorkshopKeys>();
export type WorkshopKeys = ReturnType<typeof buildWorkshopKeys>;

function buildWorkshopKeys(prefix: string, workshopId: WorkshopId) {
  const base = `${prefix}wk:{${workshopId}}:`;
  return {
    /** JSON WorkshopRecord. */
    meta: `${base}meta`,
    /** hash participantId -> JSON ParticipantRecord (tombstones included). */
    participants: `${base}participants`,
    /** hash sha256(session token) -> participantId. */
    sessions: `${base}sessions`,
    /** hash joinId -> participantId: a retried join finds the person its first attempt made. */
    joins: `${base}joins`,
    /** hash `<nodeId>/<socketId>` -> participantId: every open connection. */
    connections: `${base}connections`,
    /** hash participantId -> number of open connections. */
    onlineCounts: `${base}online`,
    /** integer: the workshop's version, bumped once per event. */
    version: `${base}version`,
    /** list of JSON events, the newest EVENT_LOG_CAP, for delta resync. */
    log: `${base}log`,
    /** hash roundId -> JSON RoundView. */
    rounds: `${base}rounds`,
    /** hash helpId -> JSON HelpView (who asked is never stored). */
    helps: `${base}helps`,
    /** hash broadcastId -> JSON BroadcastView. */
    broadcasts: `${base}broadcasts`,
    /** hash participantId -> JSON tags. */
    tags: `${base}tags`,
    /** hash participantId -> roomId: who is in which room of one round. */
    assignments: (roundId: RoundId) => `${base}round:${roundId}:assignments`,
    /** set of the people in one room of one round (`%ROOM%` is filled in by the move script). */
    roomMembers: (roundId: RoundId, roomId: string) => `${base}round:${roundId}:room:${roomId}`,
    /** hash roomId -> head-count of one round, kept with the assignments by the same script. */
    counts: (roundId: RoundId) => `${base}round:${roundId}:counts`,
    /** JSON CallsRecord: the call links facilitators set and the words a template is filled in with. */
    calls: `${base}calls`,
    /** hash docId -> JSON NoteAccess (documents opened to everyone for editing). */
    notesAccess: `${base}notes:access`,
    /** list of base64 Yjs updates of one notes document, oldest first (compacted into one now and then). */
    noteUpdates: (docId: string) => `${base}notes:${docId}:updates`,
    /** integer: bytes of a document's stored updates (kept with the list by the same scripts). */
    noteBytes: (docId: string) => `${base}notes:${docId}:bytes`,
    /** hash snapshotId -> JSON {snapshot view, base64 state}. */
    noteSnapshots: (docId: string) => `${base}notes:${docId}:snapshots`,
    /** hash sessionId -> JSON ProgrammeSessionView (the forum's programme). */
    programme: `${base}programme`,
    /** hash pollId -> JSON PollView. */
    polls: `${base}polls`,
    /** hash participantId -> encoded StoredBallot: the ballots of a named poll. */
    pollBallots: (pollId: string) => `${base}poll:${pollId}:ballots`,
    /**
     * sorted set, score 0, members `<voter key>|<encoded StoredBallot>`: the ballots of an
     * anonymous poll, ordered by the keyed hash (never by who or when).
     */
    anonymousBallots: (pollId: string) => `${base}poll:${pollId}:anon`,
    /** hash counter -> count, plus `#v` (the tally version), kept with the ballots by one script. */
    pollTally: (pollId: string) => `${base}poll:${pollId}:tally`,
    /** the random salt of anonymous voter keys (with the server key, never stored); deleted when the workshop ends. */
    voterSalt: `${base}votersalt`,
    /** shard channel: a poll id after each ballot change. */
    tallies: `${base}tallies`,
    /** hash questionId -> JSON QuestionRecord (no author for anonymous questions). */
    questions: `${base}qna:questions`,
    /** hash boardId -> JSON BoardRecord (moderation setting). */
    boards: `${base}qna:boards`,
    /** hash questionId -> upvotes. */
    questionVotes: `${base}qna:votes`,
    /** sorted set, score 0, of the voter keys (keyed hashes) of one question's upvoters. */
    questionVoters: (questionId: string) => `${base}qna:upvoters:${questionId}`,
    /** hash boardId -> last question seq of the board. */
    questionSeqs: `${base}qna:seqs`,
    /** integer: the Q&A revision, bumped once per changed record. */
    qnaRev: `${base}qna:rev`,
    /** sorted set `q:<questionId>` / `b:<boardId>` -> revision of its last change. */
    qnaChanges: `${base}qna:changes`,
    /** integer: the highest revision dropped from qnaChanges. */
    qnaTrimmedRev: `${base}qna:trimmed`,
    /** shard channel: the new Q&A revision after each change. */
    qna: `${base}qna`,
    /** hash channelId (plenary or a room) -> the channel's last chat seq. */
    chatSeqs: `${base}chat:seqs`,
    /** hash seq -> JSON ChatMessageView of one channel: its newest CHAT_HISTORY_MAX messages (a hidden one without words or author). */
    chatMessages: (channelId: string) => `${base}chat:${channelId}`,
    /** shard channel: `<channelId>|<seq>` after each message, `<channelId>|<seq>|h` after each hiding. */
    chat: `${base}chat`,
    /** hash requestId -> JSON SupportRequestView (private support: never logged, exported or reported). */
    supportRequests: `${base}support:requests`,
    /** JSON SupportSettings (whether facilitators see a count). */
    supportSettings: `${base}support:settings`,
    /** shard channel: the ids of the support records each change touched. */
    support: `${base}support`,
    /** sorted set participantId -> the queue seq when the hand was raised: the hands waiting, in order. */
    handsWaiting: `${base}hands:waiting`,
    /** sorted set participantId -> the queue seq when the hand was called: invited to speak. */
    handsCalled: `${base}hands:called`,
    /** integer: the speaker queue's seq, bumped on every change (a raise's place, the queue's version). */
    handsSeq: `${base}hands:seq`,
    /** shard channel: the queue's new version after each change. */
    hands: `${base}hands`,
    /** shard channel: one node's window of reaction counts (nothing about reactions is ever stored). */
    reactions: `${base}reactions`,
    /** shard channel: the new version after each change. */
    changes: `${base}changes`,
    /**
     * sorted set, score 0, of one UTC day's command records, members `<record id>|<result JSON>`
     * (record id: a keyed hash, never the person); expires at the end of the next day.
     */
    commandRecords: (day: number) => `${base}cmds:${day}`,
    /** integer: people who joined the workshop in one window; expires at the end of the next window. */
    joinCounter: (window: number) => `${base}rate:join:${window}`,
  };
}

export function globalKeys(prefix: string) {
  return {
    joinCode: (joinCode: string) => `${prefix}joincode:${joinCode}`,
    /** sorted set nodeId -> last heartbeat (ms). */
    nodes: `${prefix}nodes`,
    /**
     * string: a random id made when this Redis's data was first used (or found empty again);
     * a node that finds another one than it knew knows the data was lost meanwhile.
     */
    storeEpoch: `${prefix}epoch`,
    /** sorted set `<workshopId>|<roundId or pollId>` -> when the next transition is due (ms). */
    timers: `${prefix}timers`,
    /** set of workshops a node holds connections in, so a survivor can reap them. */
    nodeWorkshops: (nodeId: string) => `${prefix}node:${nodeId}:workshops`,
    /**
     * integer: one rate counter of one window for one scope (a keyed client address), the scope
     * as hash tag so one script counts all of its counters; expires at the end of the next window.
     */
    rateCounter: (scope: string, name: string, window: number) => `${prefix}rate:{${scope}}:${name}:${window}`,
  };
}
