import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { policy } from "../../server/domain/policy.js";
import { type CommandName, type CommandPayload, commandNames, commands } from "../../shared/events.js";
import { NOTES_TEXT } from "../../shared/notes.js";
import type { Role } from "../../shared/workshop.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { singleChoice } from "../helpers/polls.js";
import { newQuestionSecret } from "../helpers/qna.js";
import { startServer, type TestServer } from "../helpers/server.js";

/**
 * Every command × every role, end to end over real sockets: a command the policy table allows
 * succeeds (ok: true, in a world where it makes sense for that person), and one it does not
 * allow is refused with FORBIDDEN and changes nothing. The roles: the four workshop roles and
 * a participant who leads a breakout room (the table's `roomLead` rules).
 */

type Actor = "facilitator" | "note-taker" | "safeguarding lead" | "participant" | "room lead";
const actors: readonly Actor[] = ["facilitator", "note-taker", "safeguarding lead", "participant", "room lead"];
const roleOf: Record<Actor, Role> = {
  facilitator: "facilitator",
  "note-taker": "note-taker",
  "safeguarding lead": "safeguarding-lead",
  participant: "participant",
  "room lead": "participant",
};

/** What the table says, read straight from it. */
function tableAllows(command: CommandName, actor: Actor): boolean {
  const rule: { roles: readonly Role[]; roomLead?: boolean } = policy[command];
  return rule.roles.includes(roleOf[actor]) || (actor === "room lead" && rule.roomLead === true);
}

interface OwnQuestion {
  questionId: string;
  secret: string;
}

/**
 * One workshop as a command finds it mid-forum: a self-select round open with rooms A and B;
 * the participant, the room lead and the safeguarding lead in A (the room lead leads it), the
 * note-taker in B; polls (an open plenary poll, an open text poll and a draft in room A); a
 * pending plenary question of each person's own, a pending and an approved question on room A's
 * board, an approved plenary one; a help request in room A; a named snapshot of each notes
 * document; an open support request of each person's own.
 */
interface World {
  clients: Record<Actor, TestClient>;
  roundId: string;
  roomA: string;
  roomB: string;
  plenaryPoll: string;
  roomTextPoll: string;
  roomDraftPoll: string;
  own: Record<Actor, OwnQuestion>;
  pendingInA: string;
  approvedInA: string;
  approvedPlenary: string;
  helpId: string;
  snapshots: Record<string, string>;
  /** Each person's own open support request. */
  support: Record<Actor, string>;
  /** A session of the programme. */
  sessionId: string;
  /** The seq of a chat message the participant sent in room A. */
  chatInA: number;
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>) {
  const settled = await answer;
  if (!settled.ok) throw new Error(`world setup failed: ${settled.error.code} ${settled.error.message}`);
  return settled.data;
}

function write() {
  return { commandId: newCommandId() };
}

