import type { WorkshopId } from "../../../shared/ids.js";
import type { BoardSettings, QnaChanged, QuestionView } from "../../../shared/qna.js";
import { usesBoard } from "../../../shared/qnaRules.js";
import { type Membership, viewerOfMembership } from "../../domain/membership.js";
import { boardSettings, toQuestionView } from "../../domain/qna/questions.js";
import { type QnaViewer, qnaViewKey, seesQuestion } from "../../domain/qna/visibility.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { Stores } from "../../store/stores.js";
import type { QnaService } from "../qnaService.js";

/** One message and the local sockets it goes to. */
export interface QnaSend {
  socketIds: string[];
  payload: QnaChanged;
}

/**
 * The Q&A changes after a revision, cut for each local socket by the one rule of who sees a
 * question (seesQuestion) and whose boards they use, with sockets that see the same things
 * sharing one message. The Q&A feed only sends what this returns.
 */
export class QnaChangesReader {
  constructor(
    private readonly stores: Pick<Stores, "qna" | "workshops" | "breakout">,
    private readonly qna: Pick<QnaService, "settingsView">,
  ) {}

  revision(workshopId: WorkshopId): Promise<number> {
    return this.stores.qna.qnaRevision(workshopId);
  }

  follow(workshopId: WorkshopId, onChange: () => void): Promise<Unsubscribe> {
    return this.stores.qna.subscribeQna(workshopId, onChange);
  }

  /** What to send to whom for the changes after `sinceRev`; null when there are none. */
  async changesFor(
    workshopId: WorkshopId,
    sinceRev: number,
    members: ReadonlyMap<string, Membership>,
  ): Promise<{ rev: number; sends: QnaSend[] } | null> {
    const changes = await this.stores.qna.qnaChangesSince(workshopId, sinceRev);
    if (changes.rev <= sinceRev) return null;
    if (changes.reset) {
      // Too far behind for the change list: every socket fetches its boards again.
      const payload: QnaChanged = { rev: changes.rev, questions: [], removed: [], settings: [], reset: true };
      return { rev: changes.rev, sends: [{ socketIds: [...members.keys()], payload }] };
    }
    const [records, votes, boards, workshop] = await Promise.all([
      this.stores.qna.getQuestions(workshopId, changes.questionIds),
      this.stores.qna.questionVotes(workshopId, changes.questionIds),
      changes.boardIds.length > 0 ? this.stores.qna.listBoards(workshopId) : Promise.resolve([]),
      this.stores.workshops.getWorkshop(workshopId),
    ]);
    const round = workshop?.currentRoundId
      ? await this.stores.breakout.getRound(workshopId, workshop.currentRoundId)
      : null;
    const settings = changes.boardIds.map((boardId) => this.qna.settingsView(boardSettings(boards, boardId)));
    // Sockets that see the same things share one payload, encoded once.
    const groups = new Map<string, QnaSend>();
    for (const [socketId, membership] of members) {
      const viewer: QnaViewer = { ...viewerOfMembership(membership), round };
      const key = qnaViewKey(viewer);
      const group = groups.get(key);
      if (group) {
        group.socketIds.push(socketId);
        continue;
      }
      const questions: QuestionView[] = [];
      const removed: string[] = [];
      records.forEach((record, index) => {
        const questionId = changes.questionIds[index] as string;
        if (record && seesQuestion(viewer, record)) {
          questions.push(toQuestionView(record, votes[index] ?? 0));
        } else if (!record || (record.status === "dismissed" && usesBoard(viewer, record.boardId))) {
          // Dropped where it may have been shown: withdrawn, or dismissed on a board this viewer
          // uses. A pending question is never named to non-moderators, not even by its id.
          removed.push(questionId);
        }
      });
      const boardsSeen: BoardSettings[] = settings.filter((board) => usesBoard(viewer, board.boardId));
      groups.set(key, {
        socketIds: [socketId],
        payload: { rev: changes.rev, questions, removed, settings: boardsSeen },
      });
    }
    const sends = [...groups.values()].filter(
      ({ payload }) => payload.questions.length > 0 || payload.removed.length > 0 || payload.settings.length > 0,
    );
    return { rev: changes.rev, sends };
  }
}
