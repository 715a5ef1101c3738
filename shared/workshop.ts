import { z } from "zod";
import {
  BreakoutStateSchema,
  BroadcastViewSchema,
  HelpViewSchema,
  RoomStateViewSchema,
  RoundCountsSchema,
  RoundStatusFieldsSchema,
  RoundViewSchema,
  TagsSchema,
} from "./breakout.js";
import { CallSettingsSchema, CallsViewSchema } from "./calls.js";
import {
  FacilitatorKeySchema,
  JoinCodeSchema,
  ParticipantIdSchema,
  ProgrammeSessionIdSchema,
  RoomIdSchema,
  RoundIdSchema,
  SessionTokenSchema,
  WorkshopIdSchema,
} from "./ids.js";
import { NoteAccessSchema } from "./notes.js";
import { PollIdSchema, PollViewSchema } from "./poll.js";
import { ProgrammeSessionViewSchema } from "./programme.js";
import { AttributionSchema } from "./report.js";
import { nameText } from "./text.js";

export const Role = {
  facilitator: "facilitator",
  noteTaker: "note-taker",
  /** Trained to support people in distress: sees the private support queue and what any participant sees. */
  safeguardingLead: "safeguarding-lead",
  participant: "participant",
} as const;
export const RoleSchema = z.enum([Role.facilitator, Role.noteTaker, Role.safeguardingLead, Role.participant]);
export type Role = z.infer<typeof RoleSchema>;

export const DISPLAY_NAME_MAX = 40;
export const TITLE_MAX = 120;

/** Pseudonyms are welcome: nothing here asks for a real name. */
export const DisplayNameSchema = nameText(DISPLAY_NAME_MAX);
export const WorkshopTitleSchema = nameText(TITLE_MAX);

export const CreateWorkshopRequestSchema = z.strictObject({ title: WorkshopTitleSchema });
export const CreateWorkshopResponseSchema = z.object({
  workshopId: WorkshopIdSchema,
  joinCode: z.string(),
  facilitatorKey: FacilitatorKeySchema,
  /** Days after its end that a workshop and everything in it are kept, then deleted (RETENTION_DAYS). */
  retentionDays: z.number().positive(),
});
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponseSchema>;

/**
 * A random id the client picks once per join and repeats if it has to retry the handshake
 * before `session:ready` arrived: the retry resumes the person the first attempt created.
 */
export const JoinIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Socket.IO handshake `auth`: exactly one of the three ways in. */
/**
 * The connection starts with the people list open (`roster:watch` switches it later): a
 * participant of an open roster is then sent every person, live. Absent: not watching.
 */
const WatchRosterSchema = z.boolean().optional();

export const HandshakeAuthSchema = z.union([
  z.strictObject({
    joinCode: JoinCodeSchema,
    displayName: DisplayNameSchema,
    joinId: JoinIdSchema.optional(),
    protocol: z.number().int().optional(),
    watchRoster: WatchRosterSchema,
  }),
  z.strictObject({
    facilitatorKey: FacilitatorKeySchema,
    displayName: DisplayNameSchema,
    joinId: JoinIdSchema.optional(),
    protocol: z.number().int().optional(),
    watchRoster: WatchRosterSchema,
  }),
  z.strictObject({
    sessionToken: SessionTokenSchema,
    /** The last workshop version the client applied: lets the server send only what was missed. */
    sinceVersion: z.number().int().nonnegative().optional(),
    protocol: z.number().int().optional(),
    watchRoster: WatchRosterSchema,
  }),
]);
export type HandshakeAuth = z.input<typeof HandshakeAuthSchema>;

export const WorkshopStatusSchema = z.enum(["active", "ended"]);
export const WorkshopViewSchema = z.object({
  workshopId: WorkshopIdSchema,
  title: z.string(),
  joinCode: z.string(),
  status: WorkshopStatusSchema,
  createdAt: z.number().int(),
  /** Whether outcome reports may name people; shown to everyone, so asking a named question is informed consent. */
  reportAttribution: AttributionSchema,
  /** New questions and new polls start anonymous (people can still choose otherwise, and always see which). */
  anonymousByDefault: z.boolean(),
  /**
   * Participants see each other only as a count, except staff, people who chose to be listed and,
   * in a room that allows it, their roommates (shared/audience.ts). On for new workshops.
   */
  rosterPrivate: z.boolean(),
  /** When the workshop ended (null while it runs). */
  endedAt: z.number().int().nullable(),
  /** When everything the workshop holds is deleted for good (null while it runs: set when it ends). */
  deleteAt: z.number().int().nullable(),
});
export type WorkshopView = z.infer<typeof WorkshopViewSchema>;

/** Who someone is in the workshop. Presence (online) travels separately, in its own events. */
export const ParticipantProfileSchema = z.object({
  participantId: ParticipantIdSchema,
  displayName: z.string(),
  role: RoleSchema,
  /** The person chose to be listed to other participants when the roster is private. */
  listed: z.boolean(),
});
export type ParticipantProfile = z.infer<typeof ParticipantProfileSchema>;

