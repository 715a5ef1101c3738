import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors.js";
import { validateBallot } from "../../server/domain/polls/ballots.js";
import { STOP_WORD_LOCALES, stopWordsFor } from "../../server/domain/polls/stopWords.js";
import {
  normaliseAnswer,
  rankWords,
  tallyChoice,
  tallyPoll,
  tallyRanking,
  tallyRating,
  wordCloud,
  wordsOfAnswer,
} from "../../server/domain/polls/tally.js";
import {
  type Ballot,
  BallotSchema,
  type PollDefinitionInput,
  type PollDefinitionOf,
  PollDefinitionSchema,
  PollIdSchema,
  PollResultsSchema,
  type RankingBallot,
  type RatingBallot,
  type SingleBallot,
} from "../../shared/poll.js";

const ROOM_A = "mroom0000001";
const ROOM_B = "mroom0000002";
const ROOM_C = "mroom0000003";

const common = {
  question: "What matters most?",
  anonymous: true,
  resultsVisibility: "live",
  scope: { kind: "plenary" },
} as const;

const abcd = [
  { optionId: "a", label: "Safe housing" },
  { optionId: "b", label: "Legal aid" },
  { optionId: "c", label: "Work permits" },
  { optionId: "d", label: "Language classes" },
];

function define<K extends PollDefinitionInput["kind"]>(
  input: Extract<PollDefinitionInput, { kind: K }>,
): PollDefinitionOf<K> {
  return PollDefinitionSchema.parse(input) as PollDefinitionOf<K>;
}

const single = define({ kind: "single", ...common, options: abcd });
const multiple = define({ kind: "multiple", ...common, options: abcd, minSelections: 2, maxSelections: 3 });
const rating5 = define({ kind: "rating", ...common, scale: 5, lowLabel: "Not at all", highLabel: "Completely" });
const text10 = define({ kind: "text", ...common, maxLength: 10 });
const ranking = define({ kind: "ranking", ...common, options: abcd });

function expectBadRequest(run: () => unknown, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe("BAD_REQUEST");
  if (message) expect((caught as DomainError).message).toMatch(message);
}

const rate = (...values: number[]): RatingBallot[] => values.map((value) => ({ kind: "rating", value }));
const rank = (...orders: string[]): RankingBallot[] => orders.map((order) => ({ kind: "ranking", order: [...order] }));

