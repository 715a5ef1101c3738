import { z } from "zod";
import {
  AssignConstraintsSchema,
  AssignResultSchema,
  BROADCAST_MAX,
  BroadcastViewSchema,
  HELP_TEXT_MAX,
  HelpViewSchema,
  PlanRoundPayloadSchema,
  PreassignResultSchema,
  RoundCountsSchema,
  RoundViewSchema,
  TagsSchema,
} from "./breakout.js";
import { CallSettingsSchema, CallTemplateSchema, CallUrlSchema } from "./calls.js";
import {
  CHAT_HIDE_REASON_MAX,
  CHAT_PAGE_MAX,
  ChatChannelIdSchema,
  ChatMessagesEventSchema,
  ChatMessageViewSchema,
  ChatPageSchema,
  ChatTextSchema,
} from "./chat.js";
import { HandChangeSchema, HandsViewSchema, ReactionCountsSchema, ReactionKindSchema } from "./hands.js";
import {
  CommandIdSchema,
  HelpIdSchema,
  ParticipantIdSchema,
  ProgrammeSessionIdSchema,
  RoomIdSchema,
  RoundIdSchema,
  WorkshopIdSchema,
} from "./ids.js";
import {
  BinarySchema,
  NoteAccessSchema,
  NoteDocIdSchema,
  SnapshotIdSchema,
  SnapshotNameSchema,
  SnapshotViewSchema,
} from "./notes.js";
import {
  BallotSchema,
  PollAnswersSchema,
  PollDefinitionSchema,
  PollIdSchema,
  PollResultsUpdateSchema,
  PollViewSchema,
} from "./poll.js";
import { PROGRAMME_MAX_SESSIONS, ProgrammeSessionViewSchema, SessionDraftSchema } from "./programme.js";
import { type Ack, PROTOCOL_VERSION } from "./protocol.js";
import {
  BoardIdSchema,
  BoardSettingsSchema,
  BoardViewSchema,
  QNA_DISMISS_REASON_MAX,
  QNA_REPLY_MAX,
  QnaChangedSchema,
  QuestionIdSchema,
  QuestionSecretSchema,
  QuestionTextSchema,
  QuestionViewSchema,
} from "./qna.js";
import { AttributionSchema } from "./report.js";
import {
  SupportContactSchema,
  SupportCountSchema,
  SupportListSchema,
  SupportMessageTextSchema,
  SupportNoteSchema,
  SupportRequestIdSchema,
  SupportRequestViewSchema,
  SupportSettingsSchema,
} from "./support.js";
import { freeText, nameText } from "./text.js";
import {
  EventBatchSchema,
  ParticipantProfileSchema,
  RoleSchema,
  RoomAnswerSchema,
  RosterWatchAnswerSchema,
  SessionViewSchema,
  SyncResultSchema,
  WorkshopViewSchema,
} from "./workshop.js";

const write = { commandId: CommandIdSchema };

/**
 * THE table of client commands. Each entry: the payload schema (strict: unknown keys are
 * refused), the result schema, and whether it writes (writes carry a commandId and are
 * applied at most once). Socket.IO event maps, the server's handler registry, the policy
 * table and docs/PROTOCOL.md are all derived from or checked against this table.
 */
