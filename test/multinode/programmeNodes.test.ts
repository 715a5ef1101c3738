import { describe, expect, it } from "vitest";
import { workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { addSession, programmeTitles, sessionDraft } from "../helpers/programme.js";

const cluster = useTwoNodes();

describe("the programme on two nodes", () => {
  it("sessions made through one node reach people on the other; a dropped connection catches up on reconnect", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 4);
    cluster.track(world.host, ...world.people);
    const onB = world.people.filter((_, index) => index % 2 === 1);
    await addSession(world.host, sessionDraft("Opening plenary", 0, 1, { kind: "plenary" }));
    const panel = await addSession(world.host, sessionDraft("Survivor panel", 1));
    for (const person of onB) {
      await person.mirror.until((state) => state.programme.size === 2);
      expect(programmeTitles(person)).toEqual(["Opening plenary", "Survivor panel"]);
    }
    expect((await stores.programme.listSessions(world.host.session.workshopId)).map((s) => s.title)).toEqual([
      "Opening plenary",
      "Survivor panel",
    ]);

    // One person's connection drops; the programme changes meanwhile; they come back (to either node).
    const dropped = onB[0] as TestClient;
    const sessionsBefore = dropped.mirror.sessions;
    const gone = new Promise((resolve) => dropped.socket.once("disconnect", resolve));
    dropped.socket.io.engine.close();
    await gone;
    await world.host.send("programme:update", {
      commandId: newCommandId(),
      sessionId: panel.sessionId,
      session: sessionDraft("Survivor panel", 2, 1, { speakers: ["Mira"] }),
    });
    await addSession(world.host, sessionDraft("Closing", 3));
    await dropped.mirror.until(
      (state) => dropped.mirror.sessions > sessionsBefore && state.programme.size === 3 && dropped.socket.connected,
    );
    expect(programmeTitles(dropped)).toEqual(["Opening plenary", "Survivor panel", "Closing"]);
    expect(dropped.mirror.state.programme.get(panel.sessionId)?.speakers).toEqual(["Mira"]);
    for (const person of world.people) {
      await person.mirror.until((state) => state.programme.size === 3);
      expect(person.mirror.state.programme).toEqual(dropped.mirror.state.programme);
    }
  });
});