describe("poll schemas", () => {
  it("poll ids are o + 11 lower-case letters or digits", () => {
    expect(PollIdSchema.safeParse("opoll0000001").success).toBe(true);
    expect(PollIdSchema.safeParse("rpoll0000001").success).toBe(false);
    expect(PollIdSchema.safeParse("opoll000001").success).toBe(false);
    expect(PollIdSchema.safeParse("oPOLL0000001").success).toBe(false);
  });

  it("fills defaults: vote change allowed, at least one selection, 200-character answers", () => {
    expect(single.allowVoteChange).toBe(true);
    expect(define({ kind: "multiple", ...common, options: abcd })).toMatchObject({ minSelections: 1 });
    expect(define({ kind: "text", ...common })).toMatchObject({ maxLength: 200 });
    expect(define({ kind: "single", ...common, options: abcd, allowVoteChange: false }).allowVoteChange).toBe(false);
  });

  it("trims and NFC-normalises the question and labels, and refuses empty ones", () => {
    const poll = define({
      kind: "single",
      ...common,
      question: "  Cafe\u0301?  ",
      options: [
        { optionId: "a", label: " Yes " },
        { optionId: "b", label: "No" },
      ],
    });
    expect(poll.question).toBe("Café?");
    expect(poll.options[0]?.label).toBe("Yes");
    expect(PollDefinitionSchema.safeParse({ kind: "single", ...common, question: "   ", options: abcd }).success).toBe(
      false,
    );
    expect(
      PollDefinitionSchema.safeParse({ kind: "single", ...common, question: "x".repeat(301), options: abcd }).success,
    ).toBe(false);
  });

  it.each([
    ["one option", { kind: "single", options: abcd.slice(0, 1) }],
    [
      "21 options",
      { kind: "single", options: Array.from({ length: 21 }, (_, i) => ({ optionId: `o${i}`, label: `L${i}` })) },
    ],
    ["duplicate option ids", { kind: "ranking", options: [...abcd, { optionId: "a", label: "Other" }] }],
    ["labels equal but for case", { kind: "single", options: [...abcd, { optionId: "e", label: "LEGAL AID" }] }],
    ["a label over 120 characters", { kind: "single", options: [...abcd, { optionId: "e", label: "x".repeat(121) }] }],
    ["min above max", { kind: "multiple", options: abcd, minSelections: 3, maxSelections: 2 }],
    ["max above the number of options", { kind: "multiple", options: abcd, maxSelections: 5 }],
    ["min above the number of options (no max)", { kind: "multiple", options: abcd, minSelections: 5 }],
    ["a 7-point scale", { kind: "rating", scale: 7 }],
    ["text longer than 200", { kind: "text", maxLength: 201 }],
    ["options on a text poll", { kind: "text", options: abcd }],
    ["an unknown kind", { kind: "quiz", options: abcd }],
    ["a room scope without a room", { kind: "single", options: abcd, scope: { kind: "room" } }],
    ["a bad round id", { kind: "single", options: abcd, scope: { kind: "everyRoom", roundId: "mroom0000001" } }],
    ["auto-close after 5 s", { kind: "single", options: abcd, autoCloseSeconds: 5 }],
    ["an unknown visibility", { kind: "single", options: abcd, resultsVisibility: "never" }],
  ])("refuses %s", (_name, overrides) => {
    expect(PollDefinitionSchema.safeParse({ ...common, ...overrides }).success).toBe(false);
  });

  it("accepts each scope and an auto-close timer", () => {
    for (const scope of [
      { kind: "plenary" },
      { kind: "room", roomId: ROOM_A },
      { kind: "everyRoom", roundId: "rround000001" },
    ] as const) {
      expect(define({ kind: "single", ...common, options: abcd, scope, autoCloseSeconds: 60 }).scope).toEqual(scope);
    }
  });

  it("ballots carry their kind and are checked for shape before the poll is known", () => {
    expect(BallotSchema.parse({ kind: "text", text: "  hi  " })).toEqual({ kind: "text", text: "hi" });
    expect(BallotSchema.safeParse({ kind: "rating", value: 0 }).success).toBe(false);
    expect(BallotSchema.safeParse({ kind: "rating", value: 2.5 }).success).toBe(false);
    expect(BallotSchema.safeParse({ kind: "text", text: "a\u202Eb" }).success).toBe(false);
    expect(BallotSchema.safeParse({ kind: "single", optionId: "a b" }).success).toBe(false);
    expect(BallotSchema.safeParse({ kind: "ranking", order: ["a"] }).success).toBe(false);
    expect(BallotSchema.safeParse({ kind: "single", optionId: "a", voter: "p1" }).success).toBe(false);
  });
});