export const commands = {
  "workshop:sync": {
    summary: "Get the current state, or only the events after sinceVersion when the server still has them.",
    write: false,
    payload: z.strictObject({ sinceVersion: z.number().int().nonnegative().optional() }),
    result: SyncResultSchema,
  },
  "roster:watch": {
    summary:
      "Open (or close) the people list: while open, every person of an open roster and their presence, live (the answer holds them as of its version); closed, counts and the people you meet only.",
    write: false,
    payload: z.strictObject({ watching: z.boolean() }),
    result: RosterWatchAnswerSchema,
  },
  "participant:setRole": {
    summary: "Promote or demote someone (facilitator, note-taker, participant).",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema, role: RoleSchema }),
    result: ParticipantProfileSchema,
  },
  "participant:remove": {
    summary: "Remove someone: their session is revoked on every node at once.",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema }),
    result: z.object({ participantId: ParticipantIdSchema }),
  },
  "session:leave": {
    summary: "Leave the workshop for good (quick exit): the session is revoked and the name leaves the list.",
    write: true,
    payload: z.strictObject({ ...write }),
    result: z.object({}),
  },
  "workshop:end": {
    summary: "End the workshop for everyone.",
    write: true,
    payload: z.strictObject({ ...write }),
    result: WorkshopViewSchema,
  },
  "workshop:setAnonymityDefault": {
    summary: "Whether new questions and new polls start anonymous (on for new workshops); everyone sees the setting.",
    write: true,
    payload: z.strictObject({ ...write, anonymousByDefault: z.boolean() }),
    result: WorkshopViewSchema,
  },
  "workshop:delete": {
    summary: "Delete the workshop now, for good: every key on every node, everyone disconnected (also after it ended).",
    write: true,
    payload: z.strictObject({ ...write }),
    result: z.object({ workshopId: WorkshopIdSchema }),
  },
  "workshop:setAttribution": {
    summary:
      "Whether outcome reports may name people (named questions asked after this, note-takers); everyone sees the setting.",
    write: true,
    payload: z.strictObject({ ...write, attribution: AttributionSchema }),
    result: WorkshopViewSchema,
  },
  "participant:setTags": {
    summary: "Set someone's tags (language, region...): yourself, or anyone as a facilitator.",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema, tags: TagsSchema }),
    result: z.object({ participantId: ParticipantIdSchema, tags: TagsSchema }),
  },
  "workshop:setRosterPrivacy": {
    summary:
      "Whether participants see each other only as a count (on for new workshops): staff, listed people and roommates in a room that shows names excepted.",
    write: true,
    payload: z.strictObject({ ...write, rosterPrivate: z.boolean() }),
    result: WorkshopViewSchema,
  },
  "participant:setListed": {
    summary: "Show or hide your own name to other participants while the roster is private (off by default).",
    write: true,
    payload: z.strictObject({ ...write, listed: z.boolean() }),
    result: ParticipantProfileSchema,
  },
  "programme:create": {
    summary:
      "Facilitators: add a session to the programme (title, kind, start and end, description, speakers, content note).",
    write: true,
    payload: z.strictObject({ ...write, session: SessionDraftSchema }),
    result: ProgrammeSessionViewSchema,
  },
  "programme:update": {
    summary: "Facilitators: rewrite a session of the programme (every field; absent optional ones are cleared).",
    write: true,
    payload: z.strictObject({ ...write, sessionId: ProgrammeSessionIdSchema, session: SessionDraftSchema }),
    result: ProgrammeSessionViewSchema,
  },
  "programme:delete": {
    summary: "Facilitators: take a session off the programme (its rounds, polls and questions stay, without it).",
    write: true,
    payload: z.strictObject({ ...write, sessionId: ProgrammeSessionIdSchema }),
    result: z.object({ sessionId: ProgrammeSessionIdSchema }),
  },
  "programme:reorder": {
    summary:
      "Facilitators: the order of sessions that start at the same time (parallel tracks), as a list of every session id.",
    write: true,
    payload: z.strictObject({
      ...write,
      sessionIds: z.array(ProgrammeSessionIdSchema).min(1).max(PROGRAMME_MAX_SESSIONS),
    }),
    result: z.object({ sessionIds: z.array(ProgrammeSessionIdSchema) }),
  },
  "breakout:room": {
    summary: "The people, help requests and banners of one room (yours, or any as a facilitator).",
    write: false,
    payload: z.strictObject({ roundId: RoundIdSchema, roomId: RoomIdSchema }),
    result: RoomAnswerSchema,
  },
  "breakout:plan": {
    summary: "Plan a breakout round: rooms (name, topic, capacity), duration, warning, self-select, reuse groups.",
    write: true,
    payload: PlanRoundPayloadSchema.extend(write),
    result: RoundViewSchema,
  },
  "breakout:assign": {
    summary: "Balanced random assignment of everyone not yet placed (or everyone, reshuffle), with constraints.",
    write: true,
    payload: z.strictObject({
      ...write,
      roundId: RoundIdSchema,
      constraints: AssignConstraintsSchema.optional(),
      reshuffle: z.boolean().optional(),
    }),
    result: AssignResultSchema,
  },
  "breakout:move": {
    summary: "Move people to a room, or back to the plenary (roomId null).",
    write: true,
    payload: z.strictObject({
      ...write,
      roundId: RoundIdSchema,
      participantIds: z.array(ParticipantIdSchema).min(1).max(500),
      roomId: RoomIdSchema.nullable(),
    }),
    result: z.object({ moved: z.number().int() }),
  },
  "breakout:swap": {
    summary: "Swap the rooms of two people.",
    write: true,
    payload: z.strictObject({
      ...write,
      roundId: RoundIdSchema,
      participantIds: z.tuple([ParticipantIdSchema, ParticipantIdSchema]),
    }),
    result: z.object({ moved: z.number().int() }),
  },
  "breakout:preassign": {
    summary: "Assign from a pasted list of `name or id -> room name` lines; reports what did not match.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, text: z.string().max(60_000) }),
    result: PreassignResultSchema,
  },
  "breakout:pick": {
    summary: "Self-select: take a seat in a room (refused with ROOM_FULL when it is full, on every node).",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, roomId: RoomIdSchema }),
    result: z.object({ roomId: RoomIdSchema }),
  },
  "breakout:open": {
    summary: "Open the planned round: rooms start and the timer runs.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema }),
    result: RoundViewSchema,
  },
  "breakout:extend": {
    summary: "Give an open round more time.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, seconds: z.number().int().min(30).max(3600) }),
    result: RoundViewSchema,
  },
  "breakout:end": {
    summary: "End the round: a countdown of warningSeconds, or at once (immediate); everyone returns to the plenary.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, immediate: z.boolean().optional() }),
    result: RoundViewSchema,
  },
  "breakout:closeRoom": {
    summary: "Close one room early: its people return to the plenary.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, roomId: RoomIdSchema }),
    result: RoundViewSchema,
  },
  "breakout:setLead": {
    summary: "Make a participant lead of one room (or clear it with null).",
    write: true,
    payload: z.strictObject({
      ...write,
      roundId: RoundIdSchema,
      roomId: RoomIdSchema,
      participantId: ParticipantIdSchema.nullable(),
    }),
    result: RoundViewSchema,
  },
  "breakout:leaveRoom": {
    summary: "Go back to the plenary from your room.",
    write: true,
    payload: z.strictObject({ ...write }),
    result: z.object({}),
  },
  "breakout:visit": {
    summary: "Facilitators: join any room of the open round, or leave it (roomId null).",
    write: true,
    payload: z.strictObject({ ...write, roomId: RoomIdSchema.nullable() }),
    result: z.object({}),
  },
  "breakout:broadcast": {
    summary: "Show a short banner in one room or in all rooms (roomId null).",
    write: true,
    payload: z.strictObject({ ...write, roomId: RoomIdSchema.nullable(), text: nameText(BROADCAST_MAX) }),
    result: BroadcastViewSchema,
  },
  "help:request": {
    summary: "Ask for help in your room (optional short text). Who asked is not stored.",
    write: true,
    payload: z.strictObject({ ...write, text: freeText(HELP_TEXT_MAX).optional() }),
    result: HelpViewSchema,
  },
  "help:take": {
    summary: "A facilitator (or the room's lead) says 'on my way'.",
    write: true,
    payload: z.strictObject({ ...write, helpId: HelpIdSchema }),
    result: HelpViewSchema,
  },
  "help:resolve": {
    summary: "Mark a help request resolved.",
    write: true,
    payload: z.strictObject({ ...write, helpId: HelpIdSchema }),
    result: HelpViewSchema,
  },
  "call:setPlenary": {
    summary: "Facilitators: the plenary's call link (https), or none (null). Everyone in the workshop sees it.",
    write: true,
    payload: z.strictObject({ ...write, url: CallUrlSchema.nullable() }),
    result: CallSettingsSchema,
  },
  "call:setTemplate": {
    summary:
      "Facilitators: the rooms' call link template with {room} (and {workshop}), filled in per room; null: none. Each room's people see only their room's link.",
    write: true,
    payload: z.strictObject({ ...write, template: CallTemplateSchema.nullable() }),
    result: CallSettingsSchema,
  },
  "call:setRoom": {
    summary:
      "Facilitators: a call link pasted for one room of the current round (wins over the template); null: back to the template.",
    write: true,
    payload: z.strictObject({ ...write, roundId: RoundIdSchema, roomId: RoomIdSchema, url: CallUrlSchema.nullable() }),
    result: CallSettingsSchema,
  },
  "support:request": {
    summary:
      "Ask the safeguarding leads for support, privately (optional short note; contact in the app or in your room). One open request per person: asking again answers the open one.",
    write: true,
    payload: z.strictObject({ ...write, note: SupportNoteSchema.optional(), contact: SupportContactSchema }),
    result: SupportRequestViewSchema,
  },
  "support:take": {
    summary: "A safeguarding lead takes a waiting request (the person sees who).",
    write: true,
    payload: z.strictObject({ ...write, requestId: SupportRequestIdSchema }),
    result: SupportRequestViewSchema,
  },
  "support:message": {
    summary: "A message in a request's private conversation: its person, or the lead who took it.",
    write: true,
    payload: z.strictObject({ ...write, requestId: SupportRequestIdSchema, text: SupportMessageTextSchema }),
    result: SupportRequestViewSchema,
  },
  "support:close": {
    summary: "End a request: its person (cancel, or end the conversation) or a lead.",
    write: true,
    payload: z.strictObject({ ...write, requestId: SupportRequestIdSchema }),
    result: SupportRequestViewSchema,
  },
  "support:list": {
    summary:
      "Your own open requests; for safeguarding leads every open one; for facilitators only the count, when the workshop allows.",
    write: false,
    payload: z.strictObject({}),
    result: SupportListSchema,
  },
  "support:settings": {
    summary: "Facilitators: whether facilitators see how many support requests are open (a count, never who).",
    write: true,
    payload: z.strictObject({ ...write, countToFacilitators: z.boolean() }),
    result: SupportSettingsSchema,
  },
  "hands:raise": {
    summary:
      "Raise your hand in the plenary: you join the speaker queue in the order of raising (raising again keeps your place).",
    write: true,
    payload: z.strictObject({ ...write }),
    result: HandChangeSchema,
  },
  "hands:lower": {
    summary: "Lower your own hand (no participantId), or anyone's as a facilitator.",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema.optional() }),
    result: HandChangeSchema,
  },
  "hands:call": {
    summary:
      "Facilitators: invite the next waiting hand to speak, or a given person's (refused with INVALID_STATE when no hand waits).",
    write: true,
    payload: z.strictObject({ ...write, participantId: ParticipantIdSchema.optional() }),
    result: HandChangeSchema,
  },
  "hands:queue": {
    summary: "The speaker queue as you may see it: your own place and how many wait (facilitators: everyone, by name).",
    write: false,
    payload: z.strictObject({}),
    result: HandsViewSchema,
  },
  "reactions:send": {
    summary:
      "A quick reaction in the plenary (one of a fixed set): counted, never stored, nobody told who. Not retried: a lost one is lost.",
    write: false,
    payload: z.strictObject({ kind: ReactionKindSchema }),
    result: z.object({}),
  },
  "poll:create": {
    summary: "Create a poll as a draft, or open it at once (open: true). Facilitators; a room's lead for their room.",
    write: true,
    payload: z.strictObject({ ...write, definition: PollDefinitionSchema, open: z.boolean().optional() }),
    result: PollViewSchema,
  },
  "poll:update": {
    summary: "Edit a draft poll's definition.",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema, definition: PollDefinitionSchema }),
    result: PollViewSchema,
  },
  "poll:open": {
    summary: "Open a draft, or reopen a closed poll (ballots are kept; the auto-close timer starts again).",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema }),
    result: PollViewSchema,
  },
  "poll:close": {
    summary: "Close an open poll: later votes are refused with POLL_CLOSED.",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema }),
    result: PollViewSchema,
  },
  "poll:duplicate": {
    summary: "Copy a poll's definition into a new draft (no ballots).",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema }),
    result: PollViewSchema,
  },
  "poll:delete": {
    summary: "Delete a draft.",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema }),
    result: z.object({ pollId: PollIdSchema }),
  },
  "poll:vote": {
    summary: "Cast or change your ballot. One per person per poll; anonymous ballots carry no participant id.",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema, ballot: BallotSchema }),
    result: z.object({ pollId: PollIdSchema, ballot: BallotSchema, changed: z.boolean() }),
  },
  "poll:retract": {
    summary:
      "Take back your own ballot (open or closed poll): it leaves the results and every later report. Anonymous too.",
    write: true,
    payload: z.strictObject({ ...write, pollId: PollIdSchema }),
    result: z.object({ pollId: PollIdSchema, retracted: z.boolean() }),
  },
  "poll:mine": {
    summary:
      "Your own ballots in the polls you can see (after a reload or on another device), and the polls where you took yours back for good.",
    write: false,
    payload: z.strictObject({}),
    result: z.object({
      ballots: z.record(z.string(), BallotSchema),
      /** Polls without vote change where you took your ballot back: you cannot vote there again. */
      retracted: z.array(PollIdSchema),
    }),
  },
  "poll:answers": {
    summary: "Every open-text answer of a text poll, as written, without authors: the poll's managers only.",
    write: false,
    payload: z.strictObject({ pollId: PollIdSchema }),
    result: PollAnswersSchema,
  },
  "qna:board": {
    summary: "A Q&A board as the viewer may see it: the plenary's, your room's, or any as a facilitator.",
    write: false,
    payload: z.strictObject({ boardId: BoardIdSchema }),
    result: BoardViewSchema,
  },
  "qna:ask": {
    summary:
      "Ask a question, named or anonymous, with a secret your client made: only it can edit or withdraw the question later (the server keeps a hash).",
    write: true,
    payload: z.strictObject({
      ...write,
      /** Random, made by the asker's client and kept there; the server stores only its hash and echoes it back. */
      secret: QuestionSecretSchema,
      boardId: BoardIdSchema,
      text: QuestionTextSchema,
      anonymous: z.boolean(),
      /**
       * The asker saw, when asking, that reports may name them (the client shows it while the
       * workshop allows attribution). Only then may an attributed report credit a named question.
       */
      creditConsent: z.boolean().optional(),
    }),
    result: z.object({ question: QuestionViewSchema, secret: QuestionSecretSchema }),
  },
  "qna:edit": {
    summary: "The author edits their question while it awaits approval (proved by its secret).",
    write: true,
    payload: z.strictObject({
      ...write,
      questionId: QuestionIdSchema,
      secret: QuestionSecretSchema,
      text: QuestionTextSchema,
    }),
    result: QuestionViewSchema,
  },
  "qna:withdraw": {
    summary:
      "The author deletes their question, in any state (proved by its secret): gone from every view, its upvotes and every later report.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, secret: QuestionSecretSchema }),
    result: z.object({ questionId: QuestionIdSchema }),
  },
  "qna:mine": {
    summary: "Your own questions, by their secrets (the server does not know which are yours).",
    write: false,
    payload: z.strictObject({
      items: z.array(z.strictObject({ questionId: QuestionIdSchema, secret: QuestionSecretSchema })).max(200),
    }),
    result: z.object({ questions: z.array(QuestionViewSchema) }),
  },
  "qna:upvote": {
    summary: "Upvote (up: true) or take it back (up: false). Once per person; who voted is not stored.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, up: z.boolean() }),
    result: z.object({ questionId: QuestionIdSchema, up: z.boolean(), votes: z.number().int() }),
  },
  "qna:approve": {
    summary: "Moderators: show a pending question to everyone.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema }),
    result: QuestionViewSchema,
  },
  "qna:dismiss": {
    summary: "Moderators: dismiss a question, with an optional reason shown to its author.",
    write: true,
    payload: z.strictObject({
      ...write,
      questionId: QuestionIdSchema,
      reason: freeText(QNA_DISMISS_REASON_MAX).optional(),
    }),
    result: QuestionViewSchema,
  },
  "qna:restore": {
    summary: "Moderators: bring a dismissed question back (approved).",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema }),
    result: QuestionViewSchema,
  },
  "qna:pin": {
    summary: "Moderators: pin one question as 'now answering' (questionId null: unpin the board's).",
    write: true,
    payload: z.strictObject({ ...write, boardId: BoardIdSchema, questionId: QuestionIdSchema.nullable() }),
    result: z.object({ boardId: BoardIdSchema, questionId: QuestionIdSchema.nullable() }),
  },
  "qna:answer": {
    summary: "Moderators: mark a question answered (optionally with a short reply); it moves to the answered tab.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, reply: freeText(QNA_REPLY_MAX).optional() }),
    result: QuestionViewSchema,
  },
  "qna:reply": {
    summary: "Moderators: write or change the short reply to a question (empty: remove it).",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, reply: freeText(QNA_REPLY_MAX) }),
    result: QuestionViewSchema,
  },
  "qna:correct": {
    summary: "Moderators: fix a typo in a question; it shows as edited.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, text: QuestionTextSchema }),
    result: QuestionViewSchema,
  },
  "qna:claim": {
    summary:
      "Moderators: 'I'm handling this' on a question awaiting approval (claim false: let it go); the board's other moderators see who.",
    write: true,
    payload: z.strictObject({ ...write, questionId: QuestionIdSchema, claim: z.boolean() }),
    result: QuestionViewSchema,
  },
  "qna:settings": {
    summary: "Moderators: turn pre-moderation on or off for a board.",
    write: true,
    payload: z.strictObject({ ...write, boardId: BoardIdSchema, preModeration: z.boolean() }),
    result: BoardSettingsSchema,
  },
  "chat:history": {
    summary:
      "A page of a chat's messages, oldest first: the newest page without beforeSeq, else the page before it. The plenary's, your room's, or any as a facilitator.",
    write: false,
    payload: z.strictObject({
      channelId: ChatChannelIdSchema,
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(CHAT_PAGE_MAX).optional(),
    }),
    result: ChatPageSchema,
  },
  "chat:send": {
    summary: "Send a chat message (up to 500 characters) to the plenary's chat or your room's; once per commandId.",
    write: true,
    payload: z.strictObject({ ...write, channelId: ChatChannelIdSchema, text: ChatTextSchema }),
    result: ChatMessageViewSchema,
  },
  "chat:hide": {
    summary:
      "Moderators: hide a chat message for everyone, with a reason shown in its place (its text is deleted from storage).",
    write: true,
    payload: z.strictObject({
      ...write,
      channelId: ChatChannelIdSchema,
      seq: z.number().int().positive(),
      reason: freeText(CHAT_HIDE_REASON_MAX).refine((text) => text.length > 0, { message: "must not be empty" }),
    }),
    result: ChatMessageViewSchema,
  },
  "notes:open": {
    summary:
      "Start following a notes document: your state vector in, what you lack (and the server's state vector) out.",
    write: false,
    payload: z.strictObject({ docId: NoteDocIdSchema, stateVector: BinarySchema }),
    result: z.object({
      update: BinarySchema,
      stateVector: BinarySchema,
      canEdit: z.boolean(),
      openToAll: z.boolean(),
      /** Largest update the server takes: clients send their edits in pieces under it. */
      maxUpdateBytes: z.number().int(),
    }),
  },
  "notes:close": {
    summary: "Stop following a notes document.",
    write: false,
    payload: z.strictObject({ docId: NoteDocIdSchema }),
    result: z.object({}),
  },
  "notes:update": {
    summary: "A Yjs update to a notes document; acked once stored (applying one twice is harmless).",
    write: true,
    payload: z.strictObject({ ...write, docId: NoteDocIdSchema, update: BinarySchema }),
    result: z.object({ bytes: z.number().int() }),
  },
  "notes:awareness": {
    summary: "Cursor and name of an editor (y-protocols awareness), relayed to the document's followers, never stored.",
    write: false,
    payload: z.strictObject({ docId: NoteDocIdSchema, update: BinarySchema }),
    result: z.object({}),
  },
  "notes:setAccess": {
    summary: "Facilitators: open a document to everyone in its room for editing, or back to note-takers only.",
    write: true,
    payload: z.strictObject({ ...write, docId: NoteDocIdSchema, openToAll: z.boolean() }),
    result: NoteAccessSchema,
  },
  "notes:snapshot": {
    summary: "Save the document's current state under a name (e.g. 'end of round 1').",
    write: true,
    payload: z.strictObject({ ...write, docId: NoteDocIdSchema, name: SnapshotNameSchema }),
    result: SnapshotViewSchema,
  },
  "notes:snapshots": {
    summary: "The named snapshots of a document.",
    write: false,
    payload: z.strictObject({ docId: NoteDocIdSchema }),
    result: z.object({ snapshots: z.array(SnapshotViewSchema) }),
  },
  "notes:snapshotState": {
    summary: "One snapshot's content as a Yjs update, to view it.",
    write: false,
    payload: z.strictObject({ docId: NoteDocIdSchema, snapshotId: SnapshotIdSchema }),
    result: z.object({ update: BinarySchema }),
  },
  "notes:restore": {
    summary: "Make the document's text what it was at a snapshot (as a new edit everyone receives).",
    write: true,
    payload: z.strictObject({ ...write, docId: NoteDocIdSchema, snapshotId: SnapshotIdSchema }),
    result: z.object({ bytes: z.number().int() }),
  },
} as const;

