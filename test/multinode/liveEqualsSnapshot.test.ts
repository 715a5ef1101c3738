import fc from "fast-check";
import { describe, it } from "vitest";
import type { RoundView } from "../../shared/breakout.js";
import { isRoundRunning } from "../../shared/breakout.js";
import type { CommandName, CommandPayload } from "../../shared/events.js";
import type { Role } from "../../shared/workshop.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh, followPlenaryBoard } from "../helpers/liveEqualsFresh.js";
import { singleChoice } from "../helpers/polls.js";
import { newQuestionSecret } from "../helpers/qna.js";

/**
 * Invariant 6 (exact resync), checked as a property: random sequences of commands from several
 * roles on two nodes (joins, leaves, removals, role changes, rounds planned, assigned, opened,
 * moved, ended, rooms closed, leads, polls, questions, notes access, help, banners, tags, the
 * roster made private or open, people listing themselves, rooms that show names or not), with
 * clients that stay connected, disconnect and come back on the other node, or lose batches.
 * After each sequence, every client's live copy (kept by the same rules the browser uses) must
 * be deep-equal to a fresh snapshot for the same session, and its plenary Q&A board to a fresh
 * `qna:board`.
 */

const cluster = useTwoNodes();

interface Person {
  client: TestClient;
  /** Left or removed: their session is over. */
  gone: boolean;
  connected: boolean;
}

interface World {
  urls: [string, string];
  joinCode: string;
  host: TestClient;
  people: Person[];
  round: RoundView | null;
  pollIds: string[];
  pendingQuestions: string[];
}

const MAX_PEOPLE = 8;

/** How often each kind of step is drawn, against 1 for the rest: the round's life and roles drive visibility. */
const WEIGHTS: Partial<Record<keyof typeof steps, number>> = {
  plan: 3,
  open: 3,
  assign: 2,
  move: 4,
  end: 2,
  setRole: 3,
  setLead: 2,
  poll: 2,
  rosterPrivacy: 2,
  listed: 3,
};