describe("validateBallot", () => {
  it("single: a known option", () => {
    expect(validateBallot(single, { kind: "single", optionId: "b" })).toEqual({ kind: "single", optionId: "b" });
    expectBadRequest(() => validateBallot(single, { kind: "single", optionId: "z" }), /no option z/);
  });

  it("refuses a ballot of another kind", () => {
    expectBadRequest(() => validateBallot(single, { kind: "rating", value: 3 }), /rating ballot .* single poll/);
    expectBadRequest(() => validateBallot(ranking, { kind: "multiple", optionIds: ["a", "b"] }));
  });

  it("multiple: returns the selection in the poll's option order", () => {
    expect(validateBallot(multiple, { kind: "multiple", optionIds: ["d", "a", "c"] })).toEqual({
      kind: "multiple",
      optionIds: ["a", "c", "d"],
    });
  });

  it("multiple: refuses unknown, repeated, too few and too many", () => {
    expectBadRequest(() => validateBallot(multiple, { kind: "multiple", optionIds: ["a", "z"] }), /no option z/);
    expectBadRequest(() => validateBallot(multiple, { kind: "multiple", optionIds: ["a", "a"] }), /more than once/);
    expectBadRequest(() => validateBallot(multiple, { kind: "multiple", optionIds: ["a"] }), /at least 2/);
    expectBadRequest(() => validateBallot(multiple, { kind: "multiple", optionIds: [] }), /at least 2/);
    expectBadRequest(
      () => validateBallot(multiple, { kind: "multiple", optionIds: ["a", "b", "c", "d"] }),
      /at most 3/,
    );
  });

  it("multiple: without maxSelections every option may be chosen", () => {
    const open = define({ kind: "multiple", ...common, options: abcd });
    expect(validateBallot(open, { kind: "multiple", optionIds: ["a", "b", "c", "d"] }).optionIds).toHaveLength(4);
    expectBadRequest(() => validateBallot(open, { kind: "multiple", optionIds: [] }), /at least 1/);
  });

  it("rating: whole numbers from 1 to the scale", () => {
    expect(validateBallot(rating5, { kind: "rating", value: 1 })).toEqual({ kind: "rating", value: 1 });
    expect(validateBallot(rating5, { kind: "rating", value: 5 }).value).toBe(5);
    for (const value of [0, 6, 10, 2.5, -1, Number.NaN]) {
      expectBadRequest(() => validateBallot(rating5, { kind: "rating", value }), /1 to 5/);
    }
    const rating10 = define({ kind: "rating", ...common, scale: 10 });
    expect(validateBallot(rating10, { kind: "rating", value: 10 }).value).toBe(10);
  });

  it("text: trimmed, NFC, not empty, at most maxLength characters (code points)", () => {
    expect(validateBallot(text10, { kind: "text", text: "  cafe\u0301 " })).toEqual({ kind: "text", text: "café" });
    expect(validateBallot(text10, { kind: "text", text: "👍".repeat(10) }).text).toBe("👍".repeat(10));
    expectBadRequest(() => validateBallot(text10, { kind: "text", text: "   \n " }), /empty/);
    expectBadRequest(() => validateBallot(text10, { kind: "text", text: "x".repeat(11) }), /at most 10/);
    expectBadRequest(() => validateBallot(text10, { kind: "text", text: "a\u202Eb" }), /control/);
  });

  it("ranking: a permutation of all options, order kept", () => {
    expect(validateBallot(ranking, { kind: "ranking", order: ["c", "a", "d", "b"] }).order).toEqual([
      "c",
      "a",
      "d",
      "b",
    ]);
    expectBadRequest(() => validateBallot(ranking, { kind: "ranking", order: ["c", "a", "d"] }), /all 4/);
    expectBadRequest(() => validateBallot(ranking, { kind: "ranking", order: ["c", "a", "d", "d"] }), /more than once/);
    expectBadRequest(() => validateBallot(ranking, { kind: "ranking", order: ["c", "a", "d", "z"] }), /no option z/);
    expectBadRequest(() => validateBallot(ranking, { kind: "ranking", order: ["a", "b", "c", "d", "a"] }));
  });
});

