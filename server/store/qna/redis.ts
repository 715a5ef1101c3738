import type { WorkshopId } from "../../../shared/ids.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import type { CommandRef } from "../../domain/commands.js";
import type { BoardRecord, QuestionRecord } from "../../domain/qna/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { commitOutcome, type RedisCore } from "../redis/core.js";
import {
  QNA_CHANGES_CAP,
  type QnaChange,
  type QnaChanges,
  type QnaCommitOutcome,
  type QnaStore,
  type Upvote,
  type UpvoteOutcome,
} from "./port.js";
import { nextSeqScript, qnaChangesScript, qnaCommitScript, upvoteScript } from "./scripts.js";

/** Q&A in Redis: question and board records, upvoters, and a revision of its own, changed by scripts. */
export class RedisQnaStore implements QnaStore {
  constructor(private readonly core: RedisCore) {}

  async commitQna<T>(
    workshopId: WorkshopId,
    command: CommandRef | null,
    change: QnaChange<T>,
  ): Promise<QnaCommitOutcome<T>> {
    const keys = this.core.keys(workshopId);
    const writeKeys: string[] = [];
    const writeArgs: string[] = [];
    const deleted: QuestionId[] = [];
    for (const write of change.writes) {
      const isQuestion = write.kind === "question";
      writeKeys.push(isQuestion ? keys.questions : keys.boards);
      writeArgs.push(
        isQuestion ? write.questionId : write.boardId,
        write.expected ? JSON.stringify(write.expected) : "",
        write.next === null ? "" : JSON.stringify(write.next),
        isQuestion ? `q:${write.questionId}` : `b:${write.boardId}`,
      );
      if (isQuestion && write.next === null) deleted.push(write.questionId);
    }
    // Without a command the write is idempotent by itself: no record, and no key for one.
    const record = command ? this.core.commandRecord(workshopId, command) : null;
    const reply = (await this.core.run(
      qnaCommitScript,
      [
        keys.meta,
        ...(record?.keys ?? [keys.qnaRev, keys.qnaRev]),
        keys.qnaRev,
        keys.qnaChanges,
        keys.qnaTrimmedRev,
        keys.questionVotes,
        ...writeKeys,
        ...deleted.map((questionId) => keys.questionVoters(questionId)),
      ],
      [
        keys.qna,
        QNA_CHANGES_CAP,
        record?.id ?? "",
        record?.expiresAt ?? 0,
        JSON.stringify(change.result),
        change.writes.length,
        ...writeArgs,
        ...deleted,
      ],
    )) as [string, string?];
    return commitOutcome(reply, change.result);
  }

  async nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number> {
    const keys = this.core.keys(workshopId);
    return Number(await this.core.run(nextSeqScript, [keys.meta, keys.questionSeqs], [boardId]));
  }

  async getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null> {
    const [question] = await this.getQuestions(workshopId, [questionId]);
    return question ?? null;
  }

  async getQuestions(
    workshopId: WorkshopId,
    questionIds: readonly QuestionId[],
  ): Promise<Array<QuestionRecord | null>> {
    if (questionIds.length === 0) return [];
    const all = await this.core.bounded(this.core.client.hmGet(this.core.keys(workshopId).questions, [...questionIds]));
    return all.map((json) => (json ? (JSON.parse(json) as QuestionRecord) : null));
  }

  async listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).questions));
    return all.map((json) => JSON.parse(json) as QuestionRecord);
  }

  async questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]> {
    if (questionIds.length === 0) return [];
    const keys = this.core.keys(workshopId);
    const all = await this.core.bounded(this.core.client.hmGet(keys.questionVotes, [...questionIds]));
    return all.map((count) => Number(count ?? 0));
  }

  async upvote(workshopId: WorkshopId, vote: Upvote): Promise<UpvoteOutcome> {
    const keys = this.core.keys(workshopId);
    const reply = (await this.core.run(
      upvoteScript,
      [
        keys.meta,
        keys.questions,
        keys.questionVoters(vote.questionId),
        keys.questionVotes,
        keys.qnaRev,
        keys.qnaChanges,
      ],
      [vote.questionId, vote.voterKey, vote.up ? "1" : "0", keys.qna],
    )) as [string, string?, string?];
    if (reply[0] === "missing") return { status: "missing" };
    if (reply[0] === "notOpen") return { status: "notOpen" };
    return { status: "applied", changed: reply[1] === "1", votes: Number(reply[2] ?? 0) };
  }

  async listBoards(workshopId: WorkshopId): Promise<BoardRecord[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).boards));
    return all.map((json) => JSON.parse(json) as BoardRecord);
  }

  async qnaRevision(workshopId: WorkshopId): Promise<number> {
    return Number((await this.core.bounded(this.core.client.get(this.core.keys(workshopId).qnaRev))) ?? 0);
  }

  async qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges> {
    const keys = this.core.keys(workshopId);
    const [current = "0", trimmed = "0", ...members] = (await this.core.run(
      qnaChangesScript,
      [keys.qnaRev, keys.qnaChanges, keys.qnaTrimmedRev],
      [rev],
    )) as string[];
    return {
      rev: Number(current),
      questionIds: members.filter((member) => member.startsWith("q:")).map((member) => member.slice(2)),
      boardIds: members.filter((member) => member.startsWith("b:")).map((member) => member.slice(2)),
      reset: rev < Number(trimmed),
    };
  }

  subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe> {
    return this.core.subscribeChannel(this.core.keys(workshopId).qna, (message) => onChange(Number(message)));
  }
}
