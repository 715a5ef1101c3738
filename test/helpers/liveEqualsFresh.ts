import { expect } from "vitest";
import type { BoardView } from "../../shared/qna.js";
import { applyBoard } from "../../shared/qnaState.js";
import type { Role } from "../../shared/workshop.js";
import { applySnapshot, emptyWorkshopState, type WorkshopState } from "../../shared/workshopState.js";
import type { TestClient } from "./client.js";

/** The parts of a copy a snapshot fixes, in a form where equal means equal (maps sorted). */
function projection(state: WorkshopState) {
  const sorted = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  return {
    version: state.version,
    workshop: state.workshop,
    participants: sorted(state.participants),
    // The counts, without the version they were read at (a push and a snapshot may differ in it).
    people: { active: state.people.active, online: state.people.online },
    round: state.breakout.round,
    assignments: sorted(state.breakout.assignments),
    counts: state.breakout.counts,
    helps: sorted(state.breakout.helps),
    broadcasts: state.breakout.broadcasts,
    tags: sorted(state.breakout.tags),
    polls: sorted(state.polls),
    notesOpenToAll: [...state.notesOpenToAll].sort(),
    calls: { plenary: state.calls.plenary, rooms: sorted(state.calls.rooms), settings: state.calls.settings },
  };
}

function plenaryQuestions(questions: Iterable<BoardView["questions"][number]>) {
  return [...questions]
    .filter((question) => question.boardId === "plenary")
    .sort((a, b) => a.questionId.localeCompare(b.questionId));
}

/**
 * Polls until the client's live copy equals a fresh snapshot taken through its own session
 * (it may still be applying the last batches, fetching its room, or taking a snapshot it was
 * told to), and its plenary board equals a fresh one. On a timeout the difference is shown.
 */
export async function expectLiveEqualsFresh(client: TestClient, label: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const [sync, board] = await Promise.all([
          client.send("workshop:sync", {}),
          client.send("qna:board", { boardId: "plenary" }),
        ]);
        if (!sync.ok || sync.data.kind !== "snapshot" || !board.ok) return { label, error: "no snapshot" };
        const fresh = emptyWorkshopState(client.session.participantId);
        applySnapshot(fresh, sync.data.snapshot);
        const live: Record<string, unknown> = {
          ...projection(client.mirror.state),
          qna: plenaryQuestions(client.mirror.qna.questions.values()),
        };
        const expected: Record<string, unknown> = {
          ...projection(fresh),
          qna: plenaryQuestions(board.data.questions),
        };
        // Only what differs, so a failure says where.
        const differs = Object.keys(expected).filter(
          (key) => JSON.stringify(live[key]) !== JSON.stringify(expected[key]),
        );
        if (differs.length === 0) return "equal";
        return {
          label,
          differs: Object.fromEntries(differs.map((key) => [key, { live: live[key], expected: expected[key] }])),
        };
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe("equal");
}

/**
 * Keeps the plenary board in the client's Q&A copy the way the browser does: loaded whole on
 * every session:ready, again when whether they moderate it changes (promoted or demoted) and
 * after a `reset` change.
 */
export function followPlenaryBoard(client: TestClient): void {
  let moderating: boolean | null = null;
  const load = async () => {
    moderating = roleOf(client) === "facilitator";
    const answer = await client.send("qna:board", { boardId: "plenary" }).catch(() => null);
    if (answer?.ok) applyBoard(client.mirror.qna, answer.data);
  };
  client.socket.on("session:ready", () => void load());
  // Like the browser's computed signal: any change of the copy (a batch, a catch-up, a snapshot).
  client.mirror.onChange(() => {
    if (moderating !== null && (roleOf(client) === "facilitator") !== moderating) void load();
  });
  client.socket.on("qna:changed", () => {
    if (!client.mirror.qna.needsReload) return;
    client.mirror.qna.needsReload = false;
    void load();
  });
  void load();
}

export function roleOf(client: TestClient): Role | undefined {
  return client.mirror.state.participants.get(client.session.participantId)?.role;
}
