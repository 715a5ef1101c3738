import { createHash, createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerKeys } from "../../server/security/serverKeys.js";
import type { Ballot, PollDefinitionInput, PollView } from "../../shared/poll.js";
import { closeAll } from "../helpers/breakout.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { COLOURS, createPoll, storedBallotOf } from "../helpers/polls.js";
import { ask, loadBoard, moderate, upvote } from "../helpers/qna.js";
import { readAofGroups, type ScannedKey, scanRedis } from "../helpers/redisScan.js";
import { type RedisProcess, startRedisServer } from "../helpers/redisServer.js";
import { startServer, TEST_ANONYMITY_KEY, type TestServer, uniquePrefix } from "../helpers/server.js";

/**
 * Invariant 7, tried as an adversary would: someone holding a copy of Redis (every key, field,
 * member, value and expiry, and the AOF) and every log line at debug level, during the workshop
 * and after its end, looks for anything that ties a person to what they did anonymously:
 * their ballots in anonymous polls of every kind, their anonymous questions, their upvotes.
 * Canary people have unique names; the test knows (as the adversary does not) which stored
 * items are whose, so it can check that nothing stored or logged links the two, and that no
 * link can be derived from what Redis holds.
 */

let redis: RedisProcess;
let nodes: TestServer[];
let prefix: string;
beforeAll(async () => {
  redis = await startRedisServer();
  prefix = uniquePrefix();
  const options = { store: "redis" as const, redisUrl: redis.url, keyPrefix: prefix, env: { LOG_LEVEL: "debug" } };
  nodes = [await startServer(options), await startServer(options)];
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await redis.stop();
});

interface Canary {
  client: TestClient;
  name: string;
  /** What names them: what Redis or a log line may hold about them, but never next to their anonymous items. */
  identifiers: string[];
  /** Their anonymous items as the adversary would look for them (texts, question ids, secrets' hashes). */
  anonymousMarkers: string[];
  /** The keys their anonymous ballots and upvotes are stored under (known to the test only). */
  voterKeys: string[];
}

const hex = () => randomBytes(4).toString("hex");

function anonymousPolls(): PollDefinitionInput[] {
  const common = { anonymous: true, resultsVisibility: "live", scope: { kind: "plenary" } } as const;
  // Results after voting: each node finds out whose sockets hold a ballot, from voter keys and ballot notices.
  const afterVoting = { ...common, resultsVisibility: "afterVoting" } as const;
  return [
    { ...afterVoting, kind: "single", question: "Were you paid?", options: COLOURS },
    { ...common, kind: "multiple", question: "Which apply?", options: COLOURS, minSelections: 1 },
    { ...afterVoting, kind: "rating", question: "How safe?", scale: 5 },
    { ...common, kind: "text", question: "In one line?", maxLength: 200 },
    { ...common, kind: "ranking", question: "Order these", options: COLOURS },
  ] as PollDefinitionInput[];
}

function ballotFor(poll: PollView, index: number, text: string): Ballot {
  const options = COLOURS.map((option) => option.optionId);
  switch (poll.definition.kind) {
    case "single":
      return { kind: "single", optionId: options[index % 3] as string };
    case "multiple":
      return { kind: "multiple", optionIds: options.slice(0, 1 + (index % 3)) };
    case "rating":
      return { kind: "rating", value: 1 + (index % 5) };
    case "text":
      return { kind: "text", text };
    default:
      return { kind: "ranking", order: index % 2 === 0 ? options : [...options].reverse() };
  }
}

/** Everything stored together in one key: its name with each of its records. */
function units(scan: ScannedKey[]): string[] {
  return scan.flatMap((key) => key.records.map((record) => `${key.key}\n${record}`));
}

/** Candidate key material an adversary would try: every long enough token Redis holds. */
function candidateSecrets(scan: ScannedKey[]): string[] {
  const tokens = new Set<string>();
  for (const text of scan.flatMap((key) => [key.key, ...key.records])) {
    for (const token of text.split(/[^A-Za-z0-9_-]+/)) if (token.length >= 16) tokens.add(token);
  }
  return [...tokens];
}

