import type { RoundView } from "../../shared/breakout.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "./client.js";

export interface BreakoutWorld {
  host: TestClient;
  people: TestClient[];
  joinCode: string;
}

/** A workshop with a facilitator and `count` participants, spread over `urls` (round robin). */
export async function workshopWithPeople(urls: string[], count: number, namePrefix = "P"): Promise<BreakoutWorld> {
  const first = urls[0] as string;
  const created = await createWorkshop(first);
  const host = await connectClient(first, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  const people = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      connectClient(urls[i % urls.length] as string, { joinCode: created.joinCode, displayName: `${namePrefix}${i}` }),
    ),
  );
  await host.mirror.until((state) => state.participants.size === count + 1);
  return { host, people, joinCode: created.joinCode };
}

export async function planRound(
  host: TestClient,
  rooms: Array<{
    name: string;
    capacity?: number | null;
    topic?: string;
    contentNote?: string;
    namesVisible?: boolean;
  }>,
  options: { selfSelect?: boolean; durationSeconds?: number; warningSeconds?: number } = {},
): Promise<RoundView> {
  const answer = await host.send("breakout:plan", {
    commandId: newCommandId(),
    rooms,
    durationSeconds: options.durationSeconds ?? 600,
    warningSeconds: options.warningSeconds ?? 60,
    selfSelect: options.selfSelect ?? false,
  });
  if (!answer.ok) throw new Error(`plan failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export async function openRound(host: TestClient, round: RoundView): Promise<RoundView> {
  const answer = await host.send("breakout:open", { commandId: newCommandId(), roundId: round.roundId });
  if (!answer.ok) throw new Error(`open failed: ${answer.error.code}`);
  return answer.data;
}

export function closeAll(clients: TestClient[]): void {
  for (const client of clients) client.close();
}
