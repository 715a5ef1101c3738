import { describe, expect, it } from "vitest";
import {
  approve,
  correct,
  dismiss,
  editByAuthor,
  markAnswered,
  newQuestion,
  pinWrites,
  restore,
  toQuestionView,
} from "../../server/domain/qna/questions.js";
import {
  BUILT_IN_WORD_LISTS,
  buildWordList,
  matchesWordList,
  mergeWordLists,
} from "../../server/domain/qna/wordList.js";
import { RateWindow } from "../../server/services/rateWindow.js";
import { moderatesBoard, usesBoard } from "../../shared/qnaRules.js";

const base = {
  questionId: "qquestion001",
  boardId: "plenary",
  seq: 1,
  text: "Why?",
  author: { participantId: "pauthor00000000", displayName: "Ana" },
  secretHash: "hash",
  flagged: false,
  creditConsent: false,
};

describe("Q&A rules", () => {
  it("an anonymous question keeps no author; a named one does, and its view shows only the name", () => {
    const anonymous = newQuestion({ ...base, anonymous: true, preModeration: true });
    expect(anonymous).toMatchObject({ authorId: null, authorName: null, status: "pending" });
    const named = newQuestion({ ...base, anonymous: false, preModeration: false });
    expect(named).toMatchObject({ authorId: "pauthor00000000", authorName: "Ana", status: "approved" });
    const view = toQuestionView(named, 3);
    expect(view).toMatchObject({ authorName: "Ana", votes: 3 });
    expect(JSON.stringify(view)).not.toContain("pauthor00000000");
    expect(JSON.stringify(view)).not.toContain("hash");
    expect(newQuestion({ ...base, anonymous: true, preModeration: false, flagged: true }).status).toBe("pending");
  });

  it("only a named question asked while attribution was announced may be credited", () => {
    expect(newQuestion({ ...base, anonymous: false, preModeration: false }).creditable).toBe(false);
    const announced = { ...base, preModeration: false, creditConsent: true };
    expect(newQuestion({ ...announced, anonymous: false }).creditable).toBe(true);
    // Anonymous stays anonymous whatever the workshop announced.
    expect(newQuestion({ ...announced, anonymous: true })).toMatchObject({ creditable: false, authorName: null });
  });

  it("moderation moves: approve, dismiss with reason, restore, answer, correct; edits only while pending", () => {
    const pending = newQuestion({ ...base, anonymous: true, preModeration: true });
    expect(editByAuthor(pending, "Why not?", false).text).toBe("Why not?");
    const approved = approve(pending);
    expect(() => editByAuthor(approved, "x", false)).toThrow(/awaiting approval/);
    expect(() => approve(approved)).toThrow(/pending/);
    const dismissed = dismiss({ ...approved, pinned: true }, "Off topic");
    expect(dismissed).toMatchObject({ status: "dismissed", pinned: false, dismissReason: "Off topic" });
    expect(restore(dismissed)).toMatchObject({ status: "approved", dismissReason: null });
    expect(markAnswered(approved, "Because.")).toMatchObject({ status: "answered", reply: "Because." });
    expect(correct(approved, "Why, exactly?")).toMatchObject({ text: "Why, exactly?", edited: true });
    expect(correct(approved, approved.text).edited).toBe(false);
  });

  it("pinning one unpins the board's other; only approved questions are pinned", () => {
    const one = { ...newQuestion({ ...base, anonymous: true, preModeration: false }), pinned: true };
    const two = newQuestion({ ...base, questionId: "qquestion002", anonymous: true, preModeration: false });
    expect(pinWrites([one, two], two).map((write) => [write.next.questionId, write.next.pinned])).toEqual([
      ["qquestion001", false],
      ["qquestion002", true],
    ]);
    expect(pinWrites([one, two], null)).toHaveLength(1);
    expect(() => pinWrites([one], { ...two, status: "pending" })).toThrow(/approved/);
  });

  it("moderators: facilitators everywhere, a room's lead on that room's board while the round runs", () => {
    const round = {
      roundId: "rround000001",
      number: 1,
      status: "open" as const,
      rooms: [
        { roomId: "mroom0000001", name: "A", topic: "", capacity: null, leadId: "plead0000000000", closed: false },
      ],
      durationSeconds: 60,
      warningSeconds: 0,
      endsAt: 1,
      selfSelect: false,
      createdAt: 1,
    };
    const lead = { participantId: "plead0000000000", role: "participant" as const };
    expect(moderatesBoard(lead, "mroom0000001", round)).toBe(true);
    expect(moderatesBoard(lead, "plenary", round)).toBe(false);
    expect(moderatesBoard(lead, "mroom0000001", { ...round, status: "closed" })).toBe(false);
    expect(moderatesBoard({ participantId: "px", role: "facilitator" }, "plenary", null)).toBe(true);
    expect(usesBoard({ role: "participant", roomId: null }, "mroom0000001")).toBe(false);
    expect(usesBoard({ role: "participant", roomId: "mroom0000001" }, "mroom0000001")).toBe(true);
  });
});

describe("word list", () => {
  const list = buildWordList(mergeWordLists(BUILT_IN_WORD_LISTS, { th: ["คำหยาบ"], en: ["Scam Link"] }));

  it("matches whole words, phrases, and terms inside unspaced scripts; case and width do not matter", () => {
    expect(matchesWordList("Join the CASINO tonight", list)).toBe(true);
    expect(matchesWordList("please CLICK   here", list)).toBe(true);
    expect(matchesWordList("this is a scam link", list)).toBe(true);
    expect(matchesWordList("นี่คือคำหยาบนะ", list)).toBe(true);
  });

  it("does not match inside other words", () => {
    expect(matchesWordList("A classic assessment of shelters", list)).toBe(false);
    expect(matchesWordList("Who funds the shelters?", list)).toBe(false);
  });
});

describe("rate window", () => {
  it("allows exactly the limit within the window, then again once it has passed", () => {
    let now = 0;
    const window = new RateWindow(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => window.allow("a"))).toEqual([true, true, true, false]);
    expect(window.allow("b")).toBe(true);
    now = 60_001;
    expect(window.allow("a")).toBe(true);
  });
});
