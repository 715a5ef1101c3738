import { randomBytes } from "node:crypto";
import type { BoardId } from "../../shared/qna.js";
import { applyBoard } from "../../shared/qnaState.js";
import { newCommandId, type TestClient } from "./client.js";

/** Loads a board into the client's Q&A copy, as the browser does after connecting. */
export async function loadBoard(client: TestClient, boardId: BoardId = "plenary") {
  const answer = await client.send("qna:board", { boardId });
  if (!answer.ok) throw new Error(`qna:board failed: ${answer.error.code}`);
  applyBoard(client.mirror.qna, answer.data);
  return answer.data;
}

/** The author secret a client makes for each question (32 random bytes, base64url). */
export function newQuestionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export async function ask(
  client: TestClient,
  text: string,
  anonymous = true,
  boardId: BoardId = "plenary",
  creditConsent?: boolean,
) {
  const answer = await client.send("qna:ask", {
    commandId: newCommandId(),
    secret: newQuestionSecret(),
    boardId,
    text,
    anonymous,
    ...(creditConsent === undefined ? {} : { creditConsent }),
  });
  if (!answer.ok) throw new Error(`qna:ask failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export function moderate(
  client: TestClient,
  command: "qna:approve" | "qna:restore",
  questionId: string,
): ReturnType<TestClient["send"]> {
  return client.send(command, { commandId: newCommandId(), questionId });
}

export function upvote(client: TestClient, questionId: string, up = true) {
  return client.send("qna:upvote", { commandId: newCommandId(), questionId, up });
}

/** The votes of a question in the client's copy (undefined: not there). */
export function votesOf(client: TestClient, questionId: string): number | undefined {
  return client.mirror.qna.questions.get(questionId)?.votes;
}