describe("tallyChoice", () => {
  it("counts single-choice ballots per option, in the poll's order, ties included", () => {
    const ballots = ["b", "a", "b", "a", "c"].map((optionId): SingleBallot => ({ kind: "single", optionId }));
    expect(tallyChoice(abcd, ballots)).toEqual({
      counts: [
        { optionId: "a", count: 2 },
        { optionId: "b", count: 2 },
        { optionId: "c", count: 1 },
        { optionId: "d", count: 0 },
      ],
      voters: 5,
    });
  });

  it("multiple choice: counts may sum past the voters; a repeated id in one ballot counts once", () => {
    const tally = tallyChoice(abcd, [
      { kind: "multiple", optionIds: ["a", "b"] },
      { kind: "multiple", optionIds: ["a", "c", "d"] },
      { kind: "multiple", optionIds: ["a", "a"] },
    ]);
    expect(tally.voters).toBe(3);
    expect(tally.counts.map((row) => row.count)).toEqual([3, 1, 1, 1]);
  });

  it("an empty poll: zero for every option, zero voters", () => {
    expect(tallyChoice(abcd, [])).toEqual({ counts: abcd.map(({ optionId }) => ({ optionId, count: 0 })), voters: 0 });
  });

  it("skips unknown option ids instead of failing the whole tally", () => {
    expect(tallyChoice(abcd, [{ kind: "single", optionId: "zz" }]).counts.every((row) => row.count === 0)).toBe(true);
  });
});

describe("tallyRating", () => {
  it("distribution over every value and the mean", () => {
    expect(tallyRating(5, rate(5, 4, 4, 3))).toEqual({
      distribution: [
        { value: 1, count: 0 },
        { value: 2, count: 0 },
        { value: 3, count: 1 },
        { value: 4, count: 2 },
        { value: 5, count: 1 },
      ],
      mean: 4,
      voters: 4,
    });
  });

  it("rounds the mean to 2 decimals from the exact sum", () => {
    expect(tallyRating(5, rate(1, 2, 2)).mean).toBe(1.67);
    // 107 / 40 = 2.675 exactly; 2.675 * 100 in binary is 267.4999..., which would round down.
    const ballots = [...rate(...Array<number>(27).fill(3)), ...rate(...Array<number>(13).fill(2))];
    expect(tallyRating(5, ballots).mean).toBe(2.68);
  });

  it("an empty poll: mean null, zeros on a 10-point scale", () => {
    const tally = tallyRating(10, []);
    expect(tally.mean).toBeNull();
    expect(tally.voters).toBe(0);
    expect(tally.distribution).toHaveLength(10);
    expect(tally.distribution.every((row) => row.count === 0)).toBe(true);
  });
});

