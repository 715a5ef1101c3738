import type { CommandName } from "../../shared/events.js";
import type { Role } from "../../shared/workshop.js";
import { DomainError } from "./errors.js";
import type { ParticipantRecord, WorkshopRecord } from "./records.js";

interface Rule {
  /** Roles that may run the command at all. */
  roles: readonly Role[];
  /** Whether the command still makes sense once the workshop has ended. */
  allowedWhenEnded: boolean;
  /** A room's lead may also run it, for their own room only (the service checks which room). */
  roomLead?: boolean;
  /**
   * The service authorizes it itself, from its own copy of the actor (the vote's one-round-trip
   * path, re-checked by the store's version): the command wrapper does not read the actor first.
   */
  authorizedInService?: true;
}

const everyone = ["facilitator", "note-taker", "safeguarding-lead", "participant"] as const;
const facilitators = ["facilitator"] as const;
const safeguardingLeads = ["safeguarding-lead"] as const;

/** THE policy table: role x action x state. Every command is checked here before it runs. */
export const policy = {
  "workshop:sync": { roles: everyone, allowedWhenEnded: true },
  // Who is sent which people is the roster rule's (shared/audience.ts); the list is anyone's to open.
  "roster:watch": { roles: everyone, allowedWhenEnded: true },
  "participant:setRole": { roles: facilitators, allowedWhenEnded: false },
  "participant:remove": { roles: facilitators, allowedWhenEnded: false },
  "session:leave": { roles: everyone, allowedWhenEnded: true },
  "workshop:end": { roles: facilitators, allowedWhenEnded: false },
  "workshop:setAnonymityDefault": { roles: facilitators, allowedWhenEnded: false },
  // Deleting for good is also what a facilitator does after the end, once the report is out.
  "workshop:delete": { roles: facilitators, allowedWhenEnded: true },
  // A report of an ended workshop may still be made attributed (or not) afterwards.
  "workshop:setAttribution": { roles: facilitators, allowedWhenEnded: true },
  // Everyone may set their own tags; only facilitators set other people's (checked by the service).
  "participant:setTags": { roles: everyone, allowedWhenEnded: false },
  "workshop:setRosterPrivacy": { roles: facilitators, allowedWhenEnded: false },
  // Everyone, for themself only (the service takes no one else's id).
  "participant:setListed": { roles: everyone, allowedWhenEnded: false },
  // The programme: everyone sees it (in every snapshot); only facilitators write it.
  "programme:create": { roles: facilitators, allowedWhenEnded: false },
  "programme:update": { roles: facilitators, allowedWhenEnded: false },
  "programme:delete": { roles: facilitators, allowedWhenEnded: false },
  "programme:reorder": { roles: facilitators, allowedWhenEnded: false },
  // Your own room, or any room as a facilitator (checked by the service).
  "breakout:room": { roles: everyone, allowedWhenEnded: true },
  "breakout:plan": { roles: facilitators, allowedWhenEnded: false },
  "breakout:assign": { roles: facilitators, allowedWhenEnded: false },
  "breakout:move": { roles: facilitators, allowedWhenEnded: false },
  "breakout:swap": { roles: facilitators, allowedWhenEnded: false },
  "breakout:preassign": { roles: facilitators, allowedWhenEnded: false },
  "breakout:pick": { roles: everyone, allowedWhenEnded: false },
  "breakout:open": { roles: facilitators, allowedWhenEnded: false },
  "breakout:extend": { roles: facilitators, allowedWhenEnded: false },
  "breakout:end": { roles: facilitators, allowedWhenEnded: false },
  "breakout:closeRoom": { roles: facilitators, allowedWhenEnded: false },
  "breakout:setLead": { roles: facilitators, allowedWhenEnded: false },
  "breakout:leaveRoom": { roles: everyone, allowedWhenEnded: false },
  "breakout:visit": { roles: facilitators, allowedWhenEnded: false },
  "breakout:broadcast": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "help:request": { roles: everyone, allowedWhenEnded: false },
  "help:take": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "help:resolve": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  // Call links: facilitators set them; people receive them through events and snapshots.
  "call:setPlenary": { roles: facilitators, allowedWhenEnded: false },
  "call:setTemplate": { roles: facilitators, allowedWhenEnded: false },
  "call:setRoom": { roles: facilitators, allowedWhenEnded: false },
  // Private support: anyone asks; only safeguarding leads take (the service checks whose request
  // a message or a close is); facilitators get a count at most, never who.
  "support:request": { roles: everyone, allowedWhenEnded: false },
  "support:take": { roles: safeguardingLeads, allowedWhenEnded: false },
  "support:message": { roles: everyone, allowedWhenEnded: false },
  "support:close": { roles: everyone, allowedWhenEnded: false },
  "support:list": { roles: everyone, allowedWhenEnded: false },
  "support:settings": { roles: facilitators, allowedWhenEnded: false },
  // Hands in the plenary: anyone raises and lowers their own (the service checks whose hand a
  // lowering is: facilitators may lower anyone's); only facilitators call someone to speak.
  "hands:raise": { roles: everyone, allowedWhenEnded: false },
  "hands:lower": { roles: everyone, allowedWhenEnded: false },
  "hands:call": { roles: facilitators, allowedWhenEnded: false },
  "hands:queue": { roles: everyone, allowedWhenEnded: false },
  // Reactions are counted anonymously; the plenary check and the per-connection limit are the reactions feed's.
  "reactions:send": { roles: everyone, allowedWhenEnded: false },
  // A room's lead runs the polls of their own room (the service checks which room).
  "poll:create": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "poll:update": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "poll:open": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "poll:close": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "poll:duplicate": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "poll:delete": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  // Who may vote in which poll (its room, its status) is the service's to check.
  "poll:vote": { roles: everyone, allowedWhenEnded: false, authorizedInService: true },
  // Your own ballot, in a poll you can see (the service checks).
  "poll:retract": { roles: everyone, allowedWhenEnded: false },
  "poll:mine": { roles: everyone, allowedWhenEnded: true },
  "poll:answers": { roles: facilitators, allowedWhenEnded: true, roomLead: true },
  // Q&A: the plenary board and your room's (the service checks the board); moderation by
  // facilitators and, on their room's board, the room's lead.
  "qna:board": { roles: everyone, allowedWhenEnded: true },
  "qna:ask": { roles: everyone, allowedWhenEnded: false },
  "qna:edit": { roles: everyone, allowedWhenEnded: false },
  "qna:withdraw": { roles: everyone, allowedWhenEnded: false },
  "qna:mine": { roles: everyone, allowedWhenEnded: true },
  "qna:upvote": { roles: everyone, allowedWhenEnded: false },
  "qna:approve": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:dismiss": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:restore": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:pin": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:answer": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:reply": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:correct": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:claim": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  "qna:settings": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  // Chat: the plenary's and your room's (the service checks the channel); hiding by facilitators
  // and, in their room's chat, the room's lead (as Q&A moderation).
  "chat:history": { roles: everyone, allowedWhenEnded: true },
  "chat:send": { roles: everyone, allowedWhenEnded: false },
  "chat:hide": { roles: facilitators, allowedWhenEnded: false, roomLead: true },
  // Notes: who reads and who edits which document is the service's to check (role, room, access).
  "notes:open": { roles: everyone, allowedWhenEnded: true },
  "notes:close": { roles: everyone, allowedWhenEnded: true },
  "notes:update": { roles: everyone, allowedWhenEnded: false },
  "notes:awareness": { roles: everyone, allowedWhenEnded: false },
  "notes:setAccess": { roles: facilitators, allowedWhenEnded: false },
  "notes:snapshot": { roles: ["facilitator", "note-taker"], allowedWhenEnded: false, roomLead: true },
  "notes:snapshots": { roles: everyone, allowedWhenEnded: true },
  "notes:snapshotState": { roles: everyone, allowedWhenEnded: true },
  "notes:restore": { roles: ["facilitator", "note-taker"], allowedWhenEnded: false, roomLead: true },
} as const satisfies Record<CommandName, Rule>;

