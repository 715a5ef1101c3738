import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { draftMessage, hiddenMessage } from "../../server/domain/chat/messages.js";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { ChatNotice } from "../../server/store/chat/port.js";
import type { Stores } from "../../server/store/stores.js";
import type { ChatChannelId, ChatMessageView } from "../../shared/chat.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

const alice = person("alice");
const ROOM: ChatChannelId = "mroom0000000a";
let commands = 0;

/** The chat rules both stores must keep, rule ids C1... */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("chat store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  async function send(channelId: ChatChannelId, text: string, historyMax = 100): Promise<ChatMessageView> {
    const command = { actorId: alice.participantId, commandId: `chat-${++commands}` };
    const outcome = await stores.chat.append(
      workshop.workshopId,
      command,
      draftMessage(channelId, text, "Alice", 1_700_000_000_000),
      historyMax,
    );
    if (outcome.status !== "applied") throw new Error("not applied");
    return outcome.message;
  }

  it("C1 each channel numbers its messages 1, 2, ... on its own, in the order stored", async () => {
    const first = await send("plenary", "One");
    expect(first).toEqual({
      seq: 1,
      channelId: "plenary",
      text: "One",
      author: "Alice",
      at: 1_700_000_000_000 - (1_700_000_000_000 % 60_000),
      hidden: null,
    });
    await send(ROOM, "Room one");
    await send("plenary", "Two");
    const page = await stores.chat.page(workshop.workshopId, "plenary", null, 10);
    expect(page.latestSeq).toBe(2);
    expect(page.messages.map((message) => [message.seq, message.text])).toEqual([
      [1, "One"],
      [2, "Two"],
    ]);
    expect((await stores.chat.page(workshop.workshopId, ROOM, null, 10)).messages.map((m) => m.text)).toEqual([
      "Room one",
    ]);
    expect((await stores.chat.channels(workshop.workshopId)).sort()).toEqual([ROOM, "plenary"].sort());
  });

  it("C2 a retried command is told where its first message went, and stores nothing twice", async () => {
    const command = { actorId: alice.participantId, commandId: "retried-chat" };
    const draft = draftMessage("plenary", "Once", null, 1);
    const first = await stores.chat.append(workshop.workshopId, command, draft, 100);
    const again = await stores.chat.append(
      workshop.workshopId,
      command,
      draftMessage("plenary", "Other", null, 2),
      100,
    );
    if (first.status !== "applied") throw new Error("not applied");
    // Where it went, not its words (the record must not outlive a hiding).
    expect(again).toEqual({ status: "duplicate", ref: { channelId: "plenary", seq: 1 } });
    expect((await stores.chat.page(workshop.workshopId, "plenary", null, 10)).messages).toEqual([first.message]);
  });

  it("C3 history pages go back by seq: the newest page first, then each page before it, oldest first", async () => {
    for (let index = 1; index <= 7; index++) await send("plenary", `Message ${index}`);
    const texts = async (before: number | null) =>
      (await stores.chat.page(workshop.workshopId, "plenary", before, 3)).messages.map((message) => message.seq);
    expect(await texts(null)).toEqual([5, 6, 7]);
    expect(await texts(5)).toEqual([2, 3, 4]);
    expect(await texts(2)).toEqual([1]);
    expect(await texts(1)).toEqual([]);
    // Past the newest is the newest.
    expect(await texts(100)).toEqual([5, 6, 7]);
    expect(await stores.chat.messages(workshop.workshopId, "plenary", [6, 2, 99])).toEqual([
      expect.objectContaining({ seq: 6 }),
      expect.objectContaining({ seq: 2 }),
    ]);
    expect(await stores.chat.page(workshop.workshopId, ROOM, null, 3)).toEqual({ latestSeq: 0, messages: [] });
  });

  it("C4 a channel keeps its newest historyMax messages; older ones are deleted", async () => {
    for (let index = 1; index <= 12; index++) await send(ROOM, `Message ${index}`, 5);
    const page = await stores.chat.page(workshop.workshopId, ROOM, null, 50);
    expect(page.latestSeq).toBe(12);
    expect(page.messages.map((message) => message.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(await stores.chat.messages(workshop.workshopId, ROOM, [1, 7])).toEqual([]);
  });

  it("C5 hiding deletes the words and the author from storage; hiding again changes nothing", async () => {
    const message = await send(ROOM, "Something hurtful");
    const hidden = await stores.chat.hide(workshop.workshopId, ROOM, message.seq, (m) => hiddenMessage(m, "Abuse"));
    expect(hidden).toEqual({ ...message, text: null, author: null, hidden: { reason: "Abuse" } });
    const [stored] = await stores.chat.messages(workshop.workshopId, ROOM, [message.seq]);
    expect(stored).toEqual(hidden);
    expect(JSON.stringify(await stores.chat.page(workshop.workshopId, ROOM, null, 10))).not.toContain("hurtful");
    const again = await stores.chat.hide(workshop.workshopId, ROOM, message.seq, (m) => hiddenMessage(m, "Other"));
    expect(again).toEqual(hidden);
    expect(await stores.chat.hide(workshop.workshopId, ROOM, 99, (m) => hiddenMessage(m, "x"))).toBeNull();
  });

  it("C6 every change is told to subscribers: a new seq, a hidden seq", async () => {
    const notices: ChatNotice[] = [];
    const unsubscribe = await stores.chat.subscribeChat(workshop.workshopId, (notice) => notices.push(notice));
    const message = await send(ROOM, "Told");
    await stores.chat.hide(workshop.workshopId, ROOM, message.seq, (m) => hiddenMessage(m, "Gone"));
    await expect
      .poll(() => notices, { timeout: 5000 })
      .toEqual([
        { channelId: ROOM, seq: 1, hidden: false },
        { channelId: ROOM, seq: 1, hidden: true },
      ]);
    await unsubscribe();
  });

  it("C7 a purged workshop's chat is gone and refuses every write", async () => {
    await send("plenary", "Before");
    await stores.workshops.purgeWorkshop(workshop.workshopId);
    expect(await stores.chat.page(workshop.workshopId, "plenary", null, 10)).toEqual({ latestSeq: 0, messages: [] });
    expect(await stores.chat.channels(workshop.workshopId)).toEqual([]);
    await expect(send("plenary", "After")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nothing left to hide: nothing is written either.
    expect(await stores.chat.hide(workshop.workshopId, "plenary", 1, (m) => hiddenMessage(m, "x"))).toBeNull();
    expect(await stores.chat.page(workshop.workshopId, "plenary", null, 10)).toEqual({ latestSeq: 0, messages: [] });
  });
});