export const ParticipantViewSchema = ParticipantProfileSchema.extend({ online: z.boolean() });
export type ParticipantView = z.infer<typeof ParticipantViewSchema>;

/**
 * One person in a snapshot's roster, as a tuple: `[participantId, displayName, role, online, listed]`.
 * The roster is the part of a newcomer's snapshot that grows with the forum (every person, to
 * every joiner, often on a phone over weak mobile data): as objects it was ~100 bytes a person,
 * most of them the same four keys; as tuples about half. `rosterEntry`/`participantOfRosterEntry`
 * are the only two places that know the order.
 */
export const RosterEntrySchema = z.tuple([ParticipantIdSchema, z.string(), RoleSchema, z.boolean(), z.boolean()]);
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

export function rosterEntry(participant: ParticipantView): RosterEntry {
  return [participant.participantId, participant.displayName, participant.role, participant.online, participant.listed];
}

export function participantOfRosterEntry([
  participantId,
  displayName,
  role,
  online,
  listed,
]: RosterEntry): ParticipantView {
  return { participantId, displayName, role, online, listed };
}

/**
 * The `breakout:room` answer: the room's state and, for a participant in a room that shows names
 * under a private roster, the roster entries of its people they may now see by name.
 */
export const RoomAnswerSchema = RoomStateViewSchema.extend({
  /**
   * The version the answer is as of, when the node answered from its copy moved along the log:
   * the batches up to it came before the answer on the socket. A client already past it (a batch
   * overtook the answer) asks again (`applyRoomState`). Absent: read from the store just now.
   */
  version: z.number().int().nonnegative().optional(),
  people: z.array(RosterEntrySchema).optional(),
  /** The room's call link (shared/calls.ts): the viewer is in the room, so it is theirs; absent or null: none. */
  call: z.string().nullable().optional(),
});
export type RoomAnswer = z.infer<typeof RoomAnswerSchema>;

/**
 * How many people the workshop has (active) and how many are online, at a version: what a
 * participant sees instead of names when the roster is private. Sent outside the log (the latest
 * version wins), in snapshots and in catch-ups that hold people's events.
 */
export const PeopleCountSchema = z.object({
  version: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
  online: z.number().int().nonnegative(),
});
export type PeopleCount = z.infer<typeof PeopleCountSchema>;

/**
 * The `roster:watch` answer. Watching: every person the viewer is now sent, as of `version`
 * (the events after it carry every person's changes); the client applies it when its copy is
 * at exactly that version, else asks again. Not watching: `roster` is null; the client drops
 * the people it is no longer sent.
 */
export const RosterWatchAnswerSchema = z.object({
  version: z.number().int().nonnegative(),
  roster: z.array(RosterEntrySchema).nullable(),
});
export type RosterWatchAnswer = z.infer<typeof RosterWatchAnswerSchema>;

/**
 * Facts in the workshop's ordered log. `v` is the workshop version the fact produced:
 * versions are consecutive, so a client that sees v jump knows it missed something.
 */
export const WorkshopEventSchema = z.discriminatedUnion("type", [
  /** Someone joined or changed role; keeps whatever presence the client already knows. */
  z.object({
    v: z.number().int(),
    type: z.literal("participant:upserted"),
    participant: ParticipantProfileSchema,
    /** Set when someone joins already connected: one event instead of two in a join storm. */
    online: z.boolean().optional(),
  }),
  z.object({
    v: z.number().int(),
    type: z.literal("participant:presence"),
    participantId: ParticipantIdSchema,
    online: z.boolean(),
  }),
  z.object({
    v: z.number().int(),
    type: z.literal("participant:removed"),
    participantId: ParticipantIdSchema,
    reason: z.enum(["removed", "left"]),
  }),
  z.object({ v: z.number().int(), type: z.literal("workshop:updated"), workshop: WorkshopViewSchema }),
  /** Someone's tags changed (facilitators and the person themself see this). */
  z.object({
    v: z.number().int(),
    type: z.literal("participant:tagged"),
    participantId: ParticipantIdSchema,
    tags: TagsSchema,
  }),
  /** A round was planned or changed (status, timer, rooms, leads). Everyone sees rounds. */
  z.object({ v: z.number().int(), type: z.literal("breakout:round"), round: RoundViewSchema }),
  /**
   * The current round's status and clock changed, nothing else (open, the countdown, extended,
   * closed): its rooms are not sent again (at 500 rooms they are ~50 KB, to everyone). Everyone
   * sees it; it applies to the round it names only (`withRoundStatus`).
   */
  z.object({
    v: z.number().int(),
    type: z.literal("breakout:roundStatus"),
    ...RoundStatusFieldsSchema.shape,
  }),
  /** Someone moved between rooms (null: the plenary). Seen by facilitators, the person, and both rooms. */
  z.object({
    v: z.number().int(),
    type: z.literal("breakout:assigned"),
    roundId: RoundIdSchema,
    participantId: ParticipantIdSchema,
    roomId: RoomIdSchema.nullable(),
    fromRoomId: RoomIdSchema.nullable(),
  }),
  /** A banner for one room or all. */
  z.object({ v: z.number().int(), type: z.literal("breakout:broadcast"), broadcast: BroadcastViewSchema }),
  /** A help request changed. Seen by facilitators and its room. */
  z.object({ v: z.number().int(), type: z.literal("help:updated"), help: HelpViewSchema }),
  /** A poll was created, edited, opened, closed or reopened. Drafts: facilitators and their maker; a room's poll: that room. */
  z.object({ v: z.number().int(), type: z.literal("poll:upserted"), poll: PollViewSchema }),
  /** A notes document was opened to everyone in its room for editing, or closed again. */
  z.object({ v: z.number().int(), type: z.literal("notes:access"), access: NoteAccessSchema }),
  /**
   * The call link of the plenary (roomId null: everyone) or of one room of a round (its people and
   * facilitators); url null: no link any more.
   */
  z.object({
    v: z.number().int(),
    type: z.literal("call:link"),
    roundId: RoundIdSchema.nullable(),
    roomId: RoomIdSchema.nullable(),
    url: z.string().nullable(),
  }),
  /** The call settings (plenary, template, pasted links) changed: facilitators only. */
  z.object({ v: z.number().int(), type: z.literal("call:settings"), settings: CallSettingsSchema }),
  /** A draft was deleted (only drafts can be). */
  z.object({
    v: z.number().int(),
    type: z.literal("poll:deleted"),
    pollId: PollIdSchema,
    createdBy: ParticipantIdSchema,
  }),
  /** A programme session was added or changed (times, text, order). Everyone sees the programme. */
  z.object({ v: z.number().int(), type: z.literal("programme:upserted"), session: ProgrammeSessionViewSchema }),
  z.object({ v: z.number().int(), type: z.literal("programme:deleted"), sessionId: ProgrammeSessionIdSchema }),
]);
export type WorkshopEvent = z.infer<typeof WorkshopEventSchema>;
/** An event before the store has given it its version. */
export type UnversionedEvent = WorkshopEvent extends infer E ? (E extends unknown ? Omit<E, "v"> : never) : never;