/**
 * Downloads over REST (not socket commands, so not rows of the table above), in the same terms:
 * which roles may take what. `results`: poll results, questions and the outcome report (the
 * record of the forum: facilitators and note-takers). `reportChat`: including a chat in a report,
 * facilitators alone: chat is people talking, not the record note-takers keep; a facilitator
 * chooses it per report, and the report still names no one (issue 17).
 */
export const downloadPolicy = {
  results: {
    roles: ["facilitator", "note-taker"],
    refusal: "only facilitators and note-takers download results and reports",
  },
  reportChat: { roles: facilitators, refusal: "only facilitators include a chat in a report" },
} as const satisfies Record<string, { roles: readonly Role[]; refusal: string }>;

export type DownloadAction = keyof typeof downloadPolicy;

/** Throws FORBIDDEN unless the role may take this download. */
export function authorizeDownload(action: DownloadAction, role: Role): void {
  const rule: { roles: readonly Role[]; refusal: string } = downloadPolicy[action];
  if (!rule.roles.includes(role)) throw new DomainError("FORBIDDEN", rule.refusal);
}

/** Commands their service authorizes itself (see Rule.authorizedInService); every other one is authorized by the wrapper. */
export type AuthorizedInService = {
  [C in CommandName]: (typeof policy)[C] extends { authorizedInService: true } ? C : never;
}[CommandName];

export function isAuthorizedInService(command: CommandName): command is AuthorizedInService {
  return "authorizedInService" in policy[command];
}

/** How the actor is allowed: by role, or only as the lead of one room (the service checks the room). */
export type Authority = "role" | "roomLead";

/** Throws the refusal the client should see, or says how the actor may run the command now. */
export function authorize(
  command: CommandName,
  actor: ParticipantRecord | null,
  workshop: WorkshopRecord,
  leadsARoom = false,
): Authority {
  if (actor?.status !== "active") throw new DomainError("SESSION_REVOKED", "your session has ended");
  const rule: Rule = policy[command];
  if (workshop.status === "ended" && !rule.allowedWhenEnded) {
    throw new DomainError("WORKSHOP_ENDED", "the workshop has ended");
  }
  if (rule.roles.includes(actor.role)) return "role";
  if (rule.roomLead && leadsARoom) return "roomLead";
  throw new DomainError("FORBIDDEN", `a ${actor.role} may not do ${command}`);
}
