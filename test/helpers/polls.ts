import { ServerKeys } from "../../server/security/serverKeys.js";
import type { PollStore } from "../../server/store/polls/port.js";
import type { WorkshopStore } from "../../server/store/workshop/port.js";
import type { Ballot, PollDefinitionInput, PollView } from "../../shared/poll.js";
import { newCommandId, type TestClient } from "./client.js";
import { TEST_ANONYMITY_KEY } from "./server.js";

/**
 * A person's ballot as the store keeps it, found the way the server finds it (a keyed hash for
 * anonymous polls: the test knows the nodes' ANONYMITY_KEY). Null when not voted, and for an
 * anonymous poll once the workshop ended (no salt: nobody can find it any more).
 */
export async function storedBallotOf(
  stores: { polls: PollStore; workshops: WorkshopStore },
  workshopId: string,
  poll: Pick<PollView, "pollId" | "definition">,
  participantId: string,
): Promise<Ballot | "retracted" | null> {
  const { pollId } = poll;
  const { anonymous } = poll.definition;
  if (!anonymous) return stores.polls.ballotOf(workshopId, { pollId, voterKey: participantId, anonymous });
  const salt = await stores.workshops.voterSalt(workshopId);
  if (salt === null) return null;
  const voterKey = new ServerKeys(TEST_ANONYMITY_KEY).voterKeys(workshopId, salt).ballot(pollId, participantId);
  return stores.polls.ballotOf(workshopId, { pollId, voterKey, anonymous });
}

export const COLOURS = [
  { optionId: "red", label: "Red" },
  { optionId: "green", label: "Green" },
  { optionId: "blue", label: "Blue" },
];

export function singleChoice(overrides: Partial<PollDefinitionInput> = {}): PollDefinitionInput {
  return {
    kind: "single",
    question: "Which colour?",
    options: COLOURS,
    anonymous: false,
    resultsVisibility: "live",
    scope: { kind: "plenary" },
    ...overrides,
  } as PollDefinitionInput;
}

export async function createPoll(host: TestClient, definition: PollDefinitionInput, open = true): Promise<PollView> {
  const answer = await host.send("poll:create", { commandId: newCommandId(), definition, open });
  if (!answer.ok) throw new Error(`poll:create failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** The combined count of one option in the latest results a client holds (undefined: none yet). */
export function countOf(client: TestClient, pollId: string, optionId: string): number | undefined {
  const results = client.mirror.state.pollResults.get(pollId)?.results;
  if (!results || (results.kind !== "single" && results.kind !== "multiple")) return undefined;
  return results.combined.counts.find((count) => count.optionId === optionId)?.count;
}

export function votersOf(client: TestClient, pollId: string): number | undefined {
  return client.mirror.state.pollResults.get(pollId)?.results.combined.voters;
}