export const WorkshopSnapshotSchema = z.object({
  version: z.number().int().nonnegative(),
  workshop: WorkshopViewSchema,
  /** The active people the viewer is sent (`RosterEntrySchema`; shared/audience.ts `seesPerson`). */
  roster: z.array(RosterEntrySchema),
  /**
   * The roster was cut for a viewer sent every person (`seesWholeRoster`: staff, or watching an
   * open roster). A client that watches but got a snapshot cut otherwise asks `roster:watch` again.
   */
  wholeRoster: z.boolean(),
  /** How many people there are, whoever the viewer may see by name. */
  people: PeopleCountSchema,
  /** The breakout state as far as the viewer may see it. */
  breakout: BreakoutStateSchema,
  /** The polls the viewer may see (drafts only for their managers). Results travel in `poll:results`. */
  polls: z.array(PollViewSchema),
  /** Notes documents opened to everyone for editing. */
  notesAccess: z.array(NoteAccessSchema),
  /** The programme's sessions, in order (shared/programme.ts); everyone sees all of them. */
  programme: z.array(ProgrammeSessionViewSchema),
  /** Call links the viewer may see: the plenary's, their room's (every room's for facilitators). */
  calls: CallsViewSchema,
});
export type WorkshopSnapshot = z.infer<typeof WorkshopSnapshotSchema>;

/** What a (re)connecting client needs: the full state, or only what it missed when the log still has it. */
/** Consecutive workshop facts fromVersion..toVersion, those the viewer may see (`workshop:events`). */
export const EventBatchSchema = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  events: z.array(WorkshopEventSchema),
  /**
   * How many people are here and online as of `toVersion`, in every batch whose range held
   * people's events (whoever may see them): everyone's count without a second message.
   */
  people: PeopleCountSchema.optional(),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;

/**
 * A first state may be older than what the node already sent its other sockets (a join storm
 * shares one read): `catchUp` is the batch of what followed, filtered for the viewer, and
 * `counts` the round's head-counts after it, in the same message, so the state a client shows
 * once `session:ready` is applied is complete.
 */
const firstStateFields = {
  catchUp: EventBatchSchema.optional(),
  /** The current round's head-counts now (they travel outside the log, so the events alone miss them). */
  counts: RoundCountsSchema.nullable().optional(),
};

export const SyncResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("snapshot"), snapshot: WorkshopSnapshotSchema, ...firstStateFields }),
  z.object({
    kind: z.literal("events"),
    fromVersion: z.number().int(),
    events: z.array(WorkshopEventSchema),
    ...firstStateFields,
    /** The people counts now, when the events hold people's events (they change the counts). */
    people: PeopleCountSchema.optional(),
  }),
]);
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const SessionViewSchema = z.object({
  workshopId: WorkshopIdSchema,
  participantId: ParticipantIdSchema,
  role: RoleSchema,
  displayName: z.string(),
  /** Kept by the client to resume after a reload or reconnect; never logged. */
  sessionToken: SessionTokenSchema,
});
export type SessionView = z.infer<typeof SessionViewSchema>;