function present(world: World): Person[] {
  return world.people.filter((person) => !person.gone);
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

async function send<C extends CommandName>(client: TestClient, name: C, payload: CommandPayload<C>) {
  // A refusal is an outcome like any other here: the copies must stay exact whatever happened.
  return client.send(name, payload).catch(() => null);
}

function idOf(person: Person): string {
  return person.client.session.participantId;
}

/** Points a client's next (re)connection at another node, as a load balancer would. */
function aimAt(client: TestClient, url: string): void {
  const manager = client.socket.io as unknown as { uri: string; opts: { port?: string } };
  manager.uri = url;
  manager.opts.port = new URL(url).port;
}

type Step = fc.AsyncCommand<World, World>;

/** A command of the forum: runs against the real nodes; `check` says whether it makes sense now. */
function step(
  label: string,
  run: (world: World) => Promise<void>,
  check: (world: World) => boolean = () => true,
): Step {
  return { check, run: (_model, world) => run(world), toString: () => label };
}

const steps = {
  join: fc.nat(1).map((node) =>
    step(
      `join on node ${node}`,
      (world) => joinOn(world, node),
      (world) => world.people.length < MAX_PEOPLE,
    ),
  ),
  leave: fc.nat().map((index) =>
    step(`person #${index} leaves`, async (world) => {
      const person = pick(present(world), index);
      if (!person?.connected) return;
      await send(person.client, "session:leave", { commandId: newCommandId() });
      person.gone = true;
    }),
  ),
  remove: fc.nat().map((index) =>
    step(`host removes person #${index}`, async (world) => {
      const person = pick(present(world), index);
      if (!person) return;
      await send(world.host, "participant:remove", { commandId: newCommandId(), participantId: idOf(person) });
      person.gone = true;
    }),
  ),
  setRole: fc
    .tuple(fc.nat(), fc.constantFrom<Role>("facilitator", "note-taker", "safeguarding-lead", "participant"))
    .map(([index, role]) =>
      step(`host makes person #${index} ${role}`, async (world) => {
        const person = pick(present(world), index);
        if (person)
          await send(world.host, "participant:setRole", {
            commandId: newCommandId(),
            participantId: idOf(person),
            role,
          });
      }),
    ),
  rosterPrivacy: fc.boolean().map((rosterPrivate) =>
    step(`host makes the roster ${rosterPrivate ? "private" : "open"}`, async (world) => {
      await send(world.host, "workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate });
    }),
  ),
  listed: fc.tuple(fc.nat(), fc.boolean()).map(([index, listed]) =>
    step(`person #${index} ${listed ? "shows" : "hides"} their name`, async (world) => {
      const person = pick(present(world), index);
      if (person?.connected) await send(person.client, "participant:setListed", { commandId: newCommandId(), listed });
    }),
  ),
  plan: fc.tuple(fc.array(fc.boolean(), { minLength: 2, maxLength: 3 }), fc.boolean()).map(([named, selfSelect]) =>
    step(
      `plan ${named.length} rooms (names shown in ${named.map((shown) => (shown ? "y" : "n")).join("")})${selfSelect ? " (self-select)" : ""}`,
      async (world) => {
        const answer = await send(world.host, "breakout:plan", {
          commandId: newCommandId(),
          rooms: named.map((namesVisible, index) => ({ name: `Room ${index + 1}`, capacity: 4, namesVisible })),
          durationSeconds: 900,
          warningSeconds: 60,
          selfSelect,
        });
        if (answer?.ok) world.round = answer.data;
      },
      (world) => world.round === null || world.round.status === "closed",
    ),
  ),
  assign: fc.boolean().map((reshuffle) =>
    step(
      `assign${reshuffle ? " (reshuffle)" : ""}`,
      async (world) => {
        const round = world.round as RoundView;
        await send(world.host, "breakout:assign", { commandId: newCommandId(), roundId: round.roundId, reshuffle });
      },
      (world) => world.round !== null && world.round.status !== "closed",
    ),
  ),
  open: fc.constant(
    step(
      "open the round",
      async (world) => {
        const round = world.round as RoundView;
        const answer = await send(world.host, "breakout:open", { commandId: newCommandId(), roundId: round.roundId });
        if (answer?.ok) world.round = answer.data;
      },
      (world) => world.round?.status === "planned",
    ),
  ),
  move: fc.tuple(fc.nat(), fc.nat(3)).map(([index, room]) =>
    step(
      `move person #${index} to room ${room} (3: the plenary)`,
      async (world) => {
        const round = world.round as RoundView;
        const person = pick(present(world), index);
        if (!person) return;
        const roomId = round.rooms[room]?.roomId ?? null;
        await send(world.host, "breakout:move", {
          commandId: newCommandId(),
          roundId: round.roundId,
          participantIds: [idOf(person)],
          roomId,
        });
      },
      (world) => world.round !== null && world.round.status !== "closed",
    ),
  ),
  pickRoom: fc.tuple(fc.nat(), fc.nat(2)).map(([index, room]) =>
    step(
      `person #${index} picks room ${room}`,
      async (world) => {
        const round = world.round as RoundView;
        const person = pick(present(world), index);
        const roomId = round.rooms[room % round.rooms.length]?.roomId;
        if (person?.connected && roomId)
          await send(person.client, "breakout:pick", { commandId: newCommandId(), roundId: round.roundId, roomId });
      },
      (world) => world.round?.selfSelect === true && world.round.status !== "closed",
    ),
  ),
  end: fc.constant(
    step(
      "end the round now",
      async (world) => {
        const round = world.round as RoundView;
        const answer = await send(world.host, "breakout:end", {
          commandId: newCommandId(),
          roundId: round.roundId,
          immediate: true,
        });
        if (answer?.ok) world.round = answer.data;
      },
      (world) => isRoundRunning(world.round),
    ),
  ),
  closeRoom: fc.nat(2).map((room) =>
    step(
      `close room ${room}`,
      async (world) => {
        const round = world.round as RoundView;
        const roomId = round.rooms[room % round.rooms.length]?.roomId as string;
        const answer = await send(world.host, "breakout:closeRoom", {
          commandId: newCommandId(),
          roundId: round.roundId,
          roomId,
        });
        if (answer?.ok) world.round = answer.data;
      },
      (world) => isRoundRunning(world.round),
    ),
  ),
  setLead: fc.tuple(fc.nat(2), fc.nat()).map(([room, index]) =>
    step(
      `person #${index} leads room ${room}`,
      async (world) => {
        const round = world.round as RoundView;
        const person = pick(present(world), index);
        const roomId = round.rooms[room % round.rooms.length]?.roomId as string;
        if (!person) return;
        const answer = await send(world.host, "breakout:setLead", {
          commandId: newCommandId(),
          roundId: round.roundId,
          roomId,
          participantId: idOf(person),
        });
        if (answer?.ok) world.round = answer.data;
      },
      (world) => world.round !== null && world.round.status !== "closed",
    ),
  ),
  poll: fc.tuple(fc.nat(3), fc.boolean()).map(([room, open]) =>
    step(`a ${open ? "live" : "draft"} poll for room ${room} (3: the plenary)`, async (world) => {
      const roomId = world.round?.status === "closed" ? undefined : world.round?.rooms[room]?.roomId;
      const definition = singleChoice(roomId ? { scope: { kind: "room", roomId } } : {});
      const answer = await send(world.host, "poll:create", { commandId: newCommandId(), definition, open });
      if (answer?.ok) world.pollIds.push(answer.data.pollId);
    }),
  ),
  closePoll: fc.nat().map((index) =>
    step(
      `close poll #${index}`,
      async (world) => {
        await send(world.host, "poll:close", {
          commandId: newCommandId(),
          pollId: pick(world.pollIds, index) as string,
        });
      },
      (world) => world.pollIds.length > 0,
    ),
  ),
  ask: fc.tuple(fc.nat(), fc.boolean()).map(([index, anonymous]) =>
    step(`person #${index} asks${anonymous ? " anonymously" : ""}`, async (world) => {
      const person = pick(present(world), index);
      if (!person?.connected) return;
      const answer = await send(person.client, "qna:ask", {
        commandId: newCommandId(),
        secret: newQuestionSecret(),
        boardId: "plenary",
        text: "Where do survivors find legal aid?",
        anonymous,
      });
      if (answer?.ok) world.pendingQuestions.push(answer.data.question.questionId);
    }),
  ),
  approve: fc.nat().map((index) =>
    step(
      `approve question #${index}`,
      async (world) => {
        const questionId = pick(world.pendingQuestions, index) as string;
        await send(world.host, "qna:approve", { commandId: newCommandId(), questionId });
      },
      (world) => world.pendingQuestions.length > 0,
    ),
  ),
  notesAccess: fc.tuple(fc.nat(3), fc.boolean()).map(([room, openToAll]) =>
    step(`notes of room ${room} (3: the plenary) ${openToAll ? "open to all" : "note-takers only"}`, async (world) => {
      const docId = world.round?.rooms[room]?.roomId ?? "plenary";
      await send(world.host, "notes:setAccess", { commandId: newCommandId(), docId, openToAll });
    }),
  ),
  callTemplate: fc
    .constantFrom(null, "https://meet.example.org/f-{workshop}-{room}", "https://call.example.org/{room}")
    .map((template) =>
      step(`call link template ${template ?? "removed"}`, async (world) => {
        await send(world.host, "call:setTemplate", { commandId: newCommandId(), template });
      }),
    ),
  callRoom: fc.tuple(fc.nat(3), fc.boolean()).map(([room, paste]) =>
    step(
      `call link of room ${room} ${paste ? "pasted" : "back to the template"}`,
      async (world) => {
        const roomId = world.round?.rooms[room]?.roomId;
        if (!world.round || !roomId) return;
        const url = paste ? `https://zoom.example.org/j/${room}?pwd=secret${room}` : null;
        await send(world.host, "call:setRoom", {
          commandId: newCommandId(),
          roundId: world.round.roundId,
          roomId,
          url,
        });
      },
      (world) => world.round !== null,
    ),
  ),
  callPlenary: fc.boolean().map((set) =>
    step(`plenary call link ${set ? "set" : "removed"}`, async (world) => {
      const url = set ? "https://meet.example.org/plenary" : null;
      await send(world.host, "call:setPlenary", { commandId: newCommandId(), url });
    }),
  ),
  help: fc.nat().map((index) =>
    step(
      `person #${index} asks for help`,
      async (world) => {
        const person = pick(present(world), index);
        if (person?.connected) await send(person.client, "help:request", { commandId: newCommandId(), text: "Stuck" });
      },
      (world) => isRoundRunning(world.round),
    ),
  ),
  broadcast: fc.nat(3).map((room) =>
    step(
      `banner to room ${room} (3: every room)`,
      async (world) => {
        const roomId = world.round?.rooms[room]?.roomId ?? null;
        await send(world.host, "breakout:broadcast", { commandId: newCommandId(), roomId, text: "Two minutes" });
      },
      (world) => isRoundRunning(world.round),
    ),
  ),
  tags: fc.tuple(fc.nat(), fc.constantFrom("th", "vi", "km")).map(([index, language]) =>
    step(`person #${index} speaks ${language}`, async (world) => {
      const person = pick(present(world), index);
      if (person?.connected)
        await send(person.client, "participant:setTags", {
          commandId: newCommandId(),
          participantId: idOf(person),
          tags: { language },
        });
    }),
  ),
  disconnect: fc.nat().map((index) =>
    step(`person #${index} loses the connection`, async (world) => {
      const person = pick(present(world), index);
      if (!person?.connected) return;
      person.client.socket.disconnect();
      person.connected = false;
    }),
  ),
  reconnect: fc.nat().map((index) =>
    step(`person #${index} comes back on the other node`, async (world) => {
      const person = pick(
        present(world).filter((candidate) => !candidate.connected),
        index,
      );
      if (person) await comeBack(world, person);
    }),
  ),
  loseBatches: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([index, count]) =>
    step(`person #${index} misses ${count} batches`, async (world) => {
      const person = pick(present(world), index);
      if (person) person.client.mirror.dropBatches = count;
    }),
  ),
};

async function joinOn(world: World, node: number): Promise<void> {
  const client = await connectClient([world.urls[node] as string, world.urls[1 - node] as string], {
    joinCode: world.joinCode,
    displayName: `Person ${world.people.length + 1}`,
  });
  cluster.track(client);
  followPlenaryBoard(client);
  world.people.push({ client, gone: false, connected: true });
}

/** Sequences of up to 40 steps, the round's life and role changes drawn more often. */
function weightedCommands() {
  const weighted = Object.entries(steps).flatMap(([name, arbitrary]) =>
    Array.from({ length: WEIGHTS[name as keyof typeof steps] ?? 1 }, () => arbitrary),
  );
  return fc.commands(weighted, { maxCommands: 40, size: "large" });
}

async function comeBack(world: World, person: Person): Promise<void> {
  const now = person.client.socket.io as unknown as { uri: string };
  aimAt(person.client, now.uri === world.urls[0] ? world.urls[1] : world.urls[0]);
  const ready = new Promise<void>((resolve) => person.client.socket.once("session:ready", () => resolve()));
  person.client.socket.connect();
  await ready;
  person.connected = true;
}

describe("live state equals a fresh snapshot (model-based, two nodes)", () => {
  it("after any sequence of commands from several roles, with reconnects and lost batches, on two nodes", async () => {
    const { a, b } = await cluster.start({ QNA_QUESTIONS_PER_MINUTE: "1000", COMMAND_BURST: "1000" });
    const urls: [string, string] = [a.url, b.url];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), weightedCommands(), async (startWith, commands) => {
        const created = await createWorkshop(a.url);
        const host = await connectClient(urls, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
        cluster.track(host);
        followPlenaryBoard(host);
        const world: World = {
          urls,
          joinCode: created.joinCode,
          host,
          people: [],
          round: null,
          pollIds: [],
          pendingQuestions: [],
        };
        try {
          for (let index = 0; index < startWith; index++) await joinOn(world, index % 2);
          await fc.asyncModelRun(() => ({ model: world, real: world }), commands);
          for (const person of present(world)) if (!person.connected) await comeBack(world, person);
          // A lost batch is noticed at the next one: end the losses, then send everyone one.
          for (const person of world.people) person.client.mirror.dropBatches = 0;
          for (const anonymousByDefault of [false, true]) {
            await send(host, "workshop:setAnonymityDefault", { commandId: newCommandId(), anonymousByDefault });
          }
          await expectLiveEqualsFresh(host, "host");
          for (const [index, person] of world.people.entries()) {
            if (!person.gone) await expectLiveEqualsFresh(person.client, `person #${index}`);
          }
        } finally {
          host.close();
          for (const person of world.people) person.client.close();
        }
      }),
      // More runs when hunting: LIVE_EQUALS_RUNS=200.
      { numRuns: Number(process.env.LIVE_EQUALS_RUNS ?? 12), endOnFailure: true },
    );
  });
});
