import type { RoundView } from "../../shared/breakout.js";
import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import type { WorkshopId } from "../../shared/ids.js";
import { sessionBoardId, sessionOfBoard } from "../../shared/programme.js";
import type { BoardId, BoardSettings, BoardView, QnaExport, QuestionId, QuestionView } from "../../shared/qna.js";
import { isPublicStatus, moderatesBoard, usesBoard } from "../../shared/qnaRules.js";
import type { CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { requireSession } from "../domain/programme.js";
import {
  approve,
  boardSettings,
  claim,
  correct,
  dismiss,
  editByAuthor,
  markAnswered,
  newQuestion,
  pinWrites,
  restore,
  setReply,
  toQuestionView,
  withoutClaim,
} from "../domain/qna/questions.js";
import type { QuestionRecord } from "../domain/qna/records.js";
import { type QnaViewer, seesQuestion } from "../domain/qna/visibility.js";
import { matchesWordList, type WordList } from "../domain/qna/wordList.js";
import type { ParticipantRecord, WorkshopRecord } from "../domain/records.js";
import { viewerOf } from "../domain/visibility.js";
import { newQuestionId } from "../security/ids.js";
import { hashSecret, secretMatchesHash } from "../security/secrets.js";
import type { QnaWrite } from "../store/qna/port.js";
import type { Stores } from "../store/stores.js";
import { commitAtMostOnce } from "./commit.js";
import { exporterContext } from "./exportAccess.js";
import { RateWindow } from "./rateWindow.js";
import type { VoterKeyring } from "./voterKeyring.js";
import type { WorkshopService } from "./workshopService.js";

export interface QnaLimits {
  questionMax: number;
  questionsPerMinute: number;
  votesPerSecond: number;
  wordList: WordList;
}

const MAX_COMMIT_ATTEMPTS = 5;

/** What a retried ask gets back from the store: the question, never the author's secret. */
type StoredAsk = Omit<CommandResult<"qna:ask">, "secret">;

/**
 * Moderated Q&A. Anonymity is structural: an anonymous question is stored without author, its
 * author proves authorship with a secret their browser made and alone holds (the store keeps
 * its hash), upvoters are kept as keyed hashes only this server can make while the workshop
 * runs, a retried ask is recognised by a keyed command record that names nobody, and rate
 * limits live in this process's memory.
 */
export class QnaService {
  private readonly asks: RateWindow;
  private readonly votes: RateWindow;

  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
    private readonly keyring: VoterKeyring,
    private readonly limits: QnaLimits,
    now: () => number = Date.now,
  ) {
    this.asks = new RateWindow(limits.questionsPerMinute, 60_000, now);
    this.votes = new RateWindow(limits.votesPerSecond, 1000, now);
  }

  async board(who: CommandContext, payload: ParsedPayload<"qna:board">): Promise<BoardView> {
    const viewer = await this.viewer(who);
    if (!usesBoard(viewer, payload.boardId)) throw new DomainError("FORBIDDEN", "that is not your room's board");
    // The revision first: anything that changes after it is sent again by the feed, never missed.
    const rev = await this.stores.qna.qnaRevision(who.workshopId);
    const [questions, boards] = await Promise.all([
      this.stores.qna.listQuestions(who.workshopId),
      this.stores.qna.listBoards(who.workshopId),
    ]);
    const mine = questions.filter((question) => question.boardId === payload.boardId);
    const visible = mine.filter((question) => seesQuestion(viewer, question));
    return {
      settings: this.settingsView(boardSettings(boards, payload.boardId)),
      questions: await this.views(who.workshopId, visible),
      rev,
    };
  }

  /**
   * The stored first result holds the question only: the secret comes back from the payload (a
   * retry carries the same one), so no author secret is ever stored, hashed or not, beside it.
   */
  async ask(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"qna:ask">,
  ): Promise<CommandResult<"qna:ask">> {
    const earlier = await this.stores.workshops.commandResult<StoredAsk>(who.workshopId, command);
    if (earlier) return { ...earlier, secret: payload.secret };
    const { actor, workshop, viewer } = await this.context(who);
    if (!usesBoard(viewer, payload.boardId)) throw new DomainError("FORBIDDEN", "that is not your room's board");
    const sessionId = sessionOfBoard(payload.boardId);
    if (sessionId) requireSession(await this.stores.programme.getSession(who.workshopId, sessionId));
    this.requireLength(payload.text);
    if (!this.asks.allow(`${who.workshopId}:${who.participantId}`)) {
      throw new DomainError("RATE_LIMITED", `at most ${this.limits.questionsPerMinute} questions a minute`);
    }
    const [boards, seq] = await Promise.all([
      this.stores.qna.listBoards(who.workshopId),
      this.stores.qna.nextQuestionSeq(who.workshopId, payload.boardId),
    ]);
    const record = newQuestion({
      questionId: newQuestionId(),
      boardId: payload.boardId,
      seq,
      text: payload.text,
      anonymous: payload.anonymous,
      author: { participantId: actor.participantId, displayName: actor.displayName },
      secretHash: hashSecret(payload.secret),
      preModeration: boardSettings(boards, payload.boardId).preModeration,
      flagged: matchesWordList(payload.text, this.limits.wordList),
      // Both: the workshop allows naming people, and the asker's screen said so when they asked.
      creditConsent: workshop.reportAttribution === "attributed" && payload.creditConsent === true,
    });
    const result: StoredAsk = { question: toQuestionView(record, 0) };
    const outcome = await this.stores.qna.commitQna(who.workshopId, command, {
      writes: [{ kind: "question", questionId: record.questionId, expected: null, next: record }],
      result,
    });
    if (outcome.status === "conflict") throw new DomainError("CONFLICT", "try again");
    return { ...outcome.result, secret: payload.secret };
  }

  /** Author actions are idempotent by themselves, so no result is stored under the author's id. */
  async edit(who: CommandContext, payload: ParsedPayload<"qna:edit">): Promise<QuestionView> {
    this.requireLength(payload.text);
    return this.authorWrite(who.workshopId, payload.questionId, payload.secret, (question) =>
      editByAuthor(question, payload.text, matchesWordList(payload.text, this.limits.wordList)),
    );
  }

  async withdraw(who: CommandContext, payload: ParsedPayload<"qna:withdraw">): Promise<{ questionId: QuestionId }> {
    await this.authorWrite(who.workshopId, payload.questionId, payload.secret, () => null);
    return { questionId: payload.questionId };
  }

  async mine(who: CommandContext, payload: ParsedPayload<"qna:mine">): Promise<CommandResult<"qna:mine">> {
    const records = await this.stores.qna.getQuestions(
      who.workshopId,
      payload.items.map((item) => item.questionId),
    );
    const owned = records.filter(
      (record, index): record is QuestionRecord =>
        record !== null && secretMatchesHash(payload.items[index]?.secret ?? "", record.secretHash),
    );
    // The author is not told which moderator is looking at their question.
    return { questions: await this.views(who.workshopId, owned.map(withoutClaim)) };
  }

  async upvote(who: CommandContext, payload: ParsedPayload<"qna:upvote">): Promise<CommandResult<"qna:upvote">> {
    const { viewer } = await this.context(who);
    const question = await this.stores.qna.getQuestion(who.workshopId, payload.questionId);
    if (!question || !seesQuestion(viewer, question)) throw new DomainError("NOT_FOUND", "no such question");
    if (!this.votes.allow(`${who.workshopId}:${who.participantId}`)) {
      throw new DomainError("RATE_LIMITED", `at most ${this.limits.votesPerSecond} votes a second`);
    }
    const keys = await this.keyring.keysFor(who.workshopId);
    if (!keys) throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
    const voterKey = keys.upvote(payload.questionId, who.participantId);
    const outcome = await this.stores.qna.upvote(who.workshopId, {
      questionId: payload.questionId,
      voterKey,
      up: payload.up,
    });
    if (outcome.status === "missing") throw new DomainError("NOT_FOUND", "no such question");
    if (outcome.status === "notOpen") throw new DomainError("INVALID_STATE", "only approved questions take votes");
    return { questionId: payload.questionId, up: payload.up, votes: outcome.votes };
  }

  approve(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:approve">) {
    return this.moderate(who, command, payload.questionId, approve);
  }

  dismiss(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:dismiss">) {
    return this.moderate(who, command, payload.questionId, (question) => dismiss(question, payload.reason));
  }

  restore(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:restore">) {
    return this.moderate(who, command, payload.questionId, restore);
  }

  answer(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:answer">) {
    return this.moderate(who, command, payload.questionId, (question) => markAnswered(question, payload.reply));
  }

  reply(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:reply">) {
    return this.moderate(who, command, payload.questionId, (question) => setReply(question, payload.reply));
  }

  correct(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:correct">) {
    this.requireLength(payload.text);
    return this.moderate(who, command, payload.questionId, (question) => correct(question, payload.text));
  }

  claim(who: CommandContext, command: CommandRef, payload: ParsedPayload<"qna:claim">) {
    return this.moderate(who, command, payload.questionId, (question) =>
      claim(question, who.participantId, payload.claim),
    );
  }

  async pin(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"qna:pin">,
  ): Promise<CommandResult<"qna:pin">> {
    return this.commitLoop(who.workshopId, command, async () => {
      const { actor, viewer } = await this.context(who);
      this.requireModerator(actor, payload.boardId, viewer.round);
      const board = (await this.stores.qna.listQuestions(who.workshopId)).filter(
        (question) => question.boardId === payload.boardId,
      );
      const target = payload.questionId ? board.find((question) => question.questionId === payload.questionId) : null;
      if (target === undefined) throw new DomainError("NOT_FOUND", "no such question on this board");
      const writes: QnaWrite[] = pinWrites(board, target).map(({ expected, next }) => ({
        kind: "question",
        questionId: next.questionId,
        expected,
        next,
      }));
      return { writes, result: { boardId: payload.boardId, questionId: payload.questionId } };
    });
  }

  async settings(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"qna:settings">,
  ): Promise<CommandResult<"qna:settings">> {
    return this.commitLoop(who.workshopId, command, async () => {
      const { actor, viewer } = await this.context(who);
      this.requireModerator(actor, payload.boardId, viewer.round);
      const stored = (await this.stores.qna.listBoards(who.workshopId)).find(
        (board) => board.boardId === payload.boardId,
      );
      const next = { boardId: payload.boardId, preModeration: payload.preModeration };
      return {
        writes: [{ kind: "board", boardId: payload.boardId, expected: stored ?? null, next }],
        result: this.settingsView(next),
      };
    });
  }

  /**
   * Approved and answered questions for download, authorised by a facilitator's or note-taker's
   * session token. No author appears, named or not (Chatham House by default).
   */
  async exportData(sessionToken: string, workshopId: WorkshopId, boardId: BoardId | undefined): Promise<QnaExport> {
    await exporterContext(this.workshops, sessionToken, workshopId);
    const [questions, rounds, programme] = await Promise.all([
      this.stores.qna.listQuestions(workshopId),
      this.stores.breakout.listRounds(workshopId),
      this.stores.programme.listSessions(workshopId),
    ]);
    // A board's name: its room's, or its session's title (a deleted session's board keeps its id).
    const boardNames = new Map<string, string>([
      ...rounds.flatMap((round) => round.rooms.map((room) => [room.roomId, room.name] as const)),
      ...programme.map((session) => [sessionBoardId(session.sessionId), session.title] as const),
    ]);
    const published = questions.filter(
      (question) => isPublicStatus(question.status) && (boardId === undefined || question.boardId === boardId),
    );
    const views = await this.views(workshopId, published);
    const boardIds = [...new Set(views.map((view) => view.boardId))].sort((a, b) =>
      a === "plenary" ? -1 : b === "plenary" ? 1 : (boardNames.get(a) ?? a).localeCompare(boardNames.get(b) ?? b),
    );
    return {
      boards: boardIds.map((id) => ({
        boardId: id,
        name: id === "plenary" ? "Plenary" : (boardNames.get(id) ?? id),
        questions: views
          .filter((view) => view.boardId === id)
          .sort((a, b) => b.votes - a.votes || a.seq - b.seq)
          .map((view) => ({
            seq: view.seq,
            text: view.text,
            votes: view.votes,
            status: view.status === "answered" ? ("answered" as const) : ("approved" as const),
            reply: view.reply,
            edited: view.edited,
          })),
      })),
    };
  }

  settingsView(board: { boardId: BoardId; preModeration: boolean }): BoardSettings {
    return { boardId: board.boardId, preModeration: board.preModeration, maxLength: this.limits.questionMax };
  }

  async views(workshopId: WorkshopId, records: readonly QuestionRecord[]): Promise<QuestionView[]> {
    const votes = await this.stores.qna.questionVotes(
      workshopId,
      records.map((record) => record.questionId),
    );
    return records.map((record, index) => toQuestionView(record, votes[index] ?? 0));
  }

  private async moderate(
    who: CommandContext,
    ref: CommandRef,
    questionId: QuestionId,
    change: (question: QuestionRecord) => QuestionRecord,
  ): Promise<QuestionView> {
    return this.commitLoop(who.workshopId, ref, async () => {
      const { actor, viewer } = await this.context(who);
      const question = await this.stores.qna.getQuestion(who.workshopId, questionId);
      if (!question) throw new DomainError("NOT_FOUND", "no such question");
      this.requireModerator(actor, question.boardId, viewer.round);
      const next = change(question);
      const [votes] = await this.stores.qna.questionVotes(who.workshopId, [questionId]);
      return {
        writes: [{ kind: "question", questionId, expected: question, next }],
        result: toQuestionView(next, votes ?? 0),
      };
    });
  }

  private async authorWrite(
    workshopId: WorkshopId,
    questionId: QuestionId,
    secret: string,
    change: (question: QuestionRecord) => QuestionRecord | null,
  ): Promise<QuestionView> {
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      const question = await this.stores.qna.getQuestion(workshopId, questionId);
      if (!question) throw new DomainError("NOT_FOUND", "no such question");
      if (!secretMatchesHash(secret, question.secretHash)) {
        throw new DomainError("FORBIDDEN", "only the author can do this");
      }
      const next = change(question);
      const [votes] = await this.stores.qna.questionVotes(workshopId, [questionId]);
      const view = toQuestionView(next ?? question, votes ?? 0);
      const outcome = await this.stores.qna.commitQna(workshopId, null, {
        writes: [{ kind: "question", questionId, expected: question, next }],
        result: view,
      });
      if (outcome.status !== "conflict") return view;
    }
    throw new DomainError("CONFLICT", "the question kept changing; try again");
  }

  /** decideAndCommit for Q&A: a retry gets the first result; a conflict re-reads and decides again. */
  private commitLoop<T>(
    workshopId: WorkshopId,
    command: CommandRef,
    decide: () => Promise<{ writes: QnaWrite[]; result: T }>,
  ): Promise<T> {
    return commitAtMostOnce(
      () => this.stores.workshops.commandResult<T>(workshopId, command),
      decide,
      (decision) => this.stores.qna.commitQna(workshopId, command, decision),
    );
  }

  private requireModerator(actor: ParticipantRecord, boardId: BoardId, round: RoundView | null): void {
    if (!moderatesBoard(actor, boardId, round)) {
      throw new DomainError("FORBIDDEN", "only facilitators, or this room's lead, moderate this board");
    }
  }

  private requireLength(text: string): void {
    if ([...text].length > this.limits.questionMax) {
      throw new DomainError("BAD_REQUEST", `a question has at most ${this.limits.questionMax} characters`);
    }
  }

  private async viewer(who: CommandContext): Promise<QnaViewer> {
    return (await this.context(who)).viewer;
  }

  private async context(who: CommandContext) {
    const { actor, workshop } = who;
    return { actor, workshop, viewer: await this.viewerOf(actor, workshop) };
  }

  /** The actor's room in the current round while it runs, and the round (leads moderate their room's board). */
  async viewerOf(actor: ParticipantRecord, workshop: WorkshopRecord): Promise<QnaViewer> {
    // Q&A's rules never depend on who watches the people list.
    if (!workshop.currentRoundId) return { ...viewerOf(actor, workshop, null, null, false), round: null };
    const [round, roomId] = await Promise.all([
      this.stores.breakout.getRound(workshop.workshopId, workshop.currentRoundId),
      this.stores.breakout.getAssignment(workshop.workshopId, workshop.currentRoundId, actor.participantId),
    ]);
    return { ...viewerOf(actor, workshop, round, roomId, false), round };
  }
}
