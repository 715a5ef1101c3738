import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { newQuestion } from "../../server/domain/qna/questions.js";
import type { QuestionRecord } from "../../server/domain/qna/records.js";
import type { WorkshopRecord } from "../../server/domain/records.js";
import { QNA_CHANGES_CAP } from "../../server/store/qna/port.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

const alice = person("alice");
const bob = person("bob");

function question(id: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    ...newQuestion({
      questionId: `q${id.padEnd(11, "0")}`,
      boardId: "plenary",
      seq: 1,
      text: `Question ${id}`,
      anonymous: true,
      author: { participantId: alice.participantId, displayName: alice.displayName },
      creditConsent: false,
      secretHash: "hash",
      preModeration: false,
      flagged: false,
    }),
    ...overrides,
  };
}

/** The Q&A rules both stores must keep, rule ids Q1... */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("Q&A store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("Q1 questions are written compare-and-set, deduplicated per command, and each write is a new revision", async () => {
    const first = question("one");
    const ref = { actorId: "anon", commandId: "a".repeat(64) };
    const written = await stores.qna.commitQna(workshop.workshopId, ref, {
      writes: [{ kind: "question", questionId: first.questionId, expected: null, next: first }],
      result: "first",
    });
    expect(written).toEqual({ status: "applied", version: 1, result: "first" });
    expect(await stores.qna.commitQna(workshop.workshopId, ref, { writes: [], result: "again" })).toEqual({
      status: "duplicate",
      result: "first",
    });
    expect(
      await stores.qna.commitQna(workshop.workshopId, null, {
        writes: [{ kind: "question", questionId: first.questionId, expected: null, next: first }],
        result: null,
      }),
    ).toEqual({ status: "conflict" });
    const approved = { ...first, status: "approved" as const };
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [
        { kind: "question", questionId: first.questionId, expected: first, next: approved },
        { kind: "board", boardId: "plenary", expected: null, next: { boardId: "plenary", preModeration: false } },
      ],
      result: null,
    });
    expect(await stores.qna.getQuestion(workshop.workshopId, first.questionId)).toEqual(approved);
    expect(await stores.qna.listBoards(workshop.workshopId)).toEqual([{ boardId: "plenary", preModeration: false }]);
    expect(await stores.qna.qnaRevision(workshop.workshopId)).toBe(3);
    expect(await stores.qna.qnaChangesSince(workshop.workshopId, 1)).toEqual({
      rev: 3,
      questionIds: [first.questionId],
      boardIds: ["plenary"],
      reset: false,
    });
    expect((await stores.qna.qnaChangesSince(workshop.workshopId, 3)).questionIds).toEqual([]);
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: first.questionId, expected: approved, next: null }],
      result: null,
    });
    expect(await stores.qna.getQuestion(workshop.workshopId, first.questionId)).toBeNull();
    expect((await stores.qna.qnaChangesSince(workshop.workshopId, 3)).questionIds).toEqual([first.questionId]);
  });

  it("Q7 a moderator's claim is stored with the question and compared like the rest of it", async () => {
    const pending = question("claim", { status: "pending" });
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: pending.questionId, expected: null, next: pending }],
      result: null,
    });
    const claimed = { ...pending, claimedBy: bob.participantId };
    const ref = { actorId: bob.participantId, commandId: "c".repeat(64) };
    expect(
      await stores.qna.commitQna(workshop.workshopId, ref, {
        writes: [{ kind: "question", questionId: pending.questionId, expected: pending, next: claimed }],
        result: "claimed",
      }),
    ).toEqual({ status: "applied", version: 2, result: "claimed" });
    expect(await stores.qna.getQuestion(workshop.workshopId, pending.questionId)).toEqual(claimed);
    // A retry of the claim is answered from the command record; a write expecting the unclaimed record loses.
    expect(await stores.qna.commitQna(workshop.workshopId, ref, { writes: [], result: "again" })).toEqual({
      status: "duplicate",
      result: "claimed",
    });
    expect(
      await stores.qna.commitQna(workshop.workshopId, null, {
        writes: [{ kind: "question", questionId: pending.questionId, expected: pending, next: pending }],
        result: null,
      }),
    ).toEqual({ status: "conflict" });
    const { claimedBy: _claim, ...released } = claimed;
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: pending.questionId, expected: claimed, next: released }],
      result: null,
    });
    expect(await stores.qna.getQuestion(workshop.workshopId, pending.questionId)).toEqual(released);
  });

  it("Q2 upvotes: once per voter key, undo, approved questions only", async () => {
    const pending = question("pend", { status: "pending" });
    const open = question("open", { status: "approved" });
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [
        { kind: "question", questionId: pending.questionId, expected: null, next: pending },
        { kind: "question", questionId: open.questionId, expected: null, next: open },
      ],
      result: null,
    });
    expect(
      await stores.qna.upvote(workshop.workshopId, {
        questionId: pending.questionId,
        voterKey: alice.participantId,
        up: true,
      }),
    ).toEqual({
      status: "notOpen",
    });
    expect(
      await stores.qna.upvote(workshop.workshopId, {
        questionId: "qnothere0000",
        voterKey: alice.participantId,
        up: true,
      }),
    ).toEqual({
      status: "missing",
    });
    const before = await stores.qna.qnaRevision(workshop.workshopId);
    await Promise.all([
      stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: alice.participantId, up: true }),
      stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: alice.participantId, up: true }),
      stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: bob.participantId, up: true }),
    ]);
    expect(await stores.qna.questionVotes(workshop.workshopId, [open.questionId, pending.questionId])).toEqual([2, 0]);
    expect(
      await stores.qna.upvote(workshop.workshopId, {
        questionId: open.questionId,
        voterKey: bob.participantId,
        up: false,
      }),
    ).toEqual({
      status: "applied",
      changed: true,
      votes: 1,
    });
    expect(
      await stores.qna.upvote(workshop.workshopId, {
        questionId: open.questionId,
        voterKey: bob.participantId,
        up: false,
      }),
    ).toEqual({
      status: "applied",
      changed: false,
      votes: 1,
    });
    expect(await stores.qna.qnaRevision(workshop.workshopId)).toBe(before + 3);
  });

  it("Q3 changes are announced to every subscriber with the new revision", async () => {
    const heard: number[] = [];
    const unsubscribe = await stores.qna.subscribeQna(workshop.workshopId, (rev) => heard.push(rev));
    const first = question("sub");
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: first.questionId, expected: null, next: first }],
      result: null,
    });
    await expect.poll(() => heard).toEqual([1]);
    await unsubscribe();
  });

  it("Q4 a reader further behind than the remembered changes is told to reset", async () => {
    const many = Array.from({ length: QNA_CHANGES_CAP + 5 }, (_, index) =>
      question(`m${String(index).padStart(6, "0")}`),
    );
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: many.map((record) => ({
        kind: "question" as const,
        questionId: record.questionId,
        expected: null,
        next: record,
      })),
      result: null,
    });
    expect((await stores.qna.qnaChangesSince(workshop.workshopId, 0)).reset).toBe(true);
    const recent = await stores.qna.qnaChangesSince(workshop.workshopId, QNA_CHANGES_CAP);
    expect(recent).toMatchObject({ reset: false, rev: QNA_CHANGES_CAP + 5 });
    expect(recent.questionIds).toHaveLength(5);
  });

  it("Q5 question seqs count up per board", async () => {
    expect(await stores.qna.nextQuestionSeq(workshop.workshopId, "plenary")).toBe(1);
    expect(await stores.qna.nextQuestionSeq(workshop.workshopId, "plenary")).toBe(2);
    expect(await stores.qna.nextQuestionSeq(workshop.workshopId, "mroom0000001")).toBe(1);
  });

  it("Q6 deleting a question takes its upvotes with it", async () => {
    const open = question("gone", { status: "approved" });
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: open.questionId, expected: null, next: open }],
      result: null,
    });
    await stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: "voter-a", up: true });
    await stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: "voter-b", up: true });
    const deleted = await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: open.questionId, expected: open, next: null }],
      result: null,
    });
    expect(deleted.status).toBe("applied");
    expect(await stores.qna.getQuestion(workshop.workshopId, open.questionId)).toBeNull();
    expect(await stores.qna.questionVotes(workshop.workshopId, [open.questionId])).toEqual([0]);
    // Even a question written again under the same id starts with nobody's upvote.
    await stores.qna.commitQna(workshop.workshopId, null, {
      writes: [{ kind: "question", questionId: open.questionId, expected: null, next: open }],
      result: null,
    });
    expect(
      await stores.qna.upvote(workshop.workshopId, { questionId: open.questionId, voterKey: "voter-a", up: true }),
    ).toEqual({
      status: "applied",
      changed: true,
      votes: 1,
    });
  });
});