/**
 * The ways a voter key could have been made from what Redis holds, by someone who has read this
 * server's code: the obvious hashes of a secret with the subject and the person, and the
 * server's own derivation with any stored token taken for its key (ANONYMITY_KEY), with the
 * stored salt or the token itself as the salt.
 */
function derivations(
  secret: string,
  salt: string | null,
  workshopId: string,
  subject: string,
  participantId: string,
): string[] {
  const message = `${secret}|${subject}|${participantId}`;
  const hashes = [
    createHash("sha1").update(message).digest("hex"),
    createHash("sha256").update(message).digest("hex"),
    createHmac("sha256", secret).update(`${subject}|${participantId}`).digest("hex"),
  ];
  const asKey = new ServerKeys(secret.padEnd(32, "0"));
  for (const withSalt of [salt ?? secret, secret]) {
    const keys = asKey.voterKeys(workshopId, withSalt);
    hashes.push(keys.ballot(subject, participantId), keys.upvote(subject, participantId));
  }
  return hashes.flatMap((hash) => [hash, hash.slice(0, 32)]);
}

describe("anonymity against a copy of Redis and the logs (invariant 7)", () => {
  it("no stored or logged value ties a canary person to an anonymous ballot, answer, question or upvote, during and after the workshop", async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const created = await createWorkshop(nodeA.url, "Canary forum");
    const workshopId = created.workshopId;
    const host = await connectClient(nodeA.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const canaries: Canary[] = [];
    for (let index = 0; index < 6; index++) {
      const name = `Canary${hex()}`;
      const client = await connectClient(index % 2 === 0 ? nodeA.url : nodeB.url, {
        joinCode: created.joinCode,
        displayName: name,
      });
      canaries.push({
        client,
        name,
        identifiers: [name, client.session.participantId, client.session.sessionToken],
        anonymousMarkers: [],
        voterKeys: [],
      });
    }
    // Someone named, doing named things: their records are allowed to name them.
    const named = await connectClient(nodeB.url, { joinCode: created.joinCode, displayName: `Open${hex()}` });
    const everyone = [host, named, ...canaries.map((canary) => canary.client)];
    await host.mirror.until((state) => state.participants.size === everyone.length);

    // Polls: every kind anonymous, and one named poll.
    const polls = [];
    for (const definition of anonymousPolls()) polls.push(await createPoll(host, definition));
    const namedPoll = await createPoll(host, {
      kind: "single",
      question: "Named?",
      options: COLOURS,
      anonymous: false,
      resultsVisibility: "live",
      scope: { kind: "plenary" },
    } as PollDefinitionInput);
    for (const [index, canary] of canaries.entries()) {
      const answer = `answer ${canary.name.toLowerCase()} ${hex()}`;
      canary.anonymousMarkers.push(answer);
      for (const poll of polls) {
        const commandId = newCommandId();
        const payload = { commandId, pollId: poll.pollId, ballot: ballotFor(poll, index, answer) };
        expect((await canary.client.send("poll:vote", payload)).ok).toBe(true);
        // A retry of the same command (a lost ack), then a change of mind: records of both kinds.
        expect((await canary.client.send("poll:vote", payload)).ok).toBe(true);
      }
      const changed = { kind: "single", optionId: COLOURS[(index + 1) % 3]?.optionId as string } as const;
      expect(
        (
          await canary.client.send("poll:vote", {
            commandId: newCommandId(),
            pollId: polls[0]?.pollId as string,
            ballot: changed,
          })
        ).ok,
      ).toBe(true);
      // A named vote from the same person, right after: allowed to name them, never to tie to the rest.
      expect(
        (
          await canary.client.send("poll:vote", {
            commandId: newCommandId(),
            pollId: namedPoll.pollId,
            ballot: changed,
          })
        ).ok,
      ).toBe(true);
    }
    // One takes a ballot back.
    const retractor = canaries[5] as Canary;
    expect(
      await retractor.client.send("poll:retract", { commandId: newCommandId(), pollId: polls[2]?.pollId as string }),
    ).toMatchObject({ ok: true, data: { retracted: true } });

    // Q&A: anonymous questions, upvotes on them and on a named one.
    await host.send("qna:settings", { commandId: newCommandId(), boardId: "plenary", preModeration: false });
    for (const client of everyone) await loadBoard(client);
    const namedQuestion = await ask(named, `Named question ${hex()}`, false);
    const asked = [];
    for (const canary of canaries) {
      const text = `Anonymous question of ${canary.name.toLowerCase()} ${hex()}?`;
      const answer = await ask(canary.client, text, true);
      canary.anonymousMarkers.push(text, answer.question.questionId, answer.secret);
      asked.push(answer);
    }
    for (const [index, canary] of canaries.entries()) {
      for (const target of [namedQuestion, asked[(index + 1) % asked.length]]) {
        expect((await upvote(canary.client, target?.question.questionId as string)).ok).toBe(true);
      }
    }
    // One anonymous question is approved by the host (moderation is not authorship).
    await moderate(host, "qna:approve", asked[0]?.question.questionId as string);

    // The test's privileged knowledge: where each canary's ballots and upvotes are stored.
    const salt = await nodeA.stores.workshops.voterSalt(workshopId);
    expect(salt).not.toBeNull();
    const keys = new ServerKeys(TEST_ANONYMITY_KEY).voterKeys(workshopId, salt as string);
    for (const [index, canary] of canaries.entries()) {
      for (const poll of polls) canary.voterKeys.push(keys.ballot(poll.pollId, canary.client.session.participantId));
      for (const target of [namedQuestion, asked[(index + 1) % asked.length]]) {
        canary.voterKeys.push(keys.upvote(target?.question.questionId as string, canary.client.session.participantId));
      }
      // Sanity: the server can find their own ballot (the keys are the real ones).
      expect(
        await storedBallotOf(nodeA.stores, workshopId, polls[3] as PollView, canary.client.session.participantId),
      ).toMatchObject({ kind: "text" });
    }

    const subjects = [
      ...polls.map((poll) => poll.pollId),
      ...asked.map((a) => a.question.questionId),
      namedQuestion.question.questionId,
    ];
    const logs = () => nodes.flatMap((node) => node.logLines).join("\n");

    const adversary = async (moment: string) => {
      const scan = await scanRedis(redis.url, prefix);
      expect(scan.length, moment).toBeGreaterThan(20);
      const stored = units(scan);
      const allText = scan.map((key) => `${key.key}\n${key.records.join("\n")}`).join("\n");
      for (const canary of canaries) {
        const linkable = [...canary.anonymousMarkers, ...canary.voterKeys];
        // 1. Nothing stored together names the person and holds one of their anonymous items.
        for (const unit of stored) {
          const names = canary.identifiers.some((identifier) => unit.includes(identifier));
          const holds = linkable.find((item) => unit.includes(item));
          expect(names && holds ? `${moment}: ${unit.slice(0, 200)}` : null).toBeNull();
        }
        // 2. No author secret is stored, in plain or hashed into anything but the question's own hash.
        for (const secret of canary.anonymousMarkers.filter((marker) => /^[A-Za-z0-9_-]{43}$/.test(marker))) {
          expect(allText.includes(secret), `${moment}: an author secret is stored`).toBe(false);
        }
        // 3. No log line names them or holds what they did anonymously.
        const logText = logs();
        for (const item of [...canary.identifiers, ...linkable]) {
          expect(logText.includes(item), `${moment}: log holds ${item.slice(0, 20)}`).toBe(false);
        }
      }
      // 4. No voter key can be derived from what Redis holds, by any of the obvious means.
      const storedVoterKeys = new Set(canaries.flatMap((canary) => canary.voterKeys));
      const storedSalt = scan.find((key) => key.key.endsWith(":votersalt"))?.records[0] ?? null;
      for (const secret of candidateSecrets(scan)) {
        for (const canary of canaries) {
          for (const subject of subjects) {
            for (const hash of derivations(
              secret,
              storedSalt,
              workshopId,
              subject,
              canary.client.session.participantId,
            )) {
              expect(storedVoterKeys.has(hash), `${moment}: a voter key derived from ${secret.slice(0, 12)}`).toBe(
                false,
              );
            }
          }
        }
      }
      expect(allText.includes(TEST_ANONYMITY_KEY), `${moment}: the server key is in Redis`).toBe(false);
      expect(logs().includes(TEST_ANONYMITY_KEY), `${moment}: the server key is in a log`).toBe(false);
      // 5. Order says nothing: every key holding a person's anonymous ballot, upvote or command
      //    record keeps its entries sorted by content (a sorted set, every score 0), not by arrival.
      // (A question id alone is no person's item: counts and change lists keyed by it are tallies.)
      const anonymousItems = canaries.flatMap((canary) => [
        ...canary.voterKeys,
        ...canary.anonymousMarkers.filter((marker) => marker.includes(" ")),
      ]);
      for (const key of scan) {
        // Questions keep the order they were asked in (and their latest change), as everyone
        // watching the board saw them appear: docs/SECURITY.md says so. Nothing there names anyone.
        if (key.key.endsWith(":qna:questions") || key.key.endsWith(":qna:changes")) continue;
        if (!key.records.some((record) => anonymousItems.some((item) => record.includes(item)))) continue;
        expect(key.type, `${moment}: ${key.key}`).toBe("zset");
        expect(
          key.records.every((record) => record.endsWith(" 0")),
          `${moment}: ${key.key} scores`,
        ).toBe(true);
      }
      // 6. Expiry times say no more than a boundary: a UTC day for command records, a whole
      //    minute for anything else (rate windows).
      for (const key of scan.filter((entry) => entry.expiresAt !== null)) {
        const boundary = key.key.includes(":cmds:") ? 86_400_000 : 60_000;
        expect((key.expiresAt as number) % boundary, `${moment}: expiry of ${key.key}`).toBe(0);
      }
      return scan;
    };

    await adversary("during the workshop");

    // The AOF: every write Redis applied, in order. No write (a script's effects are one
    // MULTI/EXEC block) both names a canary and holds one of their anonymous items.
    const groups = readAofGroups(redis.dir);
    expect(groups.length).toBeGreaterThan(50);
    for (const group of groups) {
      const text = group.map((command) => command.join(" ")).join("\n");
      for (const canary of canaries) {
        const names = canary.identifiers.some((identifier) => text.includes(identifier));
        const holds = [...canary.anonymousMarkers, ...canary.voterKeys].find((item) => text.includes(item));
        expect(names && holds ? text.slice(0, 300) : null).toBeNull();
      }
    }

    // The end destroys the salt: after it, not even the server's key re-derives a voter key.
    expect((await host.send("workshop:end", { commandId: newCommandId() })).ok).toBe(true);
    const after = await adversary("after the end");
    expect(after.some((key) => key.key.endsWith(":votersalt"))).toBe(false);
    const storedVoterKeys = new Set(canaries.flatMap((canary) => canary.voterKeys));
    const serverKeys = new ServerKeys(TEST_ANONYMITY_KEY);
    for (const secret of candidateSecrets(after)) {
      const withSalt = serverKeys.voterKeys(workshopId, secret);
      for (const canary of canaries) {
        for (const poll of polls) {
          expect(storedVoterKeys.has(withSalt.ballot(poll.pollId, canary.client.session.participantId))).toBe(false);
        }
      }
    }
    expect(
      await storedBallotOf(
        nodeA.stores,
        workshopId,
        polls[3] as PollView,
        canaries[0]?.client.session.participantId as string,
      ),
    ).toBeNull();
    closeAll(everyone);
  });
});
