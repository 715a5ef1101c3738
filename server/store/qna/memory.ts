import type { WorkshopId } from "../../../shared/ids.js";
import type { BoardId, QuestionId } from "../../../shared/qna.js";
import type { CommandRef } from "../../domain/commands.js";
import type { BoardRecord, QuestionRecord } from "../../domain/qna/records.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import { type MemoryCore, mapIn, WorkshopSlices } from "../memory/core.js";
import {
  QNA_CHANGES_CAP,
  type QnaChange,
  type QnaChanges,
  type QnaCommitOutcome,
  type QnaStore,
  type QnaWrite,
  type Upvote,
  type UpvoteOutcome,
} from "./port.js";

interface QnaSlice {
  questions: Map<QuestionId, string>;
  boards: Map<BoardId, string>;
  votes: Map<QuestionId, number>;
  /** questionId -> voter keys (never participant ids). */
  voters: Map<QuestionId, Set<string>>;
  seqs: Map<BoardId, number>;
  rev: number;
  /** `q:<id>` / `b:<id>` -> the revision it last changed at. */
  changes: Map<string, number>;
  trimmedRev: number;
  listeners: Set<(rev: number) => void>;
}

/** Moderated Q&A in this process, with its own revision (never in the workshop's event log). */
export class MemoryQnaStore implements QnaStore {
  private readonly slices: WorkshopSlices<QnaSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({
      questions: new Map(),
      boards: new Map(),
      votes: new Map(),
      voters: new Map(),
      seqs: new Map(),
      rev: 0,
      changes: new Map(),
      trimmedRev: 0,
      listeners: new Set(),
    }));
  }

  async commitQna<T>(
    workshopId: WorkshopId,
    command: CommandRef | null,
    change: QnaChange<T>,
  ): Promise<QnaCommitOutcome<T>> {
    const earlier = command ? this.core.priorResult<T>(workshopId, command) : null;
    if (earlier !== null) return { status: "duplicate", result: earlier };
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const place = (write: QnaWrite) =>
      write.kind === "question"
        ? { map: slice.questions, id: write.questionId, mark: `q:${write.questionId}` }
        : { map: slice.boards, id: write.boardId, mark: `b:${write.boardId}` };
    for (const write of change.writes) {
      const { map, id } = place(write);
      const expected = write.expected === null ? undefined : JSON.stringify(write.expected);
      if (map.get(id) !== expected) return { status: "conflict" };
    }
    for (const write of change.writes) {
      const { map, id, mark } = place(write);
      if (write.next === null) map.delete(id);
      else map.set(id, JSON.stringify(write.next));
      // A deleted question takes its upvoters and its count with it.
      if (write.kind === "question" && write.next === null) {
        slice.voters.delete(write.questionId);
        slice.votes.delete(write.questionId);
      }
      slice.rev += 1;
      slice.changes.set(mark, slice.rev);
    }
    trimChanges(slice);
    if (command) this.core.remember(workshopId, command, JSON.stringify(change.result));
    this.notify(slice);
    return { status: "applied", version: slice.rev, result: change.result };
  }

  async nextQuestionSeq(workshopId: WorkshopId, boardId: BoardId): Promise<number> {
    this.core.require(workshopId);
    const { seqs } = this.slices.slice(workshopId);
    const next = (seqs.get(boardId) ?? 0) + 1;
    seqs.set(boardId, next);
    return next;
  }

  async getQuestion(workshopId: WorkshopId, questionId: QuestionId): Promise<QuestionRecord | null> {
    const json = this.slices.peek(workshopId)?.questions.get(questionId);
    return json ? (JSON.parse(json) as QuestionRecord) : null;
  }

  async getQuestions(
    workshopId: WorkshopId,
    questionIds: readonly QuestionId[],
  ): Promise<Array<QuestionRecord | null>> {
    return Promise.all(questionIds.map((questionId) => this.getQuestion(workshopId, questionId)));
  }

  async listQuestions(workshopId: WorkshopId): Promise<QuestionRecord[]> {
    return [...(this.slices.peek(workshopId)?.questions.values() ?? [])].map(
      (json) => JSON.parse(json) as QuestionRecord,
    );
  }

  async questionVotes(workshopId: WorkshopId, questionIds: readonly QuestionId[]): Promise<number[]> {
    const votes = this.slices.peek(workshopId)?.votes;
    return questionIds.map((questionId) => votes?.get(questionId) ?? 0);
  }

  async upvote(workshopId: WorkshopId, vote: Upvote): Promise<UpvoteOutcome> {
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const json = slice.questions.get(vote.questionId);
    if (!json) return { status: "missing" };
    if ((JSON.parse(json) as QuestionRecord).status !== "approved") return { status: "notOpen" };
    const voters = mapIn(slice.voters, vote.questionId, () => new Set<string>());
    const changed = vote.up ? !voters.has(vote.voterKey) : voters.has(vote.voterKey);
    if (changed) {
      if (vote.up) voters.add(vote.voterKey);
      else voters.delete(vote.voterKey);
      slice.votes.set(vote.questionId, (slice.votes.get(vote.questionId) ?? 0) + (vote.up ? 1 : -1));
      slice.rev += 1;
      slice.changes.set(`q:${vote.questionId}`, slice.rev);
      this.notify(slice);
    }
    return { status: "applied", changed, votes: slice.votes.get(vote.questionId) ?? 0 };
  }

  async listBoards(workshopId: WorkshopId): Promise<BoardRecord[]> {
    return [...(this.slices.peek(workshopId)?.boards.values() ?? [])].map((json) => JSON.parse(json) as BoardRecord);
  }

  async qnaRevision(workshopId: WorkshopId): Promise<number> {
    return this.slices.peek(workshopId)?.rev ?? 0;
  }

  async qnaChangesSince(workshopId: WorkshopId, rev: number): Promise<QnaChanges> {
    const slice = this.slices.peek(workshopId);
    if (!slice) return { rev: 0, questionIds: [], boardIds: [], reset: false };
    const changed = [...slice.changes].filter(([, at]) => at > rev).map(([mark]) => mark);
    return {
      rev: slice.rev,
      questionIds: changed.filter((mark) => mark.startsWith("q:")).map((mark) => mark.slice(2)),
      boardIds: changed.filter((mark) => mark.startsWith("b:")).map((mark) => mark.slice(2)),
      reset: rev < slice.trimmedRev,
    };
  }

  async subscribeQna(workshopId: WorkshopId, onChange: (rev: number) => void): Promise<Unsubscribe> {
    this.core.require(workshopId);
    const { listeners } = this.slices.slice(workshopId);
    listeners.add(onChange);
    return async () => {
      listeners.delete(onChange);
    };
  }

  private notify(slice: QnaSlice): void {
    const rev = slice.rev;
    for (const listener of slice.listeners) queueMicrotask(() => listener(rev));
  }
}

/** Keeps the newest QNA_CHANGES_CAP marks; remembers the highest revision dropped. */
function trimChanges(slice: QnaSlice): void {
  if (slice.changes.size <= QNA_CHANGES_CAP) return;
  const oldest = [...slice.changes].sort((a, b) => a[1] - b[1]).slice(0, slice.changes.size - QNA_CHANGES_CAP);
  for (const [mark, rev] of oldest) {
    slice.changes.delete(mark);
    slice.trimmedRev = Math.max(slice.trimmedRev, rev);
  }
}
