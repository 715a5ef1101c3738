import type { RoundView } from "../../shared/breakout.js";
import type { Ballot, PollDefinitionInput } from "../../shared/poll.js";
import type { QuestionView } from "../../shared/qna.js";
import type { ReportFormat } from "../../shared/report.js";
import { closeAll, openRound, planRound } from "./breakout.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "./client.js";
import { openEditor } from "./notes.js";
import { createPoll } from "./polls.js";
import { ask, loadBoard, moderate, upvote } from "./qna.js";

/** Fetches a report as the REST route serves it. */
export async function fetchReport(
  url: string,
  workshopId: string,
  token: string | null,
  query: Partial<Record<"format" | "scope" | "attribution" | "timeZone" | "lang" | "chat", string>> = {},
) {
  const params = new URLSearchParams(query as Record<string, string>);
  return fetch(`${url}/api/workshops/${workshopId}/report?${params}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

export async function reportText(url: string, workshopId: string, token: string, format: ReportFormat, scope?: string) {
  const response = await fetchReport(url, workshopId, token, { format, ...(scope ? { scope } : {}) });
  if (response.status !== 200) throw new Error(`report ${format}: ${response.status} ${await response.text()}`);
  return response.text();
}

export interface ScriptedWorkshop {
  workshopId: string;
  host: TestClient;
  noteTaker: TestClient;
  people: TestClient[];
  rounds: RoundView[];
  close(): void;
}

/** Names and texts a test can vary (hostile strings, canaries); the defaults make the golden files. */
export interface ScriptTexts {
  title: string;
  personName: (index: number) => string;
  noteTakerName: string;
  roomNames: [string, string, string, string];
  topic: string;
  pollQuestion: string;
  optionLabel: string;
  question: string;
  reply: string;
  textAnswer: string;
  notesLine: string;
  /** A line added to the first room's notes (none by default). */
  roomNotesLine?: string;
}

export const DEFAULT_TEXTS: ScriptTexts = {
  title: "Regional forum: ending forced labour",
  personName: (index) => `Person ${index}`,
  noteTakerName: "Nadia Notes",
  roomNames: ["Shelters", "Legal aid", "Jobs", "Policy"],
  topic: "Safe housing",
  pollQuestion: "Which priority first?",
  optionLabel: "Safe shelter",
  question: "Who funds the shelters?",
  reply: "Through the referral protocol.",
  textAnswer: "speed",
  notesLine: "Plain text with **bold** and `code`.",
};

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>) {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function vote(client: TestClient, pollId: string, ballot: Ballot) {
  await ok(client.send("poll:vote", { commandId: newCommandId(), pollId, ballot }));
}

async function closePoll(host: TestClient, pollId: string) {
  await ok(host.send("poll:close", { commandId: newCommandId(), pollId }));
}

async function writeNotes(client: TestClient, docId: string, text: string) {
  const editor = await openEditor(client, docId);
  editor.insert(0, text);
  await editor.saved();
}

async function move(host: TestClient, round: RoundView, roomIndex: number, people: TestClient[]) {
  const room = round.rooms[roomIndex];
  if (!room) throw new Error("no such room");
  await ok(
    host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      roomId: room.roomId,
      participantIds: people.map((person) => person.session.participantId),
    }),
  );
}

async function askApproved(
  host: TestClient,
  asker: TestClient,
  text: string,
  anonymous: boolean,
  boardId: string,
): Promise<QuestionView> {
  const { question } = await ask(asker, text, anonymous, boardId);
  await ok(moderate(host, "qna:approve", question.questionId));
  return question;
}

/**
 * A forum day in miniature, every step through real sockets: a plenary with a poll, questions
 * in every state and notes with markers and a "not for export" section; two rounds of two
 * rooms with every poll kind, room notes and a room question. Deterministic: the same script
 * gives the same report, up to ids and clocks.
 */
export async function scriptedWorkshop(url: string, texts: ScriptTexts = DEFAULT_TEXTS): Promise<ScriptedWorkshop> {
  const created = await createWorkshop(url, texts.title);
  const host = await connectClient(url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  const noteTaker = await connectClient(url, { joinCode: created.joinCode, displayName: texts.noteTakerName });
  await ok(
    host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: noteTaker.session.participantId,
      role: "note-taker",
    }),
  );
  const people: TestClient[] = [];
  for (let index = 0; index < 8; index++) {
    people.push(await connectClient(url, { joinCode: created.joinCode, displayName: texts.personName(index) }));
  }
  const person = (index: number) => people[index] as TestClient;

  // Plenary poll: 4 / 2 / 1, one person does not vote.
  const priority = await createPoll(host, {
    kind: "single",
    question: texts.pollQuestion,
    options: [
      { optionId: "shelter", label: texts.optionLabel },
      { optionId: "legal", label: "Legal aid" },
      { optionId: "jobs", label: "Decent jobs" },
    ],
    anonymous: true,
    resultsVisibility: "live",
    scope: { kind: "plenary" },
  } as PollDefinitionInput);
  const priorities = ["shelter", "shelter", "shelter", "shelter", "legal", "legal", "jobs"];
  for (const [index, optionId] of priorities.entries()) {
    await vote(person(index), priority.pollId, { kind: "single", optionId });
  }
  await closePoll(host, priority.pollId);

  // Plenary questions in every state.
  for (const client of [host, ...people]) await loadBoard(client);
  const answered = await askApproved(host, person(0), "How do we protect witnesses?", false, "plenary");
  await ok(host.send("qna:answer", { commandId: newCommandId(), questionId: answered.questionId, reply: texts.reply }));
  const popular = await askApproved(host, person(1), texts.question, true, "plenary");
  await upvote(person(2), popular.questionId);
  await upvote(person(3), popular.questionId);
  const dismissed = (await ask(person(2), "An off-topic question", false)).question;
  await ok(
    host.send("qna:dismiss", { commandId: newCommandId(), questionId: dismissed.questionId, reason: "Off topic" }),
  );
  await ask(person(3), "A question still waiting for moderation", true);

  await writeNotes(
    noteTaker,
    "plenary",
    [
      "# Opening plenary",
      "Welcome remarks.",
      texts.notesLine,
      "- [Decision] Publish the outcomes within a week",
      "- [Recommendation] Involve survivor-led groups in every working group",
      "## Side conversation [not for export]",
      "- [Decision] This private decision stays out",
      "Who said what, privately.",
      "### Still private",
      "## Next steps",
      "- [Action] Circulate the draft report @Secretariat due:2026-12-15",
      "",
    ].join("\n"),
  );

  // Round 1: two rooms of four.
  const round1 = await planRound(host, [
    { name: texts.roomNames[0], topic: texts.topic },
    { name: texts.roomNames[1], topic: "Access to justice" },
  ]);
  await move(host, round1, 0, people.slice(0, 4));
  await move(host, round1, 1, people.slice(4, 8));
  const opened1 = await openRound(host, round1);
  const [shelters, legal] = opened1.rooms as [RoundView["rooms"][number], RoundView["rooms"][number]];
  const urgency = await createPoll(host, {
    kind: "rating",
    question: "How urgent is this?",
    scale: 5,
    lowLabel: "Not urgent",
    highLabel: "Critical",
    anonymous: true,
    resultsVisibility: "live",
    scope: { kind: "everyRoom", roundId: round1.roundId },
  } as PollDefinitionInput);
  for (const [index, value] of [5, 5, 4, 3, 2, 3, 3].entries()) {
    await vote(person(index), urgency.pollId, { kind: "rating", value });
  }
  await closePoll(host, urgency.pollId);
  const services = await createPoll(host, {
    kind: "multiple",
    question: "Which services are missing?",
    options: [
      { optionId: "medical", label: "Medical care" },
      { optionId: "housing", label: "Housing" },
      { optionId: "counsel", label: "Counselling" },
    ],
    anonymous: false,
    resultsVisibility: "afterClose",
    scope: { kind: "room", roomId: shelters.roomId },
  } as PollDefinitionInput);
  const picks = [["medical", "housing"], ["housing"], ["counsel", "housing"], ["medical"]];
  for (const [index, optionIds] of picks.entries()) {
    await vote(person(index), services.pollId, { kind: "multiple", optionIds });
  }
  await closePoll(host, services.pollId);
  // Left open on purpose: the report says "still open".
  const justice = await createPoll(host, {
    kind: "text",
    question: "One word for justice?",
    anonymous: true,
    resultsVisibility: "live",
    scope: { kind: "room", roomId: legal.roomId },
  } as PollDefinitionInput);
  for (const [index, text] of ["Fair", "fair trial", "Trial", texts.textAnswer].entries()) {
    await vote(person(index + 4), justice.pollId, { kind: "text", text });
  }
  await writeNotes(
    noteTaker,
    shelters.roomId,
    `## Findings\n- [Decision] Open two more shelters in the north\n- [Action] Map existing shelters @Amal due:2026-12-01\n${texts.roomNotesLine ? `${texts.roomNotesLine}\n` : ""}`,
  );
  await writeNotes(noteTaker, legal.roomId, "- [Recommendation] Fund legal aid for survivors\n");
  await loadBoard(person(1), shelters.roomId);
  const roomQuestion = await askApproved(host, person(1), "Can shelters take families?", false, shelters.roomId);
  await loadBoard(person(2), shelters.roomId);
  await upvote(person(2), roomQuestion.questionId);
  await ok(host.send("breakout:end", { commandId: newCommandId(), roundId: round1.roundId, immediate: true }));

  // Round 2: every-room ranking.
  const round2 = await planRound(host, [{ name: texts.roomNames[2] }, { name: texts.roomNames[3] }]);
  await move(host, round2, 0, [0, 2, 4, 6].map(person));
  await move(host, round2, 1, [1, 3, 5, 7].map(person));
  const opened2 = await openRound(host, round2);
  const ranking = await createPoll(host, {
    kind: "ranking",
    question: "Rank the next steps",
    options: [
      { optionId: "awareness", label: "Awareness" },
      { optionId: "inspections", label: "Inspections" },
      { optionId: "hotline", label: "Hotline" },
    ],
    anonymous: true,
    resultsVisibility: "live",
    scope: { kind: "everyRoom", roundId: round2.roundId },
  } as PollDefinitionInput);
  const orders = [
    ["inspections", "hotline", "awareness"],
    ["hotline", "inspections", "awareness"],
    ["inspections", "awareness", "hotline"],
    ["awareness", "inspections", "hotline"],
    ["inspections", "hotline", "awareness"],
    ["hotline", "awareness", "inspections"],
  ];
  for (const [index, order] of orders.entries()) {
    await vote(person(index), ranking.pollId, { kind: "ranking", order });
  }
  await closePoll(host, ranking.pollId);
  await writeNotes(
    noteTaker,
    (opened2.rooms[0] as RoundView["rooms"][number]).roomId,
    "- [Action] Draft the fair-recruitment pledge due:2027-01-31 @Union\n",
  );
  await ok(host.send("breakout:end", { commandId: newCommandId(), roundId: round2.roundId, immediate: true }));

  return {
    workshopId: created.workshopId,
    host,
    noteTaker,
    people,
    rounds: [opened1, opened2],
    close: () => closeAll([host, noteTaker, ...people]),
  };
}