describe("tallyRanking (Borda)", () => {
  it("worked example: 4 options, 5 voters, 3/2/1/0 points per place", () => {
    // a: 3+1+1+3+2 = 10   b: 2+3+2+1+3 = 11   c: 1+2+3+2+0 = 8   d: 0+0+0+0+1 = 1   (sum 30 = 5 x 6)
    const tally = tallyRanking(abcd, rank("abcd", "bcad", "cbad", "acbd", "badc"));
    expect(tally).toEqual({
      options: [
        { optionId: "a", points: 10, rank: 2, positions: [2, 1, 2, 0] },
        { optionId: "b", points: 11, rank: 1, positions: [2, 2, 1, 0] },
        { optionId: "c", points: 8, rank: 3, positions: [1, 2, 1, 1] },
        { optionId: "d", points: 1, rank: 4, positions: [0, 0, 1, 4] },
      ],
      voters: 5,
    });
    // Every place is filled once per voter.
    for (let place = 0; place < 4; place++) {
      expect(tally.options.reduce((sum, row) => sum + (row.positions[place] ?? 0), 0)).toBe(5);
    }
  });

  it("ties share a rank and the next rank is skipped", () => {
    const abc = abcd.slice(0, 3);
    expect(tallyRanking(abc, rank("abc", "bac")).options.map((row) => [row.points, row.rank])).toEqual([
      [3, 1],
      [3, 1],
      [0, 3],
    ]);
    expect(tallyRanking(abc, rank("abc", "cba")).options.map((row) => [row.points, row.rank])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
  });

  it("an empty poll: no points, everyone tied first, zero voters", () => {
    const tally = tallyRanking(abcd, []);
    expect(tally.voters).toBe(0);
    expect(tally.options.map((row) => [row.points, row.rank, row.positions])).toEqual(
      abcd.map(() => [0, 1, [0, 0, 0, 0]]),
    );
  });
});

describe("word cloud", () => {
  it("normalises case, whitespace, NFC and typographic apostrophes", () => {
    expect(normaliseAnswer("  Clean \t\n WATER  ")).toBe("clean water");
    expect(normaliseAnswer("Cafe\u0301 Don’t")).toBe("café don't");
  });

  it("counts a word once per answer, whatever its case, spacing or surrounding punctuation", () => {
    const cloud = wordCloud(["Clean  Water", "clean water!", "“WATER”, water, water...", "(cafe\u0301) café"]);
    expect(cloud.words).toEqual([
      { word: "water", count: 3 },
      { word: "clean", count: 2 },
      { word: "café", count: 1 },
    ]);
    expect(cloud.voters).toBe(4);
    expect(cloud.answers).toEqual(["Clean  Water", "clean water!", "“WATER”, water, water...", "(cafe\u0301) café"]);
  });

  it("drops English stop words, contractions included", () => {
    expect(wordsOfAnswer("The safety of the children, and Don’t forget their families")).toEqual([
      "safety",
      "children",
      "forget",
      "families",
    ]);
  });

  it("drops Bahasa Indonesia stop words and keeps a reduplicated plural whole", () => {
    expect(wordsOfAnswer("Keamanan dan pendidikan untuk anak-anak yang rentan")).toEqual([
      "keamanan",
      "pendidikan",
      "anak-anak",
      "rentan",
    ]);
    expect(wordsOfAnswer("dan untuk", stopWordsFor(["en"]))).toEqual(["dan", "untuk"]);
  });

  it("cuts a Thai sentence written without spaces into words (Intl.Segmenter) and drops Thai stop words", () => {
    const sentence = "การศึกษาและสุขภาพของเด็ก"; // "education and the health of children"
    const words = wordsOfAnswer(sentence);
    expect(words.length).toBeGreaterThan(1);
    expect(words).toContain("สุขภาพ");
    expect(words).toContain("เด็ก");
    expect(words).not.toContain("และ");
    expect(words).not.toContain("ของ");
    for (const word of words) expect(sentence).toContain(word);
  });

  it("drops Khmer, Bengali and Nepali stop words", () => {
    expect(wordsOfAnswer("ការអប់រំ និង សុខភាព")).toEqual(["ការអប់រំ", "សុខភាព"]);
    expect(wordsOfAnswer("নিরাপত্তা এবং শিক্ষা")).toEqual(["নিরাপত্তা", "শিক্ষা"]);
    expect(wordsOfAnswer("सुरक्षा र शिक्षा")).toEqual(["सुरक्षा", "शिक्षा"]);
  });

  it("every stop word is one segmenter token, so each can actually match", () => {
    for (const locale of STOP_WORD_LOCALES) {
      for (const word of stopWordsFor([locale]))
        expect([locale, wordsOfAnswer(word, new Set())]).toEqual([locale, [word]]);
    }
  });

  it("drops emoji and bare punctuation, keeps numbers", () => {
    expect(wordsOfAnswer("👍 -- !!! 2030 #funding")).toEqual(["2030", "funding"]);
  });

  it("orders by count then word, and keeps the top maxWords", () => {
    const cloud = wordCloud(["pear apple", "banana apple", "cherry"], { maxWords: 3 });
    expect(cloud.words).toEqual([
      { word: "apple", count: 2 },
      { word: "banana", count: 1 },
      { word: "cherry", count: 1 },
    ]);
  });

  it("rankWords builds the same cloud from word lists segmented earlier", () => {
    const answers = ["Legal aid", "legal AID, housing", "housing"];
    expect(rankWords(answers.map((answer) => wordsOfAnswer(answer)))).toEqual(wordCloud(answers).words);
  });

  it("an empty poll: no words, no answers", () => {
    expect(wordCloud([])).toEqual({ words: [], answers: [], voters: 0 });
    expect(wordCloud(["the and of"]).words).toEqual([]);
  });
});

describe("tallyPoll", () => {
  it("a plenary poll has combined results only, matching PollResultsSchema", () => {
    const results = tallyPoll(single, [
      { roomId: null, ballot: { kind: "single", optionId: "a" } },
      { roomId: null, ballot: { kind: "single", optionId: "c" } },
    ]);
    expect(PollResultsSchema.parse(results)).toEqual(results);
    expect(results.kind).toBe("single");
    expect(results).not.toHaveProperty("byRoom");
    expect(results.combined.voters).toBe(2);
  });

  it("an every-room poll: a tally per room (empty rooms too) and combined over all ballots, not an average", () => {
    const poll = define({
      kind: "rating",
      ...common,
      scale: 5,
      scope: { kind: "everyRoom", roundId: "rround000001" },
    });
    const results = tallyPoll(
      poll,
      [
        ...rate(5, 5, 5).map((ballot) => ({ roomId: ROOM_A, ballot })),
        { roomId: ROOM_B, ballot: { kind: "rating", value: 1 } },
        { roomId: null, ballot: { kind: "rating", value: 4 } },
      ],
      { roomIds: [ROOM_A, ROOM_B, ROOM_C] },
    );
    expect(PollResultsSchema.parse(results)).toEqual(results);
    if (results.kind !== "rating") throw new Error("expected rating results");
    expect(results.byRoom?.[ROOM_A]).toMatchObject({ mean: 5, voters: 3 });
    expect(results.byRoom?.[ROOM_B]).toMatchObject({ mean: 1, voters: 1 });
    expect(results.byRoom?.[ROOM_C]).toMatchObject({ mean: null, voters: 0 });
    // (15 + 1 + 4) / 5 = 4; the mean of the room means would be 3.
    expect(results.combined).toMatchObject({ mean: 4, voters: 5 });
  });

  it("every kind's valid ballots pass validateBallot and its results parse with PollResultsSchema", () => {
    const cases: [PollDefinitionOf<"single" | "multiple" | "rating" | "text" | "ranking">, Ballot[]][] = [
      [single, [{ kind: "single", optionId: "a" }]],
      [multiple, [{ kind: "multiple", optionIds: ["a", "b"] }]],
      [rating5, rate(3)],
      [text10, [{ kind: "text", text: "Legal aid" }]],
      [ranking, rank("dcba")],
    ];
    for (const [definition, ballots] of cases) {
      // Also the call the vote service makes: a definition of any kind, a ballot of any kind.
      for (const ballot of ballots) expect(validateBallot(definition, ballot)).toEqual(ballot);
      const results = tallyPoll(
        { ...definition, scope: { kind: "everyRoom", roundId: "rround000001" } },
        ballots.map((ballot) => ({ roomId: ROOM_A, ballot })),
      );
      expect(results.kind).toBe(definition.kind);
      expect(PollResultsSchema.parse(results)).toEqual(results);
      expect(Object.keys(results.byRoom ?? {})).toEqual([ROOM_A]);
    }
  });

  it("a text poll's cloud and raw answers; ballots of another kind are skipped", () => {
    const results = tallyPoll(text10, [
      { roomId: null, ballot: { kind: "text", text: "Legal aid" } },
      { roomId: null, ballot: { kind: "text", text: "legal  AID" } },
      { roomId: null, ballot: { kind: "single", optionId: "a" } },
    ]);
    if (results.kind !== "text") throw new Error("expected text results");
    expect(results.combined.words).toEqual([
      { word: "aid", count: 2 },
      { word: "legal", count: 2 },
    ]);
    expect(results.combined.answers).toEqual(["Legal aid", "legal  AID"]);
    expect(results.combined.voters).toBe(2);
  });
});