async function buildWorld(url: string): Promise<World> {
  const created = await createWorkshop(url);
  const host = await connectClient(url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  const [taker, safeguarder, participant, lead] = await Promise.all(
    ["Nadia", "Sofi", "Pak", "Lia"].map((displayName) =>
      connectClient(url, { joinCode: created.joinCode, displayName }),
    ),
  );
  if (!taker || !safeguarder || !participant || !lead) throw new Error("joins failed");
  const clients: Record<Actor, TestClient> = {
    facilitator: host,
    "note-taker": taker,
    "safeguarding lead": safeguarder,
    participant,
    "room lead": lead,
  };
  await ok(
    host.send("participant:setRole", { ...write(), participantId: taker.session.participantId, role: "note-taker" }),
  );
  await ok(
    host.send("participant:setRole", {
      ...write(),
      participantId: safeguarder.session.participantId,
      role: "safeguarding-lead",
    }),
  );
  const planned = await ok(
    host.send("breakout:plan", {
      ...write(),
      rooms: [{ name: "A" }, { name: "B" }],
      durationSeconds: 600,
      warningSeconds: 60,
      selfSelect: true,
    }),
  );
  const [roomA, roomB] = planned.rooms.map((room) => room.roomId) as [string, string];
  const roundId = planned.roundId;
  await ok(host.send("breakout:open", { ...write(), roundId }));
  const idsOf = (...people: TestClient[]) => people.map((person) => person.session.participantId);
  await ok(
    host.send("breakout:move", {
      ...write(),
      roundId,
      participantIds: idsOf(participant, lead, safeguarder),
      roomId: roomA,
    }),
  );
  await ok(host.send("breakout:move", { ...write(), roundId, participantIds: idsOf(taker), roomId: roomB }));
  await ok(
    host.send("breakout:setLead", { ...write(), roundId, roomId: roomA, participantId: lead.session.participantId }),
  );

  const plenaryPoll = await ok(host.send("poll:create", { ...write(), definition: singleChoice(), open: true }));
  const roomScope = { kind: "room" as const, roomId: roomA };
  const roomTextPoll = await ok(
    host.send("poll:create", {
      ...write(),
      definition: { kind: "text", question: "One idea?", anonymous: true, resultsVisibility: "live", scope: roomScope },
      open: true,
    }),
  );
  const roomDraftPoll = await ok(
    host.send("poll:create", { ...write(), definition: singleChoice({ scope: roomScope }), open: false }),
  );

  const askAs = async (client: TestClient, boardId: string) => {
    const secret = newQuestionSecret();
    const asked = await ok(
      client.send("qna:ask", {
        ...write(),
        secret,
        boardId,
        text: `A question from ${client.session.displayName}`,
        anonymous: true,
      }),
    );
    return { questionId: asked.question.questionId, secret };
  };
  const own = {} as Record<Actor, OwnQuestion>;
  for (const actor of actors) own[actor] = await askAs(clients[actor], "plenary");
  const pendingInA = (await askAs(participant, roomA)).questionId;
  const approvedInA = (await askAs(participant, roomA)).questionId;
  await ok(host.send("qna:approve", { ...write(), questionId: approvedInA }));
  const approvedPlenary = (await askAs(participant, "plenary")).questionId;
  await ok(host.send("qna:approve", { ...write(), questionId: approvedPlenary }));

  const help = await ok(participant.send("help:request", { ...write(), text: "We are stuck" }));
  const support = {} as Record<Actor, string>;
  for (const actor of actors) {
    support[actor] = (await ok(clients[actor].send("support:request", { ...write(), contact: "app" }))).requestId;
  }
  const chatInA = (await ok(participant.send("chat:send", { ...write(), channelId: roomA, text: "Hello room A" }))).seq;
  const snapshots: Record<string, string> = {};
  for (const docId of ["plenary", roomA, roomB]) {
    snapshots[docId] = (await ok(host.send("notes:snapshot", { ...write(), docId, name: "start" }))).snapshotId;
  }
  const session = await ok(host.send("programme:create", { ...write(), session: programmeSession() }));
  return {
    sessionId: session.sessionId,
    clients,
    roundId,
    roomA,
    roomB,
    plenaryPoll: plenaryPoll.pollId,
    roomTextPoll: roomTextPoll.pollId,
    roomDraftPoll: roomDraftPoll.pollId,
    own,
    pendingInA,
    approvedInA,
    approvedPlenary,
    helpId: help.helpId,
    snapshots,
    support,
    chatInA,
  };
}

function programmeSession() {
  const startsAt = Date.UTC(2030, 0, 1, 9);
  return { title: "Survivor panel", kind: "panel" as const, startsAt, endsAt: startsAt + 3600_000 };
}

/** The notes document each person works in: their room's, the plenary's for the facilitator. */
function docOf(world: World, actor: Actor): string {
  if (actor === "note-taker") return world.roomB;
  if (actor === "facilitator") return "plenary";
  return world.roomA;
}

function notesUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(NOTES_TEXT).insert(0, "Outcome: ");
  return Y.encodeStateAsUpdate(doc);
}

function awarenessUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: "me", color: "#112233" }, cursor: null });
  return encodeAwarenessUpdate(awareness, [doc.clientID]);
}

interface Case<C extends CommandName> {
  /** A payload that makes sense for this person in this world (also what a refused person sends). */
  payload(world: World, actor: Actor): CommandPayload<C>;
  /** Anything the command needs first, done in the allowed person's own fresh world. */
  prepare?(world: World, actor: Actor): Promise<void>;
  /** A read whose preparation changes the world (moves people) gets a world of its own, like a write. */
  ownWorld?: true;
}

/** One case per command: a command without one does not compile. */
const cases: { [C in CommandName]: Case<C> } = {
  "workshop:sync": { payload: () => ({}) },
  "roster:watch": { payload: () => ({ watching: true }) },
  "participant:setRole": {
    payload: (w) => ({ ...write(), participantId: w.clients.participant.session.participantId, role: "note-taker" }),
  },
  "participant:remove": {
    payload: (w) => ({ ...write(), participantId: w.clients.participant.session.participantId }),
  },
  "session:leave": { payload: () => write() },
  "workshop:end": { payload: () => write() },
  "workshop:setAnonymityDefault": { payload: () => ({ ...write(), anonymousByDefault: false }) },
  "workshop:delete": { payload: () => write() },
  "workshop:setAttribution": { payload: () => ({ ...write(), attribution: "attributed" }) },
  "participant:setTags": {
    payload: (w, actor) => ({
      ...write(),
      participantId: w.clients[actor].session.participantId,
      tags: { language: "en" },
    }),
  },
  "workshop:setRosterPrivacy": { payload: () => ({ ...write(), rosterPrivate: false }) },
  "participant:setListed": { payload: () => ({ ...write(), listed: true }) },
  "programme:create": { payload: () => ({ ...write(), session: programmeSession() }) },
  "programme:update": {
    payload: (w) => ({ ...write(), sessionId: w.sessionId, session: { ...programmeSession(), title: "Renamed" } }),
  },
  "programme:delete": { payload: (w) => ({ ...write(), sessionId: w.sessionId }) },
  "programme:reorder": { payload: (w) => ({ ...write(), sessionIds: [w.sessionId] }) },
  "breakout:room": {
    payload: (w, actor) => ({ roundId: w.roundId, roomId: actor === "note-taker" ? w.roomB : w.roomA }),
  },
  "breakout:plan": {
    payload: () => ({
      ...write(),
      rooms: [{ name: "C" }],
      durationSeconds: 300,
      warningSeconds: 30,
      selfSelect: false,
    }),
    prepare: async (w) => {
      await ok(w.clients.facilitator.send("breakout:end", { ...write(), roundId: w.roundId, immediate: true }));
    },
  },
  "breakout:assign": { payload: (w) => ({ ...write(), roundId: w.roundId }) },
  "breakout:move": {
    payload: (w) => ({
      ...write(),
      roundId: w.roundId,
      participantIds: [w.clients.participant.session.participantId],
      roomId: w.roomB,
    }),
  },
  "breakout:swap": {
    payload: (w) => ({
      ...write(),
      roundId: w.roundId,
      participantIds: [w.clients.participant.session.participantId, w.clients["note-taker"].session.participantId],
    }),
  },
  "breakout:preassign": { payload: (w) => ({ ...write(), roundId: w.roundId, text: "Pak -> B" }) },
  "breakout:pick": { payload: (w) => ({ ...write(), roundId: w.roundId, roomId: w.roomB }) },
  "breakout:open": {
    payload: (w) => ({ ...write(), roundId: w.roundId }),
    prepare: async (w) => {
      const host = w.clients.facilitator;
      await ok(host.send("breakout:end", { ...write(), roundId: w.roundId, immediate: true }));
      const next = await ok(
        host.send("breakout:plan", {
          ...write(),
          rooms: [{ name: "C" }],
          durationSeconds: 300,
          warningSeconds: 30,
          selfSelect: false,
        }),
      );
      w.roundId = next.roundId;
    },
  },
  "breakout:extend": { payload: (w) => ({ ...write(), roundId: w.roundId, seconds: 60 }) },
  "breakout:end": { payload: (w) => ({ ...write(), roundId: w.roundId, immediate: true }) },
  "breakout:closeRoom": { payload: (w) => ({ ...write(), roundId: w.roundId, roomId: w.roomB }) },
  "breakout:setLead": {
    payload: (w) => ({
      ...write(),
      roundId: w.roundId,
      roomId: w.roomB,
      participantId: w.clients["note-taker"].session.participantId,
    }),
  },
  "breakout:leaveRoom": {
    payload: () => write(),
    prepare: async (w, actor) => {
      if (actor === "facilitator")
        await ok(w.clients.facilitator.send("breakout:visit", { ...write(), roomId: w.roomA }));
    },
  },
  "breakout:visit": { payload: (w) => ({ ...write(), roomId: w.roomA }) },
  "breakout:broadcast": { payload: (w) => ({ ...write(), roomId: w.roomA, text: "Five minutes left" }) },
  "help:request": {
    payload: () => ({ ...write(), text: "Please come" }),
    prepare: async (w, actor) => {
      if (actor === "facilitator")
        await ok(w.clients.facilitator.send("breakout:visit", { ...write(), roomId: w.roomA }));
    },
  },
  "help:take": { payload: (w) => ({ ...write(), helpId: w.helpId }) },
  "help:resolve": { payload: (w) => ({ ...write(), helpId: w.helpId }) },
  "call:setPlenary": { payload: () => ({ ...write(), url: "https://meet.example.org/plenary" }) },
  "call:setTemplate": { payload: () => ({ ...write(), template: "https://meet.example.org/forum-{workshop}-{room}" }) },
  "call:setRoom": {
    payload: (w) => ({ ...write(), roundId: w.roundId, roomId: w.roomA, url: "https://meet.example.org/a" }),
  },
  "support:request": { payload: () => ({ ...write(), note: "I need a moment", contact: "room" }) },
  "support:take": { payload: (w) => ({ ...write(), requestId: w.support.participant }) },
  // Everyone writes in, and ends, their own request.
  "support:message": { payload: (w, actor) => ({ ...write(), requestId: w.support[actor], text: "Thank you" }) },
  "support:close": { payload: (w, actor) => ({ ...write(), requestId: w.support[actor] }) },
  "support:list": { payload: () => ({}) },
  "support:settings": { payload: () => ({ ...write(), countToFacilitators: true }) },
  // Hands and reactions are the plenary's: whoever sits in a room of the open round steps out first.
  "hands:raise": { payload: () => write(), prepare: backToPlenary },
  "hands:lower": { payload: () => write() },
  "hands:call": {
    payload: (w) => ({ ...write(), participantId: w.clients.participant.session.participantId }),
    prepare: async (w) => {
      await backToPlenary(w, "participant");
      await ok(w.clients.participant.send("hands:raise", write()));
    },
  },
  "hands:queue": { payload: () => ({}) },
  "reactions:send": { payload: () => ({ kind: "applause" }), prepare: backToPlenary, ownWorld: true },
  "poll:create": {
    payload: (w) => ({ ...write(), definition: singleChoice({ scope: { kind: "room", roomId: w.roomA } }) }),
  },
  "poll:update": {
    payload: (w) => ({
      ...write(),
      pollId: w.roomDraftPoll,
      definition: singleChoice({ question: "Which colour now?", scope: { kind: "room", roomId: w.roomA } }),
    }),
  },
  "poll:open": { payload: (w) => ({ ...write(), pollId: w.roomDraftPoll }) },
  "poll:close": { payload: (w) => ({ ...write(), pollId: w.roomTextPoll }) },
  "poll:duplicate": { payload: (w) => ({ ...write(), pollId: w.roomTextPoll }) },
  "poll:delete": { payload: (w) => ({ ...write(), pollId: w.roomDraftPoll }) },
  "poll:vote": {
    payload: (w) => ({ ...write(), pollId: w.plenaryPoll, ballot: { kind: "single", optionId: "green" } }),
  },
  "poll:retract": {
    payload: (w) => ({ ...write(), pollId: w.plenaryPoll }),
    prepare: async (w, actor) => {
      await ok(
        w.clients[actor].send("poll:vote", {
          ...write(),
          pollId: w.plenaryPoll,
          ballot: { kind: "single", optionId: "red" },
        }),
      );
    },
  },
  "poll:mine": { payload: () => ({}) },
  "poll:answers": { payload: (w) => ({ pollId: w.roomTextPoll }) },
  "qna:board": { payload: () => ({ boardId: "plenary" }) },
  "qna:ask": {
    payload: () => ({
      ...write(),
      secret: newQuestionSecret(),
      boardId: "plenary",
      text: "May I ask?",
      anonymous: true,
    }),
  },
  "qna:edit": {
    payload: (w, actor) => ({ ...write(), ...w.own[actor], text: "A better question" }),
  },
  "qna:withdraw": { payload: (w, actor) => ({ ...write(), ...w.own[actor] }) },
  "qna:mine": { payload: (w, actor) => ({ items: [w.own[actor]] }) },
  "qna:upvote": { payload: (w) => ({ ...write(), questionId: w.approvedPlenary, up: true }) },
  "qna:approve": { payload: (w) => ({ ...write(), questionId: w.pendingInA }) },
  "qna:dismiss": { payload: (w) => ({ ...write(), questionId: w.pendingInA, reason: "Off topic" }) },
  "qna:restore": {
    payload: (w) => ({ ...write(), questionId: w.pendingInA }),
    prepare: async (w) => {
      await ok(w.clients.facilitator.send("qna:dismiss", { ...write(), questionId: w.pendingInA }));
    },
  },
  "qna:pin": { payload: (w) => ({ ...write(), boardId: w.roomA, questionId: w.approvedInA }) },
  "qna:answer": { payload: (w) => ({ ...write(), questionId: w.approvedInA, reply: "Yes" }) },
  "qna:reply": { payload: (w) => ({ ...write(), questionId: w.approvedInA, reply: "Soon" }) },
  "qna:correct": { payload: (w) => ({ ...write(), questionId: w.approvedInA, text: "A corrected question" }) },
  "qna:claim": { payload: (w) => ({ ...write(), questionId: w.pendingInA, claim: true }) },
  "qna:settings": { payload: (w) => ({ ...write(), boardId: w.roomA, preModeration: false }) },
  "notes:open": { payload: (w, actor) => ({ docId: docOf(w, actor), stateVector: Y.encodeStateVector(new Y.Doc()) }) },
  "notes:close": { payload: (w, actor) => ({ docId: docOf(w, actor) }) },
  "notes:update": {
    payload: (w, actor) => ({ ...write(), docId: docOf(w, actor), update: notesUpdate() }),
    prepare: openRoomNotesToAll,
  },
  "notes:awareness": {
    payload: (w, actor) => ({ docId: docOf(w, actor), update: awarenessUpdate() }),
    prepare: async (w, actor) => {
      await openRoomNotesToAll(w, actor);
      const docId = docOf(w, actor);
      await ok(w.clients[actor].send("notes:open", { docId, stateVector: Y.encodeStateVector(new Y.Doc()) }));
    },
  },
  // Everyone in the chat they read: their room's (the plenary's for the facilitator).
  "chat:history": { payload: (w, actor) => ({ channelId: docOf(w, actor) }) },
  "chat:send": { payload: (w, actor) => ({ ...write(), channelId: docOf(w, actor), text: "Hello" }) },
  "chat:hide": { payload: (w) => ({ ...write(), channelId: w.roomA, seq: w.chatInA, reason: "Off topic" }) },
  "notes:setAccess": { payload: (w) => ({ ...write(), docId: w.roomA, openToAll: true }) },
  "notes:snapshot": { payload: (w, actor) => ({ ...write(), docId: docOf(w, actor), name: "after the debate" }) },
  "notes:snapshots": { payload: (w, actor) => ({ docId: docOf(w, actor) }) },
  "notes:snapshotState": {
    payload: (w, actor) => {
      const docId = docOf(w, actor);
      return { docId, snapshotId: w.snapshots[docId] as string };
    },
  },
  "notes:restore": {
    payload: (w, actor) => {
      const docId = docOf(w, actor);
      return { ...write(), docId, snapshotId: w.snapshots[docId] as string };
    },
  },
};

