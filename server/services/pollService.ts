import type { RoundView } from "../../shared/breakout.js";
import type { CommandResult, ParsedPayload } from "../../shared/events.js";
import type { RoomId, WorkshopId } from "../../shared/ids.js";
import type { Ballot, PollDefinition, PollExport, PollId, PollResultsUpdate, PollView } from "../../shared/poll.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { isRunning } from "../domain/breakout/rounds.js";
import type { Actor, CommandContext, CommandRef } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import { validateBallot } from "../domain/polls/ballots.js";
import { countersOf, resultsFromCounters } from "../domain/polls/counters.js";
import {
  acceptsBallots,
  ballotRoom,
  checkScope,
  closePoll,
  editDraft,
  managesPoll,
  newPoll,
  openPoll,
  seesPoll,
} from "../domain/polls/lifecycle.js";
import type { PollTally } from "../domain/polls/records.js";
import { requireSession } from "../domain/programme.js";
import type { ParticipantRecord, WorkshopRecord } from "../domain/records.js";
import { newPollId } from "../security/ids.js";
import type { BallotCast, CastOutcome, VoterRef } from "../store/polls/port.js";
import type { Stores } from "../store/stores.js";
import type { Authorizer } from "./authorizer.js";
import { decideAndCommit } from "./commit.js";
import { type PollsView, type VoterContext, VoterContextCache } from "./voterContextCache.js";
import type { VoterKeyring } from "./voterKeyring.js";
import type { WorkshopService } from "./workshopService.js";

/** What deciding a vote needs; the round only where the poll's scope or the policy looks at it. */
type VoterDecisionContext = Omit<VoterContext, "version">;

/** A vote decided, before the key its ballot is kept under is known (see voterRefOf). */
type BallotDecision = Omit<BallotCast, "voterKey">;

/** A cast the store calls stale is decided again from fresh reads, this many times at most. */
const MAX_FRESH_ATTEMPTS = 3;

interface PollContext {
  actor: ParticipantRecord;
  workshop: WorkshopRecord;
  round: RoundView | null;
}

/** Live polls: lifecycle, ballots, results. Tallies are counters kept by the store with each ballot. */
export class PollService {
  /** This node's copy of what votes are decided from (see `vote`). */
  private readonly contexts: VoterContextCache;

  constructor(
    private readonly stores: Stores,
    private readonly workshops: WorkshopService,
    /** The vote authorizes itself, from this node's copy of the voter (see `vote`). */
    private readonly authorizer: Authorizer,
    private readonly keyring: VoterKeyring,
    private readonly now: () => number = Date.now,
  ) {
    this.contexts = new VoterContextCache(stores.workshops, now);
  }

  /** Keep a copy of the workshop's vote context while this node follows it (has sockets in it). */
  follow(workshopId: WorkshopId): void {
    this.contexts.follow(workshopId);
  }

  unfollow(workshopId: WorkshopId): void {
    this.contexts.unfollow(workshopId);
  }

  /** The workshop, round and polls as this node's copy holds them (exact at its version), or null. */
  pollsView(workshopId: WorkshopId): PollsView | null {
    return this.contexts.pollsView(workshopId);
  }

  create(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:create">): Promise<PollView> {
    return this.commitPoll(who, command, async () => {
      const context = await this.context(who);
      this.requireManager(context, payload.definition);
      checkScope(payload.definition, context.round);
      await this.requireScopeSession(who.workshopId, payload.definition);
      const poll = newPoll(newPollId(), payload.definition, who.participantId, this.now(), payload.open ?? false);
      return { expected: null, next: poll };
    });
  }

  update(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:update">): Promise<PollView> {
    return this.commitPoll(who, command, async () => {
      const context = await this.context(who);
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      this.requireManager(context, poll.definition);
      this.requireManager(context, payload.definition);
      checkScope(payload.definition, context.round);
      await this.requireScopeSession(who.workshopId, payload.definition);
      return { expected: poll, next: editDraft(poll, payload.definition) };
    });
  }

  open(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:open">): Promise<PollView> {
    return this.commitPoll(who, command, async () => {
      const context = await this.context(who);
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      this.requireManager(context, poll.definition);
      checkScope(poll.definition, context.round);
      return { expected: poll, next: openPoll(poll, this.now()) };
    });
  }

  close(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:close">): Promise<PollView> {
    return this.commitPoll(who, command, async () => {
      const context = await this.context(who);
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      this.requireManager(context, poll.definition);
      return { expected: poll, next: closePoll(poll, this.now()) };
    });
  }

