import { batch, signal } from "@preact/signals";
import type { ParticipantId, WorkshopId } from "../../../shared/ids.js";
import type { BoardId, BoardSettings, BoardView, QnaChanged, QuestionId, QuestionView } from "../../../shared/qna.js";
import {
  answeredQuestions,
  applyBoard,
  applyQnaChanged,
  emptyQnaCopy,
  moderationQueue,
  openQuestions,
  type QnaCopy,
  type QnaSort,
} from "../../../shared/qnaState.js";
import { type OwnQuestion, readOwnQuestions, readUpvotes, writeOwnQuestions, writeUpvotes } from "./qnaStore.js";

/**
 * The browser's copy of the Q&A boards it looks at. The rules for applying boards and changes
 * are the shared ones (shared/qnaState.ts, the same the tests use); this class makes them
 * observable, and keeps what only this device knows: the secrets of the questions asked
 * here ("mine", which the server answers by secret) and the questions this person upvoted.
 */
export class ReactiveQna {
  private copy: QnaCopy = emptyQnaCopy();
  private readonly revision = signal(0);
  private viewer: { workshopId: WorkshopId; participantId: ParticipantId } | null = null;
  private own: OwnQuestion[] = [];
  /** Board fetches in flight; changes that arrive meanwhile are kept to be applied again over the answer. */
  private fetching = 0;
  private buffered: QnaChanged[] = [];

  /** The viewer's own questions (any status), from ask acks, `qna:mine` and changes. */
  readonly mine = signal<ReadonlyMap<QuestionId, QuestionView>>(new Map());
  /** Questions this person upvoted (remembered on this device only). */
  readonly upvoted = signal<ReadonlySet<QuestionId>>(new Set());
  /** Bumped when the boards must be fetched again (the server could not say what changed). */
  readonly reloadRequests = signal(0);
  /** Bumped when the viewer's own questions may have changed: `qna:mine` is asked again (throttled). */
  readonly mineStale = signal(0);

  /** The person this copy is for; a different one starts over (what this device remembers for them is loaded). */
  setViewer(workshopId: WorkshopId, participantId: ParticipantId): void {
    if (this.viewer?.workshopId === workshopId && this.viewer.participantId === participantId) return;
    this.viewer = { workshopId, participantId };
    this.own = readOwnQuestions(workshopId);
    this.changed(() => {
      this.copy = emptyQnaCopy();
      this.buffered = [];
      this.mine.value = new Map();
      this.upvoted.value = new Set(readUpvotes(workshopId, participantId));
    });
  }

  /** The session is over in this tab: nothing is shown any more (what the device remembers stays). */
  reset(): void {
    this.viewer = null;
    this.own = [];
    this.changed(() => {
      this.copy = emptyQnaCopy();
      this.buffered = [];
      this.mine.value = new Map();
      this.upvoted.value = new Set();
    });
  }

  // Reactive reads: a view calling these re-renders when the copy changes.

  settings(boardId: BoardId): BoardSettings | undefined {
    this.revision.value;
    return this.copy.settings.get(boardId);
  }

  open(boardId: BoardId, sort: QnaSort): QuestionView[] {
    this.revision.value;
    return openQuestions(this.copy, boardId, sort);
  }

  answered(boardId: BoardId): QuestionView[] {
    this.revision.value;
    return answeredQuestions(this.copy, boardId);
  }

  /** Pending (flagged first) and dismissed questions: what moderators of the board see in their queue. */
  queue(boardId: BoardId): QuestionView[] {
    this.revision.value;
    return moderationQueue(this.copy, boardId);
  }

  /**
   * Questions awaiting approval per board, over every board this copy holds (the plenary's and
   * the rooms' boards fetched or changed since this tab loaded): the facilitator's attention bar.
   */
  pendingByBoard(): ReadonlyMap<BoardId, number> {
    this.revision.value;
    const counts = new Map<BoardId, number>();
    for (const question of this.copy.questions.values()) {
      if (question.status === "pending") counts.set(question.boardId, (counts.get(question.boardId) ?? 0) + 1);
    }
    return counts;
  }

  question(questionId: QuestionId): QuestionView | undefined {
    this.revision.value;
    return this.copy.questions.get(questionId);
  }

  /** The viewer's own questions on a board, oldest first. */
  mineOn(boardId: BoardId): QuestionView[] {
    return [...this.mine.value.values()]
      .filter((question) => question.boardId === boardId)
      .sort((a, b) => a.seq - b.seq);
  }

  isMine(questionId: QuestionId): boolean {
    return this.mine.value.has(questionId) || this.own.some((item) => item.questionId === questionId);
  }

  secretOf(questionId: QuestionId): string | undefined {
    return this.own.find((item) => item.questionId === questionId)?.secret;
  }

  /** What `qna:mine` is asked with. */
  ownItems(): OwnQuestion[] {
    return [...this.own];
  }

  // Boards and changes.

  beginFetch(): void {
    this.fetching++;
  }

  /**
   * The answer of `qna:board` (null: no answer). Changes that arrived while it travelled and are
   * newer than the board's revision are applied again over it, so a board read a moment before
   * a change never hides that change.
   */
  endFetch(board: BoardView | null): void {
    this.fetching = Math.max(0, this.fetching - 1);
    this.changed(() => {
      if (board) {
        applyBoard(this.copy, board);
        // A reset among them already asked for a reload when it arrived.
        for (const change of this.buffered) {
          if (change.rev > board.rev && !change.reset) applyQnaChanged(this.copy, change);
        }
        for (const question of board.questions) this.noteOwn(question);
      }
      if (this.fetching === 0) this.buffered = [];
    });
  }