export type CommandName = keyof typeof commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandPayload<C extends CommandName> = z.input<(typeof commands)[C]["payload"]>;
export type ParsedPayload<C extends CommandName> = z.output<(typeof commands)[C]["payload"]>;
export type CommandResult<C extends CommandName> = z.output<(typeof commands)[C]["result"]>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(commands, name);
}

/** `workshop_lost`: the store lost its data (Redis restarted empty or flushed), this workshop with it. */
export const RevokeReasonSchema = z.enum(["removed", "left", "workshop_ended", "workshop_deleted", "workshop_lost"]);
export type RevokeReason = z.infer<typeof RevokeReasonSchema>;

/** Events the server pushes. Their payloads are schemas too, so tests and the client can check them. */
export const serverEvents = {
  "session:ready": {
    summary: "Sent once per connection: who you are and the state to start from.",
    payload: z.object({
      protocol: z.literal(PROTOCOL_VERSION),
      session: SessionViewSchema,
      sync: SyncResultSchema,
      /** The server's clock (ms), so clients can show timers right whatever their own clock says. */
      serverTime: z.number().int(),
    }),
  },
  "workshop:events": {
    summary: "Coalesced batch of consecutive workshop facts (fromVersion..toVersion), at most ~10 a second.",
    payload: EventBatchSchema,
  },
  "breakout:counts": {
    summary: "Head-count per room of the current round, coalesced (at most ~10 a second), for free seats.",
    payload: RoundCountsSchema,
  },
  "poll:results": {
    summary:
      "A poll's results, coalesced (at most ~10 a second per poll, only when changed), to those allowed to see them.",
    payload: PollResultsUpdateSchema,
  },
  "qna:changed": {
    summary:
      "Q&A questions and board settings that changed, coalesced (at most ~10 a second), only what the receiver may see.",
    payload: QnaChangedSchema,
  },
  "chat:messages": {
    summary:
      "New chat messages of one channel, and ones hidden since, coalesced (at most ~10 a second per channel), to the channel's readers only.",
    payload: ChatMessagesEventSchema,
  },
  "notes:update": {
    summary: "A stored Yjs update of a document you follow, from another editor.",
    payload: z.object({ docId: NoteDocIdSchema, update: BinarySchema }),
  },
  "notes:awareness": {
    summary: "Another editor's cursor and name in a document you follow.",
    payload: z.object({ docId: NoteDocIdSchema, update: BinarySchema }),
  },
  "support:changed": {
    summary: "A support request changed: sent to its person and to the safeguarding leads, nobody else.",
    payload: z.object({ request: SupportRequestViewSchema }),
  },
  "support:count": {
    summary:
      "How many support requests are open (never who): to facilitators, after changes; count null while the workshop does not allow it.",
    payload: z.object({ count: SupportCountSchema.nullable(), countToFacilitators: z.boolean() }),
  },
  "hands:changed": {
    summary:
      "The speaker queue changed: your own cut of it (facilitators: everyone by name; others: their place and how many wait), coalesced.",
    payload: HandsViewSchema,
  },
  "reactions:burst": {
    summary:
      "Reactions of the whole plenary (every node) summed over a short window: at most a few a second per viewer, never one per reaction.",
    payload: z.object({ counts: ReactionCountsSchema }),
  },
  "session:revoked": {
    summary:
      "Your session ended (removed, left, the workshop ended, was deleted or was lost); the server disconnects you next.",
    payload: z.object({ reason: RevokeReasonSchema }),
  },
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]["payload"]>;

/** Socket.IO typed maps, derived from the tables above: no payload type is written twice. */
export type ClientToServerEvents = {
  [C in CommandName]: (payload: CommandPayload<C>, ack: (response: Ack<CommandResult<C>>) => void) => void;
};
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};
