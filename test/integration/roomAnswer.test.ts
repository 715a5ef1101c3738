import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authorizer } from "../../server/services/authorizer.js";
import { BreakoutService } from "../../server/services/breakoutService.js";
import { WorkshopService } from "../../server/services/workshopService.js";
import type { ParticipantId } from "../../shared/ids.js";
import type { RoomAnswer } from "../../shared/workshop.js";
import { currentRoomOf } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { createPoll, singleChoice } from "../helpers/polls.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

/** The answer as the store holds it right now (the service's own path), for the same asker. */
async function fromStore(asker: TestClient, roundId: string, roomId: string): Promise<RoomAnswer> {
  const authorizer = new Authorizer(server.stores);
  const service = new BreakoutService(
    server.stores,
    new WorkshopService(server.stores, authorizer, { retentionMs: 1 }),
  );
  const { workshopId, participantId } = asker.session;
  const who = await authorizer.authorize("breakout:room", { workshopId, participantId });
  return service.room(who, { roundId, roomId });
}

/** Lists in a fixed order: the two copies keep items in different orders, which no client relies on. */
function normalized(answer: RoomAnswer): Omit<RoomAnswer, "version"> {
  const { version: _version, ...rest } = answer;
  return {
    ...rest,
    helps: [...rest.helps].sort((a, b) => a.helpId.localeCompare(b.helpId)),
    broadcasts: [...rest.broadcasts].sort((a, b) => a.sentAt - b.sentAt || a.text.localeCompare(b.text)),
    polls: [...rest.polls].sort((a, b) => a.pollId.localeCompare(b.pollId)),
    ...(rest.people ? { people: [...rest.people].sort((a, b) => a[0].localeCompare(b[0])) } : {}),
  };
}

describe("breakout:room from the node's copy", () => {
  it("answers what the store holds, at the version its batches reached, for participants and facilitators", async () => {
    // The default private roster: a room that shows names, and one that does not.
    const { host, people } = await workshopWithPeople([server.url], 6);
    ok(
      await host.send("call:setTemplate", {
        commandId: newCommandId(),
        template: "https://meet.example/{workshop}-{room}",
      }),
    );
    const round = await planRound(host, [{ name: "Shelters", namesVisible: true }, { name: "Legal aid" }]);
    const [shelters, legal] = round.rooms as unknown as [{ roomId: string }, { roomId: string }];
    const ids = people.map((person) => person.session.participantId as ParticipantId);
    for (const [index, roomId] of [shelters.roomId, legal.roomId].entries()) {
      ok(
        await host.send("breakout:move", {
          commandId: newCommandId(),
          roundId: round.roundId,
          participantIds: ids.slice(index * 3, index * 3 + 3),
          roomId,
        }),
      );
    }
    await openRound(host, round);
    const [inShelters, , , inLegal] = people as [TestClient, TestClient, TestClient, TestClient];
    await inShelters.mirror.until(
      (state) => currentRoomOf(state, inShelters.session.participantId) === shelters.roomId,
    );
    await inLegal.mirror.until((state) => currentRoomOf(state, inLegal.session.participantId) === legal.roomId);
    // What the rooms hold besides people: help, banners (one room's, everyone's), a room poll and a draft.
    const help = await inShelters.send("help:request", { commandId: newCommandId(), text: "Stuck" });
    ok(help);
    ok(
      await host.send("breakout:broadcast", {
        commandId: newCommandId(),
        roomId: shelters.roomId,
        text: "Ten minutes",
      }),
    );
    ok(await host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "Everyone" }));
    const roomPoll = await createPoll(host, singleChoice({ scope: { kind: "room", roomId: shelters.roomId } }));
    await createPoll(host, singleChoice({ scope: { kind: "room", roomId: shelters.roomId } }), false);
    if (help.ok) ok(await host.send("help:take", { commandId: newCommandId(), helpId: help.data.helpId }));
    // One more move after all that, so the copy's seats moved too.
    ok(
      await host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [ids[5] as ParticipantId],
        roomId: shelters.roomId,
      }),
    );
    await inShelters.mirror.until((state) => state.polls.has(roomPoll.pollId));
    await inShelters.mirror.until((state) => state.breakout.assignments.get(ids[5] as string) === shelters.roomId);
    for (const [asker, roomId] of [
      [inShelters, shelters.roomId],
      [inLegal, legal.roomId],
      [host, shelters.roomId],
      [host, legal.roomId],
    ] as const) {
      const answer = await asker.send("breakout:room", { roundId: round.roundId, roomId });
      if (!answer.ok) throw new Error(answer.error.code);
      // Answered from the copy: it says which version it is as of, and that is the asker's.
      expect(answer.data.version).toBeTypeOf("number");
      expect(answer.data.version).toBeLessThanOrEqual(asker.mirror.version);
      expect(normalized(answer.data)).toEqual(normalized(await fromStore(asker, round.roundId, roomId)));
    }
    const sheltersAnswer = await inShelters.send("breakout:room", { roundId: round.roundId, roomId: shelters.roomId });
    if (!sheltersAnswer.ok) throw new Error(sheltersAnswer.error.code);
    expect(sheltersAnswer.data.helps.map((entry) => entry.status)).toEqual(["taken"]);
    expect(sheltersAnswer.data.broadcasts.map((entry) => entry.text)).toEqual(["Ten minutes", "Everyone"]);
    expect(sheltersAnswer.data.polls.map((poll) => poll.pollId)).toEqual([roomPoll.pollId]);
    expect(sheltersAnswer.data.call).toMatch(/^https:\/\/meet\.example\//);
    expect(sheltersAnswer.data.people?.length).toBe(4);
    // Another room is still refused, from the copy as from the store.
    expect(await inLegal.send("breakout:room", { roundId: round.roundId, roomId: shelters.roomId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    closeAll([host, ...people]);
  });
});

function ok(answer: { ok: boolean; error?: { code: string } }): void {
  if (!answer.ok) throw new Error(`refused: ${answer.error?.code}`);
}