  /** A pushed `qna:changed`. */
  applyChanged(changed: QnaChanged): void {
    if (this.fetching > 0) this.buffered.push(changed);
    let ownTouched = false;
    this.changed(() => {
      applyQnaChanged(this.copy, changed);
      this.takeReload();
      for (const question of changed.questions) if (this.noteOwn(question)) ownTouched = true;
      if (changed.removed.some((questionId) => this.isOwnId(questionId))) ownTouched = true;
    });
    // Someone may have approved, dismissed or answered one of mine: ask for my questions again.
    const pending = [...this.mine.value.values()].some((question) => question.status === "pending");
    if (ownTouched || pending) this.mineStale.value++;
  }

  /** A question as a command's ack returned it (moderation): shown at once, the feed confirms it. */
  applyQuestion(question: QuestionView): void {
    this.changed(() => {
      this.copy.questions.set(question.questionId, question);
      this.noteOwn(question);
    });
  }

  applySettings(settings: BoardSettings): void {
    this.changed(() => {
      this.copy.settings.set(settings.boardId, settings);
    });
  }

  /** The ack of `qna:pin`: one pinned question per board. */
  applyPin(boardId: BoardId, questionId: QuestionId | null): void {
    this.changed(() => {
      for (const [id, question] of this.copy.questions) {
        if (question.boardId !== boardId) continue;
        const pinned = id === questionId;
        if (question.pinned !== pinned) this.copy.questions.set(id, { ...question, pinned });
      }
    });
  }

  /** The ack of an upvote: the pressed state is remembered on this device, the count comes from the server. */
  recordVote(questionId: QuestionId, up: boolean, votes: number): void {
    const upvoted = new Set(this.upvoted.value);
    if (up) upvoted.add(questionId);
    else upvoted.delete(questionId);
    if (this.viewer) writeUpvotes(this.viewer.workshopId, this.viewer.participantId, upvoted);
    this.changed(() => {
      this.upvoted.value = upvoted;
      const question = this.copy.questions.get(questionId);
      if (question) this.copy.questions.set(questionId, { ...question, votes });
    });
  }

  // Own questions.

  /** The ack of `qna:ask`: the secret is kept on this device, the question shows as mine at once. */
  addOwn(question: QuestionView, secret: string): void {
    if (!this.viewer) return;
    if (!this.own.some((item) => item.questionId === question.questionId)) {
      this.own = [...this.own, { questionId: question.questionId, secret }];
      writeOwnQuestions(this.viewer.workshopId, this.own);
    }
    this.changed(() => {
      this.setMine(question);
      // On a board without pre-moderation it is public at once; the feed brings it too.
      if (question.status !== "pending") this.copy.questions.set(question.questionId, question);
    });
  }

  /** The answer of `qna:mine` for these ids: one it does not return is gone (withdrawn), and forgotten. */
  applyMine(asked: readonly QuestionId[], questions: readonly QuestionView[]): void {
    const found = new Set(questions.map((question) => question.questionId));
    const gone = asked.filter((questionId) => !found.has(questionId));
    this.changed(() => {
      const mine = new Map(this.mine.value);
      for (const questionId of gone) mine.delete(questionId);
      for (const question of questions) mine.set(question.questionId, question);
      this.mine.value = mine;
    });
    if (gone.length > 0) this.dropOwn(gone);
  }

  /** A question the author withdrew: gone from the device and from every list. */
  forgetOwn(questionId: QuestionId): void {
    this.dropOwn([questionId]);
    this.changed(() => {
      this.copy.questions.delete(questionId);
      if (this.mine.value.has(questionId)) {
        const mine = new Map(this.mine.value);
        mine.delete(questionId);
        this.mine.value = mine;
      }
    });
  }

  private dropOwn(questionIds: readonly QuestionId[]): void {
    const doomed = new Set(questionIds);
    const kept = this.own.filter((item) => !doomed.has(item.questionId));
    if (kept.length === this.own.length) return;
    this.own = kept;
    if (this.viewer) writeOwnQuestions(this.viewer.workshopId, kept);
  }

  private isOwnId(questionId: QuestionId): boolean {
    return this.own.some((item) => item.questionId === questionId);
  }

  /** Keeps "mine" current from anything that shows one of my questions; true when it was one. */
  private noteOwn(question: QuestionView): boolean {
    if (!this.isOwnId(question.questionId)) return false;
    this.setMine(question);
    return true;
  }

  private setMine(question: QuestionView): void {
    if (this.mine.value.get(question.questionId) === question) return;
    const mine = new Map(this.mine.value);
    mine.set(question.questionId, question);
    this.mine.value = mine;
  }

  private takeReload(): void {
    if (!this.copy.needsReload) return;
    this.copy.needsReload = false;
    this.reloadRequests.value++;
  }

  private changed(mutate: () => void): void {
    batch(() => {
      mutate();
      this.revision.value++;
    });
  }
}

/** The Q&A of the one workshop this tab is in. */
export const qnaState = new ReactiveQna();