  /** A new draft with the same questions; an every-room poll moves to the current round. */
  duplicate(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:duplicate">): Promise<PollView> {
    return this.commitPoll(who, command, async () => {
      const context = await this.context(who);
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      this.requireManager(context, poll.definition);
      const { scope } = poll.definition;
      const definition: PollDefinition =
        scope.kind === "everyRoom" && context.round
          ? { ...poll.definition, scope: { kind: "everyRoom", roundId: context.round.roundId } }
          : poll.definition;
      return { expected: null, next: newPoll(newPollId(), definition, who.participantId, this.now(), false) };
    });
  }

  delete(who: CommandContext, command: CommandRef, payload: ParsedPayload<"poll:delete">) {
    return decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const context = await this.context(who);
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      this.requireManager(context, poll.definition);
      if (poll.status !== "draft") throw new DomainError("INVALID_STATE", "only a draft can be deleted");
      return {
        writes: [{ kind: "poll" as const, pollId: poll.pollId, expected: poll, next: null }],
        events: [{ type: "poll:deleted" as const, pollId: poll.pollId, createdBy: poll.createdBy }],
        result: { pollId: poll.pollId },
      };
    });
  }

  /**
   * One ballot per person per poll, written by one atomic store step that also re-checks the
   * poll is open: a vote racing with close is either counted before it or refused POLL_CLOSED.
   *
   * The hot path is one store round trip: the vote is decided from this node's copy of the
   * voter, their room and the poll (`VoterContextCache`) and cast expecting the workshop still
   * at that copy's version. Anything else is decided again from fresh reads: a cast the store
   * calls stale (something was logged since), and any refusal (the copy may simply not have
   * caught up with a join or a new poll yet; refusals are rare, so they may cost reads).
   */
  async vote(
    who: Actor,
    command: CommandRef,
    payload: ParsedPayload<"poll:vote">,
    counted?: (tallyVersion: number) => void,
  ): Promise<CommandResult<"poll:vote">> {
    try {
      const cached = this.contexts.voterContext(who.workshopId, who.participantId, payload.pollId);
      const decided = cached ? this.decideQuietly(payload, cached) : null;
      if (cached && decided) {
        const outcome = await this.stores.polls.castBallot<CommandResult<"poll:vote">>(who.workshopId, command, {
          ...decided,
          voterKey: (await this.voterRefOf(who, decided)).voterKey,
          expectVersion: cached.version,
        });
        if (outcome.status !== "stale") return answerOf(outcome, counted);
      }
      for (let attempt = 0; attempt < MAX_FRESH_ATTEMPTS; attempt++) {
        const fresh = await this.freshVoterContext(who, payload.pollId);
        const decision = this.decideVote(payload, fresh);
        const cast = { ...decision, voterKey: (await this.voterRefOf(who, decision)).voterKey };
        const outcome = await this.stores.polls.castBallot<CommandResult<"poll:vote">>(who.workshopId, command, cast);
        if (outcome.status !== "stale") return answerOf(outcome, counted);
      }
      throw new DomainError("CONFLICT", "the poll kept changing; try again");
    } catch (error) {
      // A retry of a vote that was counted gets its first answer, even if the poll closed since.
      const earlier =
        error instanceof DomainError
          ? await this.stores.workshops.commandResult<CommandResult<"poll:vote">>(who.workshopId, command)
          : null;
      if (earlier !== null) return earlier;
      throw error;
    }
  }

  /** Tells the voter cache about a batch of the workshop's log (the event feed's, in order). */
  eventsDelivered(workshopId: WorkshopId, events: readonly WorkshopEvent[]): void {
    this.contexts.eventsDelivered(workshopId, events);
  }

  /**
   * Where the person's ballot of a poll is kept: their id in a named poll; in an anonymous one a
   * keyed hash only this server can make, and only while the workshop runs (VoterKeyring).
   */
  private async voterRefOf(who: Actor, poll: { pollId: PollId; anonymous: boolean }): Promise<VoterRef> {
    if (!poll.anonymous) return { pollId: poll.pollId, voterKey: who.participantId, anonymous: false };
    const keys = await this.keyring.keysFor(who.workshopId);
    if (!keys) throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
    return { pollId: poll.pollId, voterKey: keys.ballot(poll.pollId, who.participantId), anonymous: true };
  }

  /**
   * The key the person's ballot of the poll is kept under (what a vote of theirs would use),
   * derived in memory; null after the end. Lets the results feed match the ballot notices of
   * the store to this person's sockets ("results after voting") without keeping anything.
   */
  async ballotKeyOf(who: Actor, poll: PollView): Promise<VoterRef | null> {
    try {
      return await this.voterRefOf(who, { pollId: poll.pollId, anonymous: poll.definition.anonymous });
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  /** Whether a ballot is kept under this key now (one taken back is none): only a read. */
  async hasBallot(workshopId: WorkshopId, voter: VoterRef): Promise<boolean> {
    const ballot = await this.stores.polls.ballotOf(workshopId, voter);
    return ballot !== null && ballot !== "retracted";
  }

  /** The ballot cast from a voter context: every rule a vote must pass before the store's own checks. */
  private decideVote(payload: ParsedPayload<"poll:vote">, context: VoterDecisionContext): BallotDecision {
    const { actor, workshop, round, roomId: voterRoom, poll } = context;
    this.authorizer.authorizeWith("poll:vote", actor, workshop, round);
    if (!actor || !poll) throw new DomainError("NOT_FOUND", "no such poll");
    if (!seesPoll({ participantId: actor.participantId, role: actor.role, roomId: voterRoom }, poll)) {
      throw new DomainError("NOT_FOUND", "no such poll");
    }
    if (!acceptsBallots(poll, this.now())) throw new DomainError("POLL_CLOSED", "the poll is not open");
    const ballot = validateBallot(poll.definition, payload.ballot);
    const roomId = ballotRoom(poll.definition, voterRoom);
    return {
      pollId: poll.pollId,
      anonymous: poll.definition.anonymous,
      ballot: { roomId, ballot, counters: countersOf(poll.definition, ballot, roomId) },
      now: this.now(),
      resultChanged: JSON.stringify({ pollId: poll.pollId, ballot, changed: true }),
      resultUnchanged: JSON.stringify({ pollId: poll.pollId, ballot, changed: false }),
    };
  }

  /** A refusal decided from the cached copy is not trusted (it may lag): null sends the vote down the fresh path. */
  private decideQuietly(payload: ParsedPayload<"poll:vote">, context: VoterDecisionContext): BallotDecision | null {
    try {
      return this.decideVote(payload, context);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  /** The voter, their room and the poll read from the store now (two round trips at most). */
  private async freshVoterContext(who: Actor, pollId: PollId): Promise<VoterDecisionContext> {
    const [{ actor, workshop }, poll] = await Promise.all([
      this.authorizer.loadContext(who),
      this.stores.polls.getPoll(who.workshopId, pollId),
    ]);
    const needsRoom = poll !== null && poll.definition.scope.kind !== "plenary";
    const [round, assigned] =
      needsRoom && workshop.currentRoundId
        ? await Promise.all([
            this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId),
            this.stores.breakout.getAssignment(who.workshopId, workshop.currentRoundId, who.participantId),
          ])
        : [null, null];
    return { actor, workshop, round, roomId: isRunning(round) ? assigned : null, poll };
  }

  /** The viewer's own ballots in the polls they can see. */
  async mine(who: CommandContext): Promise<CommandResult<"poll:mine">> {
    const { actor, workshop } = who;
    const roomId = await this.roomOf(who, workshop);
    const viewer = { participantId: actor.participantId, role: actor.role, roomId };
    const polls = (await this.stores.polls.listPolls(who.workshopId)).filter(
      (poll) => poll.status !== "draft" && seesPoll(viewer, poll),
    );
    // After the end the salt is gone: nobody, the voter included, can find an anonymous ballot's voter.
    const keys = polls.some((poll) => poll.definition.anonymous) ? await this.keyring.keysFor(who.workshopId) : null;
    const ballots: Record<string, Ballot> = {};
    const retracted: PollId[] = [];
    await Promise.all(
      polls.map(async (poll) => {
        const { pollId } = poll;
        const { anonymous } = poll.definition;
        if (anonymous && !keys) return;
        const voterKey = anonymous && keys ? keys.ballot(pollId, actor.participantId) : actor.participantId;
        const ballot = await this.stores.polls.ballotOf(who.workshopId, { pollId, voterKey, anonymous });
        if (ballot === "retracted") retracted.push(pollId);
        else if (ballot) ballots[pollId] = ballot;
      }),
    );
    return { ballots, retracted: retracted.sort() };
  }

  /**
   * The voter takes their ballot back, in an open or a closed poll: it leaves the results (every
   * viewer's, through the tally feed) and every report made after. In a poll that does not allow
   * changing a vote, the person cannot vote again afterwards (the store keeps an empty mark).
   */
  async retract(
    who: CommandContext,
    command: CommandRef,
    payload: ParsedPayload<"poll:retract">,
  ): Promise<CommandResult<"poll:retract">> {
    for (let attempt = 0; attempt < MAX_FRESH_ATTEMPTS; attempt++) {
      const { actor, workshop } = who;
      const poll = await this.requirePoll(who.workshopId, payload.pollId);
      const viewer = { participantId: actor.participantId, role: actor.role, roomId: await this.roomOf(who, workshop) };
      if (poll.status === "draft" || !seesPoll(viewer, poll)) throw new DomainError("NOT_FOUND", "no such poll");
      const voter = await this.voterRefOf(who, { pollId: poll.pollId, anonymous: poll.definition.anonymous });
      const outcome = await this.stores.polls.retractBallot<CommandResult<"poll:retract">>(who.workshopId, command, {
        ...voter,
        resultRetracted: JSON.stringify({ pollId: poll.pollId, retracted: true }),
        resultNone: JSON.stringify({ pollId: poll.pollId, retracted: false }),
      });
      if (outcome.status === "missing") throw new DomainError("NOT_FOUND", "no such poll");
      if (outcome.status !== "stale") return outcome.result;
    }
    throw new DomainError("CONFLICT", "the poll kept changing; try again");
  }

  /** A text poll's answers as written, for its managers. Sorted, so the order says nothing about who answered when. */
  async answers(who: CommandContext, payload: ParsedPayload<"poll:answers">): Promise<CommandResult<"poll:answers">> {
    const context = await this.context(who);
    const poll = await this.requirePoll(who.workshopId, payload.pollId);
    this.requireManager(context, poll.definition);
    return { pollId: poll.pollId, answers: await this.textAnswers(who.workshopId, poll) };
  }

  async textAnswers(workshopId: WorkshopId, poll: PollView): Promise<Array<{ roomId: RoomId | null; text: string }>> {
    if (poll.definition.kind !== "text") throw new DomainError("BAD_REQUEST", "only open-text polls have answers");
    const answers = (await this.stores.polls.listBallots(workshopId, poll.pollId)).flatMap((stored) =>
      stored.ballot.kind === "text" ? [{ roomId: stored.roomId, text: stored.ballot.text }] : [],
    );
    return answers.sort(
      (a, b) => (a.roomId ?? "").localeCompare(b.roomId ?? "") || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    );
  }

  /**
   * A poll's results for download, authorised by a facilitator's or note-taker's session
   * token. No voter appears in it; open-text answers are sorted, without authors.
   */
  async exportData(sessionToken: string, workshopId: WorkshopId, pollId: PollId): Promise<PollExport> {
    // An ended workshop's results stay downloadable; a removed person's token does not.
    const { actor, workshop } = await this.workshops.contextOfToken(sessionToken);
    if (actor.status !== "active" || workshop.workshopId !== workshopId) {
      throw new DomainError("UNAUTHORIZED", "session not recognised");
    }
    if (actor.role !== "facilitator" && actor.role !== "note-taker") {
      throw new DomainError("FORBIDDEN", "only facilitators and note-takers export results");
    }
    const poll = await this.requirePoll(workshopId, pollId);
    if (poll.status === "draft") throw new DomainError("INVALID_STATE", "a draft has no results");
    const round = workshop.currentRoundId
      ? await this.stores.breakout.getRound(workshopId, workshop.currentRoundId)
      : null;
    const { results } = await this.results(workshopId, poll, round);
    const { createdBy: _omitted, ...pollFields } = poll;
    const roomNames: Record<string, string> = {};
    for (const rounds of await this.stores.breakout.listRounds(workshopId)) {
      for (const room of rounds.rooms) roomNames[room.roomId] = room.name;
    }
    return {
      poll: pollFields,
      results,
      roomNames,
      ...(poll.definition.kind === "text" ? { answers: await this.textAnswers(workshopId, poll) } : {}),
    };
  }

  /**
   * The current results of one poll, from its counters (one read however many voted), or from
   * `known` counters (a ballot notification carried them) without reading.
   */
  async results(
    workshopId: WorkshopId,
    poll: PollView,
    round: RoundView | null,
    known?: PollTally,
  ): Promise<PollResultsUpdate> {
    const tally = known ?? (await this.stores.polls.getTally(workshopId, poll.pollId));
    const { scope } = poll.definition;
    const rooms =
      scope.kind === "everyRoom"
        ? ((round?.roundId === scope.roundId ? round : await this.stores.breakout.getRound(workshopId, scope.roundId))
            ?.rooms ?? [])
        : [];
    return {
      pollId: poll.pollId,
      tallyVersion: tally.tallyVersion,
      results: resultsFromCounters(
        poll.definition,
        tally.counters,
        rooms.map((room) => room.roomId),
      ),
    };
  }

  /** The shared clock: closes an open poll whose time is up, exactly once whichever node gets there first. */
  async advance(workshopId: WorkshopId, pollId: PollId): Promise<void> {
    const poll = await this.stores.polls.getPoll(workshopId, pollId);
    if (poll?.status === "open" && poll.closesAt !== null && poll.closesAt <= this.now()) {
      const next = closePoll(poll, poll.closesAt);
      await this.stores.workshops.commit(
        workshopId,
        { actorId: "clock", commandId: `autoclose-${pollId}-${poll.openedAt ?? 0}` },
        {
          writes: [{ kind: "poll", pollId, expected: poll, next }],
          events: [{ type: "poll:upserted", poll: next }],
          result: null,
        },
      );
    }
    const latest = await this.stores.polls.getPoll(workshopId, pollId);
    if (latest?.status === "open" && latest.closesAt !== null) {
      await this.stores.timers.scheduleTimer(workshopId, pollId, latest.closesAt, "exact");
    } else {
      await this.stores.timers.clearTimer(workshopId, pollId);
    }
  }

  private async commitPoll(
    who: CommandContext,
    command: CommandRef,
    decide: () => Promise<{ expected: PollView | null; next: PollView }>,
  ): Promise<PollView> {
    const poll = await decideAndCommit(this.stores.workshops, who.workshopId, command, async () => {
      const { expected, next } = await decide();
      return {
        writes: [{ kind: "poll" as const, pollId: next.pollId, expected, next }],
        events: [{ type: "poll:upserted" as const, poll: next }],
        result: next,
      };
    });
    // Also on a retry: scheduling is idempotent, and the first attempt may have died before it.
    if (poll.status === "open" && poll.closesAt !== null) {
      await this.stores.timers.scheduleTimer(who.workshopId, poll.pollId, poll.closesAt, "earliest");
    }
    return poll;
  }

  /** The authorized actor and workshop, with the current round (scope checks; room leads manage their room's polls). */
  private async context(who: CommandContext): Promise<PollContext> {
    const { actor, workshop } = who;
    const round =
      who.round ??
      (workshop.currentRoundId ? await this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId) : null);
    return { actor, workshop, round };
  }

  private requireManager(context: PollContext, definition: PollDefinition): void {
    if (!managesPoll(context.actor, definition, context.round)) {
      throw new DomainError("FORBIDDEN", "only facilitators, or the lead of this poll's room, run this poll");
    }
  }

  /** A plenary poll may belong to a programme session: one that exists. */
  private async requireScopeSession(workshopId: WorkshopId, definition: PollDefinition): Promise<void> {
    const { scope } = definition;
    if (scope.kind === "plenary" && scope.sessionId) {
      requireSession(await this.stores.programme.getSession(workshopId, scope.sessionId));
    }
  }

  private async requirePoll(workshopId: WorkshopId, pollId: PollId): Promise<PollView> {
    const poll = await this.stores.polls.getPoll(workshopId, pollId);
    if (!poll) throw new DomainError("NOT_FOUND", "no such poll");
    return poll;
  }

  /** The person's room in the current round while it runs; null in the plenary. */
  private async roomOf(who: Actor, workshop: WorkshopRecord): Promise<RoomId | null> {
    if (!workshop.currentRoundId) return null;
    const [round, roomId] = await Promise.all([
      this.stores.breakout.getRound(who.workshopId, workshop.currentRoundId),
      this.stores.breakout.getAssignment(who.workshopId, workshop.currentRoundId, who.participantId),
    ]);
    return isRunning(round) ? roomId : null;
  }
}

/** The answer to a vote from what the store did with its ballot. */
/** The vote's answer; `counted` hears the tally version of a ballot that changed the count. */
function answerOf(
  outcome: CastOutcome<CommandResult<"poll:vote">>,
  counted: ((tallyVersion: number) => void) | undefined,
): CommandResult<"poll:vote"> {
  switch (outcome.status) {
    case "applied":
      if (outcome.changed) counted?.(outcome.tallyVersion);
      return outcome.result;
    case "duplicate":
      return outcome.result;
    case "closed":
      throw new DomainError("POLL_CLOSED", "the poll closed before your vote arrived");
    case "alreadyVoted":
      throw new DomainError("ALREADY_VOTED", "this poll does not allow changing a vote");
    case "missing":
      throw new DomainError("NOT_FOUND", "no such poll");
    case "stale":
      // The callers decide again on stale; one that hands it here has run out of attempts.
      throw new DomainError("CONFLICT", "the poll kept changing; try again");
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
    }
  }
}