/** The person leaves their room for the plenary, and this node's view of them has moved too. */
async function backToPlenary(w: World, actor: Actor): Promise<void> {
  if (actor === "facilitator") return;
  const client = w.clients[actor];
  await ok(client.send("breakout:leaveRoom", write()));
  await client.mirror.until((state) => state.breakout.assignments.get(client.session.participantId) === undefined);
}

/** Participants edit a room's notes only once a facilitator opened them to everyone. */
async function openRoomNotesToAll(w: World, actor: Actor): Promise<void> {
  if (actor === "participant" || actor === "room lead" || actor === "safeguarding lead") {
    await ok(w.clients.facilitator.send("notes:setAccess", { ...write(), docId: w.roomA, openToAll: true }));
  }
}

function closeWorld(world: World) {
  for (const client of Object.values(world.clients)) client.close();
}

async function versionOf(world: World): Promise<number> {
  const answer = await world.clients.facilitator.send("workshop:sync", {});
  if (!answer.ok || answer.data.kind !== "snapshot") throw new Error("no snapshot");
  return answer.data.snapshot.version;
}

describe.each(["memory", "redis"] as const)("authorization as the policy table says (%s store)", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    // One person asks several questions within a minute, and sends every refused command at once.
    server = await startServer({ store, env: { QNA_QUESTIONS_PER_MINUTE: "100", COMMAND_BURST: "1000" } });
  });
  afterAll(() => server.close());

  it("the table and the command table name the same commands", () => {
    expect(Object.keys(policy).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(cases).sort()).toEqual([...commandNames].sort());
  });

  it("every command a role may not run is FORBIDDEN, and the refusals change nothing", async () => {
    const world = await buildWorld(server.url);
    const before = await versionOf(world);
    const refusals: string[] = [];
    for (const command of commandNames) {
      for (const actor of actors) {
        if (tableAllows(command, actor)) continue;
        const answer = await world.clients[actor].send(command, cases[command].payload(world, actor) as never);
        const code = answer.ok ? "ok" : answer.error.code;
        refusals.push(`${command} by ${actor}: ${code}`);
      }
    }
    expect(refusals.filter((line) => !line.endsWith(": FORBIDDEN"))).toEqual([]);
    // The table refuses something to each of the three non-facilitator kinds of person.
    for (const actor of actors.slice(1)) expect(refusals.some((line) => line.includes(` by ${actor}:`))).toBe(true);
    expect(await versionOf(world)).toBe(before);
    closeWorld(world);
  });

  it("every command a role may run succeeds for that role (reads in one world, each write in its own)", async () => {
    const failures: string[] = [];
    const shared = await buildWorld(server.url);
    for (const command of commandNames) {
      for (const actor of actors) {
        if (!tableAllows(command, actor)) continue;
        const isWrite = commands[command].write || cases[command].ownWorld === true;
        const world = isWrite ? await buildWorld(server.url) : shared;
        try {
          await cases[command].prepare?.(world, actor);
          const answer = await world.clients[actor].send(command, cases[command].payload(world, actor) as never);
          if (!answer.ok) failures.push(`${command} by ${actor}: ${answer.error.code} ${answer.error.message}`);
        } finally {
          if (isWrite) closeWorld(world);
        }
      }
    }
    expect(failures).toEqual([]);
    closeWorld(shared);
  });
});
