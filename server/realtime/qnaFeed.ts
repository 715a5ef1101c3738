import type { WorkshopId } from "../../shared/ids.js";
import type { BoardSettings, QnaChanged, QuestionView } from "../../shared/qna.js";
import { moderatesBoard, usesBoard } from "../../shared/qnaRules.js";
import { boardSettings, toQuestionView } from "../domain/qna/questions.js";
import type { Logger } from "../logger.js";
import type { QnaService, QnaViewer } from "../services/qnaService.js";
import type { Stores } from "../store/stores.js";
import type { Unsubscribe } from "../store/unsubscribe.js";
import type { Membership } from "./eventFeed.js";
import type { WorkshopServer } from "./types.js";
import { type FollowerState, WorkshopFollower } from "./workshopFollower.js";

interface QnaFeedState extends FollowerState {
  /** The Q&A revision this node has delivered up to. */
  lastRev: number;
}

/**
 * Delivers Q&A changes to the sockets on THIS node, coalesced (invariant 5): a burst of
 * upvotes becomes one `qna:changed` per viewer group per tick carrying the changed questions
 * with their new counts, not one message per vote per viewer. Each socket gets only what it
 * may see (QnaService.seesQuestion, the one rule): pending and dismissed questions go to
 * moderators only. Clients fetch whole boards with `qna:board` when they connect or change
 * room; this feed keeps them current from there.
 */
export class QnaFeed extends WorkshopFollower<QnaFeedState> {
  constructor(
    private readonly io: WorkshopServer,
    private readonly stores: Stores,
    private readonly qna: QnaService,
    private readonly membersOf: (workshopId: WorkshopId) => ReadonlyMap<string, Membership>,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected async initialState(workshopId: WorkshopId): Promise<QnaFeedState> {
    return { sockets: 1, lastRev: await this.stores.qna.qnaRevision(workshopId), unsubscribe: null };
  }

  protected subscribe(workshopId: WorkshopId): Promise<Unsubscribe> {
    return this.stores.qna.subscribeQna(workshopId, () => this.schedule(workshopId));
  }

  protected async flush(workshopId: WorkshopId, state: QnaFeedState): Promise<void> {
    try {
      const changes = await this.stores.qna.qnaChangesSince(workshopId, state.lastRev);
      if (changes.rev <= state.lastRev) return;
      const members = this.membersOf(workshopId);
      if (changes.reset) {
        const reset: QnaChanged = { rev: changes.rev, questions: [], removed: [], settings: [], reset: true };
        this.io.local.to([...members.keys()]).emit("qna:changed", reset);
        state.lastRev = changes.rev;
        return;
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
      const groups = new Map<string, { payload: QnaChanged; socketIds: string[] }>();
      for (const [socketId, membership] of members) {
        const viewer: QnaViewer = {
          participantId: membership.participantId,
          role: membership.isFacilitator ? "facilitator" : "participant",
          roomId: membership.running ? membership.assignedRoom : null,
          round,
        };
        const questions: QuestionView[] = [];
        const removed: string[] = [];
        records.forEach((record, index) => {
          const questionId = changes.questionIds[index] as string;
          if (record && this.qna.seesQuestion(viewer, record)) {
            questions.push(toQuestionView(record, votes[index] ?? 0));
          } else if (!record || (record.status === "dismissed" && usesBoard(viewer, record.boardId))) {
            // Dropped where it may have been shown: withdrawn, or dismissed on a board this viewer
            // uses. A pending question is never named to non-moderators, not even by its id.
            removed.push(questionId);
          }
        });
        const boardsSeen: BoardSettings[] = settings.filter((board) => usesBoard(viewer, board.boardId));
        if (questions.length === 0 && boardsSeen.length === 0 && removed.length === 0) continue;
        // What a socket sees depends only on these three (seesQuestion, usesBoard).
        const key = `${viewer.role}|${viewer.roomId}|${moderatedRooms(viewer)}`;
        const group = groups.get(key);
        if (group) group.socketIds.push(socketId);
        else {
          groups.set(key, {
            payload: { rev: changes.rev, questions, removed, settings: boardsSeen },
            socketIds: [socketId],
          });
        }
      }
      for (const { payload, socketIds } of groups.values()) this.io.local.to(socketIds).emit("qna:changed", payload);
      state.lastRev = changes.rev;
    } catch (error) {
      this.logger.warn({ workshopId, err: error instanceof Error ? error.message : String(error) }, "qna flush failed");
      this.schedule(workshopId);
    }
  }
}

/** Which room boards this viewer moderates (a lead sees their room's pending questions). */
function moderatedRooms(viewer: QnaViewer): string {
  if (viewer.role === "facilitator" || !viewer.roomId) return "";
  return moderatesBoard(viewer, viewer.roomId, viewer.round) ? viewer.roomId : "";
}
